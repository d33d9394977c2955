import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImageFile } from '../../../../../node/kiosk/smile/decodeImageFile';
import { countSmilesInVideo, openVideoFile, sharesOf } from '../../../../../node/kiosk/smile/countSmilesInVideo';
import { loadFaceApi, type Tfjs } from '../../../../../node/kiosk/smile/loadFaceApi';
import {
  groundTruthInRegion,
  planSyntheticWalk,
  writeSyntheticWalk,
  type SyntheticFace,
} from '../../../../../node/kiosk/smile/syntheticWalk';
import type { FaceApi } from '../../../../../common/smile/faceAnalyzer';
import { shippedSmileCorrection, smileModel } from '../../../../../common/smile/smileModel';
import { correctShare } from '../../../../../common/smileShare';

const fixture = join(__dirname, '../../../../fixtures/smile-eval');
/** The four face crops of the eval fixture, smiling or not by their folder. */
const faces: SyntheticFace[] = [
  ['smile', 'sample3-a.jpg'],
  ['smile', 'sample6-b.png'],
  ['no-smile', 'sample2-a.jpg'],
  ['no-smile', 'sample6-c.jpg'],
].map(([dir, file]) => ({ name: file!, image: decodeImageFile(join(fixture, dir!, file!)), smiling: dir === 'smile' }));

