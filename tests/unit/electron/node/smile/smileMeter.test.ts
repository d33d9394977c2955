import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeImageFile } from '../../../../../electron/node/smile/decodeImageFile';
import { loadFaceApi, type Tfjs } from '../../../../../electron/node/smile/loadFaceApi';
import { FaceAnalyzer, type FaceApi } from '../../../../../src/exhibits/smile/core/faceAnalyzer';
import { FaceTracker, type VisitorEvent } from '../../../../../src/exhibits/smile/core/FaceTracker';
import { SmileMeter } from '../../../../../src/exhibits/smile/core/SmileMeter';
import type { RgbImage } from '../../../../../src/exhibits/smile/core/rgbImage';
import { modelScorer } from '../../../../../src/exhibits/smile/core/smileScorer';
import { smileModel } from '../../../../../src/exhibits/smile/core/smileModel';

const fixture = join(__dirname, '../../../../fixtures/smile-eval');
const W = 320;
const H = 240;

/** A grey 320x240 frame with `face` pasted at (x, y). */
function frameWith(face: RgbImage | null, x: number, y: number): RgbImage {
  const data = new Uint8Array(W * H * 3).fill(128);
  if (face) for (let r = 0; r < face.height; r++) data.set(face.data.subarray(r * face.width * 3, (r + 1) * face.width * 3), ((y + r) * W + x) * 3);
  return { width: W, height: H, data };
}

describe('SmileMeter on face-api (node-wasm): a synthetic walk-through', () => {
  let faceapi: FaceApi;
  let tf: Tfjs;
  beforeAll(async () => {
    ({ faceapi, tf } = await loadFaceApi('wasm'));
  }, 60_000);

  it('counts one smiling and one non-smiling visitor, each once, without leaking tensors', async () => {
    const smiling = decodeImageFile(join(fixture, 'smile', 'sample3-a.jpg'));
    const neutral = decodeImageFile(join(fixture, 'no-smile', 'sample6-c.jpg'));
    const analyzer = new FaceAnalyzer(faceapi, smileModel.analyzer);
    const meter = new SmileMeter(analyzer, modelScorer(smileModel), new FaceTracker({ minFrames: 4, maxMissedFrames: 3, decideAfterSamples: 6, minFaceSize: 0.2, smile: { aggregation: 'trimmedMean', trim: 0.2, threshold: smileModel.threshold } }));
    // Visitor 1 walks left->right, the scene is empty for 5 frames, visitor 2 walks right->left.
    const script: Array<[RgbImage | null, number]> = [
      ...Array.from({ length: 8 }, (_, i): [RgbImage, number] => [smiling, 10 + i * 25]),
      ...Array.from({ length: 5 }, (): [null, number] => [null, 0]),
      ...Array.from({ length: 8 }, (_, i): [RgbImage, number] => [neutral, 210 - i * 25]),
    ];
    const events: VisitorEvent[] = [];
    const before = tf.memory().numTensors;
    for (const [face, x] of script) {
      const t = analyzer.toTensor(frameWith(face, x, 70));
      try {
        events.push(...(await meter.processFrame(t)));
      } finally {
        t.dispose();
      }
    }
    events.push(...meter.finish(W, H));
    expect(tf.memory().numTensors).toBe(before);
    expect(meter.framesProcessed).toBe(script.length);
    // Once a visitor's smile is decided (6 scores), the expression net is no longer run on them.
    expect(meter.facesDescribed).toBe(12);
    expect(events.map((e) => e.smiling)).toEqual([true, false]);
    expect(meter.tracker.visitors).toBe(2);
    expect(meter.tracker.smilingVisitors).toBe(1);
  }, 120_000);
});
