import { describe, expect, it } from 'vitest';
import type { FaceObservation } from '../../../../common/smile/faceAnalyzer';
import { happyScorer, modelScorer, smileFeatures, type SmileModelFile } from '../../../../common/smile/smileScorer';
import { smileModel } from '../../../../common/smile/smileModel';

function observation(
  happy: number,
  landmarks: Float32Array | null = new Float32Array(136).map((_, i) => (i * 7919) % 97),
): FaceObservation {
  const rest = (1 - happy) / 6;
  return {
    box: { x: 0, y: 0, width: 50, height: 50 },
    detectionScore: 0.9,
    expressions: [rest, happy, rest, rest, rest, rest, rest],
    bottleneck: Float32Array.from({ length: 256 }, (_, i) => i / 256),
    landmarks,
  };
}

describe('smile scorer', () => {
  it('builds named features: expression log-odds, mouth geometry, bottleneck values', () => {
    const f = smileFeatures(observation(0.8), ['logit:happy', 'bottleneck:128', 'mouth:mouthWidth']);
    expect(f[0]).toBeCloseTo(Math.log(0.8 / 0.2));
    expect(f[1]).toBeCloseTo(0.5);
    expect(Number.isFinite(f[2])).toBe(true);
    expect(() => smileFeatures(observation(0.8), ['logit:joy'])).toThrow(/unknown expression feature/);
    expect(() => smileFeatures(observation(0.8, null), ['mouth:mouthWidth'])).toThrow(/needs landmarks/);
    expect(() => smileFeatures(observation(0.8), ['bottleneck:999'])).toThrow(/unknown bottleneck/);
  });

  it('the raw scorer is the happy probability; a model scorer applies its logistic weights', () => {
    expect(happyScorer(observation(0.3))).toBeCloseTo(0.3);
    const file: SmileModelFile = {
      ...smileModel,
      model: { featureNames: ['logit:happy'], mean: [0], std: [1], weights: [1], bias: 0 },
    };
    // Weight 1 on the log-odds with no bias gives back the probability itself.
    expect(modelScorer(file)(observation(0.3))).toBeCloseTo(0.3);
  });

  it('the shipped model scores a face with every feature it names, between 0 and 1', () => {
    const s = modelScorer(smileModel)(observation(0.6));
    expect(s).toBeGreaterThanOrEqual(0);
    expect(s).toBeLessThanOrEqual(1);
    expect(smileModel.model.weights).toHaveLength(smileModel.model.featureNames.length);
  });
});
