import { describe, expect, it } from 'vitest';
import { MIN_STEP, SMOOTHING, StrokeModel, drawStrokes, widthAt, type Stroke } from '../../../../../src/exhibits/postcard/ink/strokes';

describe('widthAt', () => {
  it('grows with pressure from 40 % to 160 % of the nominal width; no pressure counts as a mouse (0.5)', () => {
    expect(widthAt(10, 0.0001)).toBeCloseTo(4.0012, 4);
    expect(widthAt(10, 1)).toBeCloseTo(16);
    expect(widthAt(10, 0.5)).toBeCloseTo(10);
    expect(widthAt(10, 0)).toBeCloseTo(10);
    expect(widthAt(10, 3)).toBeCloseTo(16);
    expect(widthAt(10, 0.2)).toBeLessThan(widthAt(10, 0.8));
  });
});

describe('StrokeModel', () => {
  it('smooths the input: a jump moves the stroke only part of the way, and jitter below MIN_STEP is dropped', () => {
    const m = new StrokeModel(1);
    m.begin('#000', 0.01, { x: 0.1, y: 0.1, p: 0.5 });
    expect(m.add([{ x: 0.5, y: 0.1, p: 0.5 }])).toBe(1);
    const p1 = m.strokes[0]!.points[1]!;
    expect(p1.x).toBeCloseTo(0.1 + 0.4 * SMOOTHING);
    // A resting finger: tiny movements add nothing.
    expect(m.add([{ x: p1.x + MIN_STEP / 10, y: 0.1, p: 0.5 }])).toBe(0);
    expect(m.strokes[0]!.points).toHaveLength(2);
  });

  it('reduces zig-zag noise: the smoothed path deviates less from the line than the raw input', () => {
    const m = new StrokeModel(1);
    const raw = Array.from({ length: 40 }, (_, i) => ({ x: 0.1 + i * 0.02, y: 0.5 + (i % 2 ? 0.02 : -0.02), p: 0.5 }));
    m.begin('#000', 0.01, raw[0]!);
    m.add(raw.slice(1));
    const dev = (pts: { y: number }[]) => pts.reduce((s, p) => s + Math.abs(p.y - 0.5), 0) / pts.length;
    expect(dev(m.strokes[0]!.points.slice(5))).toBeLessThan(dev(raw.slice(5)) / 2);
  });

  it('ends at the last raw point, clamps to the card, and keeps strokes apart', () => {
    const m = new StrokeModel();
    m.begin('#c00', 0.01, { x: -0.2, y: 0.5, p: 0.5 });
    expect(m.strokes[0]!.points[0]).toEqual({ x: 0, y: 0.5, p: 0.5 });
    m.add([{ x: 0.3, y: 0.5, p: 0.9 }]);
    m.end({ x: 0.3, y: 0.5, p: 0.9 });
    expect(m.strokes[0]!.points.at(-1)).toMatchObject({ x: 0.3, y: 0.5 });
    expect(m.drawing).toBe(false);
    expect(m.add([{ x: 0.9, y: 0.9, p: 1 }])).toBe(0);
    m.begin('#00c', 0.02, { x: 0.6, y: 0.6, p: 0.5 });
    m.end();
    expect(m.strokes.map((s) => s.color)).toEqual(['#c00', '#00c']);
  });

  it('undoes the last stroke, then the one before; clear removes all; snapshot is a deep copy', () => {
    const m = new StrokeModel();
    m.begin('#a00', 0.01, { x: 0.1, y: 0.1, p: 0.5 });
    m.end();
    m.begin('#0a0', 0.01, { x: 0.2, y: 0.2, p: 0.5 });
    m.end();
    const snap = m.snapshot();
    expect(m.undo()).toBe(true);
    expect(m.strokes.map((s) => s.color)).toEqual(['#a00']);
    expect(snap).toHaveLength(2);
    snap[0]!.points[0]!.x = 0.99;
    expect(m.strokes[0]!.points[0]!.x).toBe(0.1);
    m.clear();
    expect(m.strokes).toHaveLength(0);
    expect(m.undo()).toBe(false);
  });
});

/** A recording 2D context: the line widths and colours the renderer used, and the dots it filled. */
function recorder() {
  const widths: number[] = [];
  const arcs: number[] = [];
  let lineWidth = 0;
  const ctx = {
    save() {},
    restore() {},
    beginPath() {},
    moveTo() {},
    lineTo() {},
    quadraticCurveTo() {},
    fill() {},
    arc: (_x: number, _y: number, r: number) => arcs.push(r),
    stroke: () => widths.push(lineWidth),
    set lineWidth(v: number) {
      lineWidth = v;
    },
    get lineWidth() {
      return lineWidth;
    },
    lineCap: '',
    lineJoin: '',
    strokeStyle: '',
    fillStyle: '',
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, widths, arcs };
}

describe('drawStrokes', () => {
  it('draws each piece as wide as its pressure, scaled to the canvas (print resolution re-draws, not upscales)', () => {
    const s: Stroke = {
      color: '#000',
      width: 0.01,
      points: [
        { x: 0.1, y: 0.1, p: 0.1 },
        { x: 0.2, y: 0.1, p: 0.1 },
        { x: 0.3, y: 0.1, p: 1 },
        { x: 0.4, y: 0.1, p: 1 },
      ],
    };
    const small = recorder();
    drawStrokes(small.ctx, [s], 500, 338);
    const big = recorder();
    drawStrokes(big.ctx, [s], 1748, 1181);
    expect(small.widths).toHaveLength(3);
    expect(small.widths[0]!).toBeLessThan(small.widths[2]!);
    big.widths.forEach((w, i) => expect(w).toBeCloseTo((small.widths[i]! * 1748) / 500));
    expect(big.widths[2]).toBeCloseTo(widthAt(0.01, 1) * 1748);
  });

  it('draws a tap as a dot', () => {
    const r = recorder();
    drawStrokes(r.ctx, [{ color: '#000', width: 0.01, points: [{ x: 0.5, y: 0.5, p: 0.5 }] }], 1000, 676);
    expect(r.arcs).toEqual([5]);
    expect(r.widths).toEqual([]);
  });
});
