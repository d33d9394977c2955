import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  groundTruthInRegion,
  planSyntheticWalk,
  resizeSquare,
  writeSyntheticWalk,
  type SyntheticFace,
} from '../../../../../node/kiosk/smile/syntheticWalk';
import { walkerTravel } from '../../../../../node/kiosk/smile/walkerTravel';
import { openY4m } from '../../../../../node/kiosk/smile/y4m';
import { yuv420FrameSize } from '../../../../../node/kiosk/smile/yuv420';

/** A square face stand-in of one colour (the planner and renderer do not care what the pixels are). */
function tile(name: string, rgb: [number, number, number], smiling: boolean, side = 40): SyntheticFace {
  const data = new Uint8Array(side * side * 3);
  for (let i = 0; i < side * side; i++) data.set(rgb, i * 3);
  return { name, image: { width: side, height: side, data }, smiling };
}

const faces = [tile('red', [250, 10, 10], true), tile('blue', [10, 10, 250], false)];
const options = { width: 160, height: 120, fps: 12, visitors: 8, seed: 5, faceSize: 40 };

describe('planSyntheticWalk', () => {
  it('plans visitors with a ground truth that matches their faces, deterministically per seed', () => {
    const walk = planSyntheticWalk(faces, options);
    expect(walk.visitors).toHaveLength(8);
    expect(walk.groundTruth).toEqual({ visitors: 8, smilingVisitors: walk.visitors.filter((v) => v.face === 'red').length });
    expect(walk.visitors.every((v) => v.smiling === (v.face === 'red'))).toBe(true);
    expect(planSyntheticWalk(faces, options).visitors).toEqual(walk.visitors);
    expect(planSyntheticWalk(faces, { ...options, seed: 6 }).visitors).not.toEqual(walk.visitors);
    expect(walk.frameCount).toBeGreaterThan(Math.max(...walk.visitors.map((v) => v.endFrame)));
  });

  it('never puts two visitors on screen in the same lane', () => {
    const walk = planSyntheticWalk(faces, { ...options, visitors: 30 });
    for (const a of walk.visitors) {
      for (const b of walk.visitors) {
        if (a !== b && a.lane === b.lane) expect(a.endFrame <= b.startFrame || b.endFrame <= a.startFrame).toBe(true);
      }
    }
    expect(new Set(walk.visitors.map((v) => v.lane)).size).toBe(2); // 120 px frame, 40 px faces: two lanes used
  });

  it('renders each visitor where the plan puts it', () => {
    const walk = planSyntheticWalk(faces, { ...options, visitors: 1 });
    const v = walk.visitors[0]!;
    const mid = Math.floor((v.startFrame + v.endFrame) / 2);
    const count = (frame: { data: Uint8Array }, rgb: number[]) => {
      let n = 0;
      for (let i = 0; i < frame.data.length; i += 3)
        if (Math.abs(frame.data[i]! - rgb[0]!) < 12 && Math.abs(frame.data[i + 2]! - rgb[2]!) < 12) n++;
      return n;
    };
    const colour = v.face === 'red' ? [250, 10, 10] : [10, 10, 250];
    expect(count(walk.frame(mid), colour)).toBeGreaterThan(v.size * v.size * 0.9);
    expect(count(walk.frame(0), colour)).toBe(0); // the empty scene before the visitor arrives
    expect(walk.frame(mid).data).toEqual(walk.frame(mid).data); // frames render the same every time
  });

  it('draws smiling visitors at the share asked for, whatever the set holds', () => {
    // Nine faces of ten do not smile: without the option a walk has the set's share, with it the share asked for.
    const set = [...Array.from({ length: 9 }, (_, i) => tile(`blue${i}`, [10, 10, 250], false)), faces[0]!];
    const shareOf = (smileShare?: number) => {
      const truth = planSyntheticWalk(set, { ...options, visitors: 2000, ...(smileShare === undefined ? {} : { smileShare }) }).groundTruth;
      return truth.smilingVisitors / truth.visitors;
    };
    expect(shareOf()).toBeCloseTo(0.1, 1);
    expect(shareOf(0.87)).toBeGreaterThan(0.84);
    expect(shareOf(0.87)).toBeLessThan(0.9);
    expect(shareOf(0.21)).toBeCloseTo(0.21, 1);
    expect(shareOf(1)).toBe(1);
    expect(shareOf(0)).toBe(0);
    expect(() => planSyntheticWalk(set, { ...options, smileShare: 1.2 })).toThrow(/from 0 to 1/);
    expect(() => planSyntheticWalk([faces[1]!], { ...options, smileShare: 0.5 })).toThrow(/needs smiling faces/);
  });

  it('rejects impossible plans', () => {
    expect(() => planSyntheticWalk([], options)).toThrow(/at least one face/);
    expect(() => planSyntheticWalk(faces, { ...options, visitors: 1.5 })).toThrow(/whole number/);
    expect(() => planSyntheticWalk(faces, { ...options, width: 161 })).toThrow(/must be even/);
  });
});

