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