describe('countSmilesInVideo on a synthetic walk-through (face-api node-wasm)', () => {
  let faceapi: FaceApi;
  let tf: Tfjs;
  let dir: string;
  beforeAll(async () => {
    ({ faceapi, tf } = await loadFaceApi('wasm'));
    dir = mkdtempSync(join(tmpdir(), 'count-'));
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('counts the visitors and smiling visitors the video was built with, without leaking tensors', async () => {
    // Four visitors, one of each face, two of them on screen at once in different lanes at times.
    const walk = planSyntheticWalk(faces, { width: 320, height: 240, fps: 12, visitors: 4, seed: 3 });
    expect(new Set(walk.visitors.map((v) => v.face)).size).toBeGreaterThanOrEqual(3);
    expect(walk.groundTruth.smilingVisitors).toBeGreaterThan(0);
    expect(walk.groundTruth.smilingVisitors).toBeLessThan(walk.groundTruth.visitors);
    const file = join(dir, 'walk.y4m');
    await writeSyntheticWalk(file, walk);
    const before = tf.memory().numTensors;
    const result = await countSmilesInVideo(faceapi, await openVideoFile(file));
    expect(tf.memory().numTensors).toBe(before);
    expect(result).toMatchObject({
      visitors: walk.groundTruth.visitors,
      smilingVisitors: walk.groundTruth.smilingVisitors,
      framesProcessed: walk.frameCount,
      width: 320,
      height: 240,
    });
    expect(result.framesPerSecond).toBeGreaterThan(0);
  }, 60_000);

  it('does not count the ghost box between two visitors in two lanes (the fake-camera e2e walk, every frame)', async () => {
    // The sequence of tests/e2e/smileCounting.spec.ts (its faces, seed and geometry), without the empty tail: the
    // detector sees a box between the two lanes in many frames; counted as a fifth visitor before dropSandwichedBoxes.
    const e2eFaces = faces.filter((f) => f.name !== 'sample3-a.jpg');
    const walk = planSyntheticWalk(e2eFaces, {
      width: 320,
      height: 240,
      fps: 10,
      visitors: 4,
      seed: 23,
      faceSize: 96,
      speed: 4,
      marginFrames: 5,
    });
    const file = join(dir, 'lanes.y4m');
    await writeSyntheticWalk(file, walk);
    expect(walk.groundTruth).toEqual({ visitors: 4, smilingVisitors: 2 });
    expect(await countSmilesInVideo(faceapi, await openVideoFile(file))).toMatchObject({ visitors: 4, smilingVisitors: 2 });
  }, 90_000);

  it('reports the counted share, the corrected share and its interval, and the model version; none without visitors or at another threshold', () => {
    const c = correctShare(21, 100, shippedSmileCorrection);
    expect(sharesOf(21, 100, smileModel.threshold)).toEqual({
      smilingShare: 0.21,
      correctedShare: c.correctedShare,
      interval: c.interval,
      modelVersion: smileModel.version,
    });
    expect(sharesOf(0, 0, smileModel.threshold)).toEqual({
      smilingShare: null,
      correctedShare: null,
      interval: null,
      modelVersion: smileModel.version,
    });
    expect(sharesOf(21, 100, 0.7)).toEqual({ smilingShare: 0.21, correctedShare: null, interval: null, modelVersion: smileModel.version });
  });

  it('does not count the ghost between two lanes in a counting region either (the region e2e walk, every frame)', async () => {
    // The sequence and region of tests/e2e/smileRegion.spec.ts (640x480, faces of a fifth of the height, the middle two
    // of four lanes in the region), without the empty tail: two pairs of visitors cross the region side by side, and
    // the ghost between the second pair overlaps one face and stops short of the other (5 for 4 when both had to touch it).
    const e2eFaces = faces.filter((f) => f.name !== 'sample3-a.jpg');
    const walk = planSyntheticWalk(e2eFaces, {
      width: 640,
      height: 480,
      fps: 10,
      visitors: 6,
      seed: 5,
      faceSize: 96,
      speed: 4,
      marginFrames: 5,
    });
    const roi = { x: 0.35, y: 0.3, width: 0.3, height: 0.4 };
    const file = join(dir, 'region.y4m');
    await writeSyntheticWalk(file, walk);
    expect(groundTruthInRegion(walk, roi)).toEqual({ visitors: 4, smilingVisitors: 2 });
    expect(await countSmilesInVideo(faceapi, await openVideoFile(file), { tracker: { roi, minFaceSize: 0.1 } })).toMatchObject({
      visitors: 4,
      smilingVisitors: 2,
    });
  }, 180_000);

  it('counts nobody in a video without faces', async () => {
    const walk = planSyntheticWalk(faces, { width: 320, height: 240, fps: 12, visitors: 0, seed: 1, marginFrames: 4 });
    const file = join(dir, 'empty.y4m');
    await writeSyntheticWalk(file, walk);
    expect(await countSmilesInVideo(faceapi, await openVideoFile(file))).toMatchObject({
      visitors: 0,
      smilingVisitors: 0,
      framesProcessed: 8,
    });
  }, 30_000);
});

describe('openVideoFile', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'open-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names a missing file', async () => {
    await expect(openVideoFile(join(dir, 'nope.y4m'))).rejects.toThrow(/nope\.y4m: no such video file/);
    await expect(openVideoFile(dir)).rejects.toThrow(/no such video file/);
  });

  it('decodes other formats through ffmpeg as a y4m stream', async () => {
    const walk = planSyntheticWalk(faces, { width: 160, height: 120, fps: 10, visitors: 1, seed: 2, faceSize: 48 });
    const y4m = join(dir, 'walk.y4m');
    await writeSyntheticWalk(y4m, walk);
    const mp4 = join(dir, 'walk.mp4');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', y4m, '-c:v', 'mpeg4', '-q:v', '3', mp4]);
    const video = await openVideoFile(mp4);
    expect(video.header).toMatchObject({ width: 160, height: 120, fps: [10, 1] });
    let frames = 0;
    for await (const f of video.frames) frames += f.data.length === 160 * 120 * 1.5 ? 1 : 0;
    expect(frames).toBe(walk.frameCount);
  }, 20_000);

  it('reports what ffmpeg says about a file it cannot decode', async () => {
    const junk = join(dir, 'junk.mp4');
    writeFileSync(junk, 'this is not a video');
    await expect(openVideoFile(junk)).rejects.toThrow(/junk\.mp4: ffmpeg could not decode it \(exit \d+\): .+/);
  }, 20_000);
});