describe('groundTruthInRegion', () => {
  it('counts the visitors whose lane runs through the region, all of them without one', () => {
    // 480 px high, 96 px faces: 4 lanes of 120 px, centres at 1/8, 3/8, 5/8, 7/8 of the height.
    const walk = planSyntheticWalk(faces, { width: 640, height: 480, fps: 12, visitors: 40, seed: 3, faceSize: 96 });
    expect(walk.laneCount).toBe(4);
    expect(groundTruthInRegion(walk, null)).toEqual(walk.groundTruth);
    const middle = walk.visitors.filter((v) => v.lane === 1 || v.lane === 2);
    expect(middle.length).toBeGreaterThan(0);
    expect(middle.length).toBeLessThan(40);
    expect(groundTruthInRegion(walk, { x: 0.3, y: 0.25, width: 0.4, height: 0.5 })).toEqual({
      visitors: middle.length,
      smilingVisitors: middle.filter((v) => v.smiling).length,
    });
    expect(groundTruthInRegion(walk, { x: 0, y: 0.9, width: 1, height: 0.1 }).visitors).toBe(0);
  });
});

describe('resizeSquare', () => {
  it('keeps flat colours and an image of the same size unchanged', () => {
    const red = faces[0]!.image;
    expect(Array.from(resizeSquare(red, 17).data.subarray(0, 6))).toEqual([250, 10, 10, 250, 10, 10]);
    expect(resizeSquare(red, 40).data).toEqual(red.data);
  });
});

