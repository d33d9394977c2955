import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  evaluateSmileFolder,
  listLabelledImages,
  rotateImage,
  type SmileEvalRow,
} from '../../../../../node/kiosk/smile/evaluateSmileFolder';
import { loadFaceApi, type Tfjs } from '../../../../../node/kiosk/smile/loadFaceApi';
import { decodeImageFile } from '../../../../../node/kiosk/smile/decodeImageFile';
import { FaceAnalyzer, type FaceApi } from '../../../../../common/smile/faceAnalyzer';
import { padImage } from '../../../../../common/smile/rgbImage';
import { smileModel } from '../../../../../common/smile/smileModel';
import { makeTempDir } from '../../../../fixtures/tempDir';

// Face crops from the sample photos inside @vladmandic/face-api (see tests/fixtures/smile-eval/README.md).
const fixture = join(__dirname, '../../../../fixtures/smile-eval');

describe('evaluateSmileFolder (face-api node-wasm, local weights)', () => {
  let faceapi: FaceApi;
  let tf: Tfjs;
  const temp = makeTempDir('smile-eval-');
  beforeAll(async () => {
    ({ faceapi, tf } = await loadFaceApi('wasm'));
  }, 60_000);
  afterAll(() => temp.cleanup());

  it('runs on the wasm backend with only the detector, expression and tiny landmark nets loaded', () => {
    expect(tf.getBackend()).toBe('wasm');
    expect(faceapi.nets.tinyFaceDetector.isLoaded).toBe(true);
    expect(faceapi.nets.faceExpressionNet.isLoaded).toBe(true);
    expect(faceapi.nets.faceRecognitionNet.isLoaded).toBe(false);
  });

  it('finds the faces, separates the smiling crops, and computes every metric from the run', async () => {
    const rows: SmileEvalRow[] = [];
    const r = await evaluateSmileFolder(faceapi, fixture, { classifier: 'model', model: smileModel, onImage: (row) => rows.push(row) });
    expect(r.images).toBe(5);
    // The blank image has no face; the four crops do.
    expect(rows.find((x) => x.file.endsWith('blank.png'))).toMatchObject({ detected: false, score: null });
    expect(r.detected).toBe(4);
    expect(r.detectionRate).toBeCloseTo(4 / 5);
    const smile = rows.filter((x) => x.label === 1).map((x) => x.score!);
    const neutral = rows.filter((x) => x.label === 0 && x.detected).map((x) => x.score!);
    expect(Math.min(...smile)).toBeGreaterThan(Math.max(...neutral));
    expect(r.rocAuc).toBe(1);
    expect(r.threshold).toBe(smileModel.threshold);
    // Accuracy follows from the per-image scores at the reported threshold.
    const correct = rows.filter((x) => x.detected && x.score! >= r.threshold === (x.label === 1)).length;
    expect(r.accuracy).toBeCloseTo(correct / 4);
    expect(r.msPerImage).toBeGreaterThan(0);
  }, 60_000);

  it('reports different numbers for a different folder (nothing hard-coded)', async () => {
    const dir = join(temp.dir, 'swapped');
    // Labels swapped: the smiling crops filed as no-smile and vice versa, so the ranking is exactly wrong.
    cpSync(join(fixture, 'smile'), join(dir, 'no-smile'), { recursive: true });
    cpSync(join(fixture, 'no-smile'), join(dir, 'smile'), { recursive: true });
    const r = await evaluateSmileFolder(faceapi, dir, { classifier: 'raw', model: smileModel });
    expect(r).toMatchObject({ images: 5, detected: 4, rocAuc: 0, threshold: 0.5 });
    expect(r.balancedAccuracy).toBeLessThan(0.5);
  }, 60_000);

  it('explains a folder without the expected layout', () => {
    mkdirSync(join(temp.dir, 'bad', 'smile'), { recursive: true });
    expect(() => listLabelledImages(join(temp.dir, 'bad'))).toThrow(/no \.jpg/);
    writeFileSync(join(temp.dir, 'bad', 'smile', 'a.jpg'), 'not an image');
    expect(() => listLabelledImages(join(temp.dir, 'bad'))).toThrow(/"no-smile\/" subfolder/);
    expect(() => decodeImageFile(join(temp.dir, 'bad', 'smile', 'a.jpg'))).toThrow(/not a JPEG or PNG/);
  });

  it('rotates an image about its centre (the --roll stress test)', () => {
    // 3x3 with one bright pixel right of centre: a quarter turn moves it below the centre (y down).
    const data = new Uint8Array(27).fill(0);
    data.set([255, 255, 255], (1 * 3 + 2) * 3);
    const turned = rotateImage({ width: 3, height: 3, data }, Math.PI / 2, 0);
    expect(Array.from(turned.data.subarray((2 * 3 + 1) * 3, (2 * 3 + 1) * 3 + 3))).toEqual([255, 255, 255]);
    expect(turned.data.reduce((a, b) => a + b, 0)).toBe(3 * 255);
    expect(rotateImage({ width: 3, height: 3, data }, 0, 0).data).toEqual(data);
  });

  it('with align, a tilted face gets about the expression output of the upright face; without, less so', async () => {
    const plain = new FaceAnalyzer(faceapi, { ...smileModel.analyzer, align: false });
    const aligned = new FaceAnalyzer(faceapi, { ...smileModel.analyzer, align: true });
    const run = async (
      analyzer: FaceAnalyzer,
      image: ReturnType<typeof padImage>,
      box: { box: { x: number; y: number; width: number; height: number }; score: number },
    ) => {
      const t = analyzer.toTensor(image);
      try {
        return (await analyzer.describe(t, [box]))[0]!.expressions;
      } finally {
        t.dispose();
      }
    };
    const distance = (a: number[], b: number[]) => a.reduce((sum, x, k) => sum + Math.abs(x - b[k]!), 0);
    let [plainShift, alignedShift] = [0, 0];
    for (const file of ['smile/sample3-a.jpg', 'smile/sample6-b.png', 'no-smile/sample2-a.jpg', 'no-smile/sample6-c.jpg']) {
      const upright = padImage(decodeImageFile(join(fixture, file)), 3);
      const t = plain.toTensor(upright);
      const [found] = await plain.detect(t).finally(() => t.dispose());
      // The same detector box on the upright and the tilted image: only the roll differs.
      for (const roll of [-0.35, 0.35]) {
        const tilted = rotateImage(upright, roll);
        plainShift += distance(await run(plain, upright, found!), await run(plain, tilted, found!));
        alignedShift += distance(await run(aligned, upright, found!), await run(aligned, tilted, found!));
      }
    }
    expect(alignedShift).toBeLessThan(plainShift * 0.7);
  }, 120_000);

  it('keeps tf.memory().numTensors flat over many frames', async () => {
    const analyzer = new FaceAnalyzer(faceapi, smileModel.analyzer);
    const image = padImage(decodeImageFile(join(fixture, 'smile', 'sample3-a.jpg')), 3);
    const frame = async () => {
      const t = analyzer.toTensor(image);
      try {
        return await analyzer.analyze(t);
      } finally {
        t.dispose();
      }
    };
    expect(await frame()).toHaveLength(1); // warm-up (wasm kernels may allocate once)
    const before = tf.memory().numTensors;
    for (let i = 0; i < 60; i++) await frame();
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);
});
