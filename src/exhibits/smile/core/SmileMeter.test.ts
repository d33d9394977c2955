import { describe, expect, it } from 'vitest';
import type { FaceAnalyzer, FaceBox, FaceObservation } from './faceAnalyzer';
import { FaceTracker } from './FaceTracker';
import { SmileMeter } from './SmileMeter';
import { happyScorer } from './smileScorer';

type Frame = Parameters<SmileMeter['processFrame']>[0];
const frame = { shape: [480, 640, 3] } as unknown as Frame;

/**
 * An analyzer double: `detect` returns the same three well-separated faces every frame (three visitors standing in
 * view), `describe` records which boxes it was asked for and returns a smiling observation for each.
 */
function standingCrowd() {
  const boxes: FaceBox[] = [0, 1, 2].map((i) => ({ x: 40 + i * 200, y: 150, width: 120, height: 120 }));
  const asked: number[][] = [];
  const analyzer = {
    detect: async () => boxes.map((box) => ({ box, score: 0.9 })),
    describe: async (_: Frame, kept: ReadonlyArray<{ box: FaceBox; score: number }>): Promise<FaceObservation[]> => {
      asked.push(kept.map((k) => boxes.indexOf(k.box)));
      return kept.map((k) => ({ box: k.box, detectionScore: k.score, expressions: [0, 0.9, 0, 0, 0, 0, 0.1], bottleneck: new Float32Array(0), landmarks: null }));
    },
  } as unknown as FaceAnalyzer;
  return { analyzer, asked };
}

describe('SmileMeter', () => {
  it('describes every undecided face when uncapped', async () => {
    const { analyzer, asked } = standingCrowd();
    const meter = new SmileMeter(analyzer, happyScorer, new FaceTracker({ minFrames: 2, decideAfterSamples: 4 }));
    meter.maxDescribedPerFrame = Number.POSITIVE_INFINITY;
    await meter.processFrame(frame);
    expect(asked).toEqual([[0, 1, 2]]);
    expect(meter.lastStageTimes.described).toBe(3);
  });

  it('with a cap of one face per frame, takes the faces in turn so every visitor gets its samples and is counted', async () => {
    const { analyzer, asked } = standingCrowd();
    const meter = new SmileMeter(analyzer, happyScorer, new FaceTracker({ minFrames: 2, decideAfterSamples: 4 }));
    expect(meter.maxDescribedPerFrame, "the kiosk's default").toBe(1);
    const events = [];
    for (let i = 0; i < 12; i++) events.push(...(await meter.processFrame(frame)));
    expect(asked.every((a) => a.length === 1)).toBe(true);
    expect(asked.slice(0, 3).map((a) => a[0]).sort()).toEqual([0, 1, 2]);
    // 4 samples each in 12 frames: all three decided (smiling), then nobody is described again.
    expect(events.map((e) => e.smiling)).toEqual([true, true, true]);
    expect(meter.facesDescribed).toBe(12);
    await meter.processFrame(frame);
    expect(asked[12], "decided visitors are not described again").toEqual([]);
  });
});