describe('writeSyntheticWalk', () => {
  it('writes a y4m file with every frame, read back by the streaming reader', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'walk-'));
    try {
      const walk = planSyntheticWalk(faces, { ...options, visitors: 2 });
      const file = join(dir, 'walk.y4m');
      expect(await writeSyntheticWalk(file, walk)).toEqual(walk.groundTruth);
      const header = 'YUV4MPEG2 W160 H120 F12:1 Ip A1:1 C420jpeg\n';
      expect(readFileSync(file).length).toBe(header.length + walk.frameCount * (6 + yuv420FrameSize(160, 120)));
      const video = await openY4m(createReadStream(file, { highWaterMark: 4096 }));
      let n = 0;
      for await (const f of video.frames) n += f.width === 160 ? 1 : 0;
      expect(n).toBe(walk.frameCount);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('planSyntheticWalk, harder walks', () => {
  /** Tiles with a little texture, so a shifted or resampled face changes the bytes. */
  const textured = (name: string, rgb: [number, number, number], smiling: boolean): SyntheticFace => {
    const data = new Uint8Array(40 * 40 * 3);
    for (let i = 0; i < 40 * 40; i++) data.set([rgb[0] + (i % 7), rgb[1], rgb[2] + (i % 5)], i * 3);
    return { name, image: { width: 40, height: 40, data }, smiling };
  };
  const texturedFaces = [textured('red', [240, 10, 10], true), textured('blue', [10, 10, 240], false)];
  const hashOf = (walk: ReturnType<typeof planSyntheticWalk>) => {
    const h = createHash('sha256');
    for (let i = 0; i < walk.frameCount; i++) h.update(walk.frame(i).data);
    return h.digest('hex');
  };

  it('leaves the walk byte for byte as it was without the options, or with each at zero', () => {
    // Hashes taken from the generator before the harder options existed: the published figures still hold.
    const plain = planSyntheticWalk(texturedFaces, options);
    expect(plain.frameCount).toBe(86);
    expect(hashOf(plain)).toBe('99af9616bbb8d64940bead1a5626770df0f30a35360f80fc1725c0aaf9a073e6');
    expect(createHash('sha256').update(JSON.stringify(plain.visitors)).digest('hex')).toBe(
      '5484c7e289dc2e4994e61e122ccb7dc9681228da0efd675a2e202e3f4da0758e',
    );
    const zero = planSyntheticWalk(texturedFaces, { ...options, edgeOcclusion: 0, stoppers: 0, tiltDegrees: 0, exposure: 0, pillar: 0 });
    expect(hashOf(zero)).toBe(hashOf(plain));
  });

  it('lets a stopper stand centred for the stop and counts it once', () => {
    const walk = planSyntheticWalk(faces, { ...options, visitors: 4, stoppers: 1, stopSeconds: 2 });
    expect(walk.groundTruth.visitors).toBe(4);
    for (const v of walk.visitors) {
      expect(v.stopFrames).toBe(24);
      const standing = Array.from({ length: v.endFrame - v.startFrame }, (_, t) => walkerTravel(v, v.startFrame + t, 160)).filter(
        (x) => x === (160 + v.size) / 2,
      );
      expect(standing.length).toBeGreaterThanOrEqual(24);
    }
    // On screen for the stop on top of the crossing, so the video is longer than without stoppers.
    expect(walk.frameCount).toBeGreaterThan(planSyntheticWalk(faces, { ...options, visitors: 4 }).frameCount + 24);
  });

  it('leaves peekers out of the ground truth: their face is never wholly in the frame', () => {
    const walk = planSyntheticWalk(faces, { ...options, visitors: 20, edgeOcclusion: 0.4 });
    const peekers = walk.visitors.filter((v) => v.peek !== undefined);
    expect(peekers.length).toBeGreaterThan(3);
    expect(peekers.length).toBeLessThan(20);
    const others = walk.visitors.filter((v) => v.peek === undefined);
    expect(walk.groundTruth).toEqual({ visitors: others.length, smilingVisitors: others.filter((v) => v.smiling).length });
    expect(groundTruthInRegion(walk, { x: 0, y: 0, width: 1, height: 1 })).toEqual(walk.groundTruth);
    for (const v of peekers) {
      expect(v.peek).toBeGreaterThanOrEqual(0.3);
      expect(v.peek).toBeLessThanOrEqual(0.7);
      for (let i = v.startFrame; i < v.endFrame; i++) expect(walkerTravel(v, i, 160)).toBeLessThan(v.size);
    }
    // Only the planned share of a peeker's face is drawn, at most.
    const alone = planSyntheticWalk(faces, { ...options, visitors: 1, edgeOcclusion: 1 });
    const v = alone.visitors[0]!;
    const colour = v.face === 'red' ? [250, 10, 10] : [10, 10, 250];
    const painted = (i: number) => {
      let n = 0;
      const d = alone.frame(i).data;
      for (let k = 0; k < d.length; k += 3) if (Math.abs(d[k]! - colour[0]!) < 12 && Math.abs(d[k + 2]! - colour[2]!) < 12) n++;
      return n;
    };
    const most = Math.max(...Array.from({ length: v.endFrame - v.startFrame }, (_, t) => painted(v.startFrame + t)));
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(Math.ceil(v.peek! * v.size + 1) * v.size);
    expect(alone.groundTruth).toEqual({ visitors: 0, smilingVisitors: 0 });
  });

  it('tilts each face by an angle within the bound, keeping the background in the corners', () => {
    const walk = planSyntheticWalk(faces, { ...options, visitors: 12, tiltDegrees: 20 });
    const tilts = walk.visitors.map((v) => v.tilt!);
    expect(tilts.every((t) => Math.abs(t) <= 20)).toBe(true);
    expect(new Set(tilts).size).toBeGreaterThan(6);
    // The same visitors as the untilted walk: the tilt draws come from their own stream.
    const upright = planSyntheticWalk(faces, { ...options, visitors: 12 });
    expect(walk.visitors.map(({ tilt: _, ...v }) => v)).toEqual(upright.visitors);
    const one = planSyntheticWalk(faces, { ...options, visitors: 1, tiltDegrees: 30, seed: 9 });
    const v = one.visitors[0]!;
    expect(Math.abs(v.tilt!)).toBeGreaterThan(5);
    const flat = planSyntheticWalk(faces, { ...options, visitors: 1, seed: 9 });
    // Frame by frame the tilted face paints a different set of pixels than the upright one.
    const mid = Math.floor((v.startFrame + v.endFrame) / 2);
    expect(one.frame(mid).data).not.toEqual(flat.frame(mid).data);
  });

  it('changes the mean luminance of the frames with the light, and each face by its exposure', () => {
    const mean = (d: Uint8Array) => d.reduce((s, x) => s + x, 0) / d.length;
    const dim = planSyntheticWalk(faces, { ...options, visitors: 0, marginFrames: 13, brightness: [0.5, 1], brightnessPeriodSeconds: 2 });
    const plain = planSyntheticWalk(faces, { ...options, visitors: 0, marginFrames: 13 });
    expect(mean(dim.frame(0).data) / mean(plain.frame(0).data)).toBeCloseTo(1, 2);
    // Half a cycle (12 frames at 12 fps) later the light is at its lowest.
    expect(mean(dim.frame(12).data) / mean(plain.frame(12).data)).toBeCloseTo(0.5, 1);
    expect(mean(dim.frame(6).data) / mean(plain.frame(6).data)).toBeCloseTo(0.75, 1);
    const lit = planSyntheticWalk(faces, { ...options, visitors: 12, exposure: 0.3 });
    expect(lit.visitors.every((v) => v.exposure! >= 0.7 && v.exposure! <= 1.3)).toBe(true);
    const blue = planSyntheticWalk([faces[1]!], { ...options, visitors: 1, exposure: 0.3 });
    const v = blue.visitors[0]!;
    const mid = Math.floor((v.startFrame + v.endFrame) / 2);
    const d = blue.frame(mid).data;
    const blues = [];
    for (let k = 0; k < d.length; k += 3) if (d[k]! < 30 && d[k + 1]! < 30 && d[k + 2]! > 120) blues.push(d[k + 2]!);
    expect(blues.length).toBeGreaterThan(v.size * v.size * 0.9);
    expect(Math.abs(blues.sort((a, b) => a - b)[blues.length >> 1]! - Math.min(255, Math.round(250 * v.exposure!)))).toBeLessThanOrEqual(1);
  });

  it('with close spacing starts visitors sooner and lets two share a lane without touching', () => {
    const many = { ...options, width: 320, visitors: 40 };
    const close = planSyntheticWalk(faces, { ...many, spacing: 'close' });
    const normal = planSyntheticWalk(faces, many);
    expect(close.frameCount).toBeLessThan(normal.frameCount * 0.8);
    let shared = 0;
    for (let i = 0; i < close.frameCount; i++) {
      const on = close.visitors.filter((v) => i >= v.startFrame && i < v.endFrame);
      for (const a of on) {
        for (const b of on) {
          if (a === b || a.lane !== b.lane || a.startFrame > b.startFrame) continue;
          shared++;
          // The one behind walks the same way, never faster, and half a face or more behind.
          expect(b.direction).toBe(a.direction);
          expect(b.speed).toBeLessThanOrEqual(a.speed);
          expect(walkerTravel(a, i, 320) - a.size - walkerTravel(b, i, 320)).toBeGreaterThanOrEqual(0.5 * Math.min(a.size, b.size) - 1);
        }
      }
    }
    expect(shared).toBeGreaterThan(0);
  });

  it('never puts two visitors walking opposite ways in one lane at once, peekers and stoppers among them', () => {
    for (const seed of [1, 2, 3]) {
      const walk = planSyntheticWalk(faces, {
        ...options,
        width: 320,
        visitors: 60,
        seed,
        spacing: 'close',
        edgeOcclusion: 0.3,
        stoppers: 0.1,
      });
      for (const a of walk.visitors) {
        for (const b of walk.visitors) {
          if (a === b || a.lane !== b.lane || a.startFrame > b.startFrame || b.startFrame >= a.endFrame) continue;
          // b comes on screen while a is there: only as a follower behind a plain walker going the same way.
          expect(b.direction).toBe(a.direction);
          expect(a.peek === undefined && a.stopFrames === undefined).toBe(true);
        }
      }
    }
  });

  it('draws a pillar at the left edge in front of the walkers', () => {
    const walk = planSyntheticWalk(faces, { ...options, visitors: 6, pillar: 0.1 });
    const column = (i: number) => Array.from({ length: 120 }, (_, y) => walk.frame(i).data[(y * 160 + 5) * 3]!);
    for (const i of [0, 20, 40, 60]) expect(column(i).every((r) => r > 120 && r < 175)).toBe(true); // concrete, never a face
  });

  it('rejects harder options out of range', () => {
    expect(() => planSyntheticWalk(faces, { ...options, stoppers: 1.5 })).toThrow(/stoppers must be from 0 to 1/);
    expect(() => planSyntheticWalk(faces, { ...options, stoppers: 0.6, edgeOcclusion: 0.6 })).toThrow(/add up to more than 1/);
    expect(() => planSyntheticWalk(faces, { ...options, brightness: [1.2, 0.6] })).toThrow(/brightness/);
    expect(() => planSyntheticWalk(faces, { ...options, faceSizeRange: [50, 40] })).toThrow(/faceSizeRange/);
  });

  it('draws each face side from faceSizeRange, with lanes for the largest', () => {
    const walk = planSyntheticWalk(faces, { ...options, width: 640, height: 480, visitors: 30, faceSizeRange: [96, 160] });
    expect(walk.laneCount).toBe(2);
    const sizes = walk.visitors.map((v) => v.size);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(96);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(160);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeGreaterThan(40);
  });
});
