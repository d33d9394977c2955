import { describe, expect, it } from 'vitest';
import {
  chooseInputSize,
  coverTracked,
  detectionWindow,
  fromTurnedWindow,
  insideRect,
  MIN_FACE_PIXELS,
  planDetection,
  smallestReliableFace,
  toFrameBox,
} from '../../../../common/smile/detectionWindow';

const policy = { roi: null, minFaceSize: 0.2, minInputSize: 224, maxInputSize: 416, margin: 0.1 };

describe('detectionWindow', () => {
  it('is the whole frame without a region', () => {
    expect(detectionWindow(640, 480, null, 0.1)).toEqual({ x: 0, y: 0, width: 640, height: 480 });
  });

  it('is the region plus the margin (a fraction of the frame height) on each side, in whole pixels', () => {
    // Region x 0.25..0.75, y 0.25..0.75 of 640x480 = (160, 120)-(480, 360); margin 0.1 x 480 = 48 px.
    expect(detectionWindow(640, 480, { x: 0.25, y: 0.25, width: 0.5, height: 0.5 }, 0.1)).toEqual({
      x: 112,
      y: 72,
      width: 416,
      height: 336,
    });
  });

  it('is clamped to the frame', () => {
    expect(detectionWindow(640, 480, { x: 0, y: 0.9, width: 0.3, height: 0.1 }, 0.1)).toEqual({ x: 0, y: 384, width: 240, height: 96 });
  });

  it('rejects an empty frame', () => {
    expect(() => detectionWindow(0, 480, null, 0)).toThrow(/frame size/);
  });
});

describe('chooseInputSize', () => {
  const whole = { x: 0, y: 0, width: 640, height: 480 };

  it('stays at the floor when the floor already gives the smallest wanted face enough pixels (saves CPU under a large budget)', () => {
    // 0.4 x 480 = 192 px faces, 640 -> 224: 67 px >= MIN_FACE_PIXELS.
    expect(chooseInputSize(whole, 480, { ...policy, minFaceSize: 0.4 })).toBe(224);
  });

  it('raises the size until the smallest wanted face has MIN_FACE_PIXELS at the input, in steps of 32', () => {
    const size = chooseInputSize(whole, 480, { ...policy, minFaceSize: 0.25 });
    expect(size % 32).toBe(0);
    expect((0.25 * 480 * size) / 640).toBeGreaterThanOrEqual(MIN_FACE_PIXELS);
    expect((0.25 * 480 * (size - 32)) / 640).toBeLessThan(MIN_FACE_PIXELS);
  });

  it('stops at the configured size (the frame-rate budget), also when that is below the floor', () => {
    expect(chooseInputSize(whole, 480, { ...policy, minFaceSize: 0.04 })).toBe(416);
    expect(chooseInputSize(whole, 480, { ...policy, minFaceSize: 0.04, maxInputSize: 288 })).toBe(288);
    expect(chooseInputSize(whole, 480, { ...policy, minFaceSize: 0.5, maxInputSize: 160 })).toBe(160);
  });

  it('needs less input for a smaller window (the region is zoomed to the input)', () => {
    const half = { x: 160, y: 120, width: 320, height: 240 };
    expect(chooseInputSize(half, 480, { ...policy, minFaceSize: 0.15, minInputSize: 160 })).toBeLessThan(
      chooseInputSize(whole, 480, { ...policy, minFaceSize: 0.15, minInputSize: 160 }),
    );
  });

  it('rejects sizes the detector cannot take', () => {
    expect(() => chooseInputSize(whole, 480, { ...policy, minInputSize: 200 })).toThrow(/multiples of 32/);
    expect(() => chooseInputSize(whole, 480, { ...policy, maxInputSize: 0 })).toThrow(/multiples of 32/);
    expect(() => chooseInputSize(whole, 480, { ...policy, minFaceSize: 0 })).toThrow(/minFaceSize/);
  });
});

describe('planDetection', () => {
  it('reports the smallest face the chosen size reaches, which is at most the wanted one unless the budget stops it', () => {
    const a = planDetection(640, 480, { ...policy, minFaceSize: 0.3 });
    expect(a.smallestFace).toBeLessThanOrEqual(0.3);
    expect(a.smallestFace).toBeCloseTo(smallestReliableFace(a.window, 480, a.inputSize), 10);
    const capped = planDetection(640, 480, { ...policy, minFaceSize: 0.05 });
    expect(capped.inputSize).toBe(416);
    expect(capped.smallestFace).toBeGreaterThan(0.05);
  });

  it('a region half the frame wide halves the smallest face counted at the same input size', () => {
    const whole = planDetection(640, 480, { ...policy, minFaceSize: 0.5, margin: 0 });
    const half = planDetection(640, 480, { ...policy, roi: { x: 0.25, y: 0, width: 0.5, height: 1 }, minFaceSize: 0.5, margin: 0 });
    expect(half.inputSize).toBe(whole.inputSize);
    // The window is 320x480: its longer side is now the height (480), so the gain is 640/480, not 2.
    expect(half.smallestFace / whole.smallestFace).toBeCloseTo(480 / 640, 5);
    const quarter = planDetection(640, 480, { ...policy, roi: { x: 0.25, y: 0.25, width: 0.5, height: 0.5 }, minFaceSize: 0.5, margin: 0 });
    expect(quarter.smallestFace / whole.smallestFace).toBeCloseTo(0.5, 5);
  });
});

describe('coverTracked', () => {
  const window = { x: 112, y: 57, width: 416, height: 370 };

  it('keeps the window without tracked faces, or with faces well inside it', () => {
    expect(coverTracked(window, [], 2, 640, 480)).toEqual(window);
    expect(coverTracked(window, [{ x: 300, y: 200, width: 40, height: 40 }], 2, 640, 480)).toEqual(window);
  });

  it('grows to cover a large face at its edge (the box scaled about its centre), clamped to the frame', () => {
    // A 140 px box centred at (320, 110): x2 -> 280 px square, (180, -30)-(460, 250), clamped at the top.
    const grown = coverTracked(window, [{ x: 250, y: 40, width: 140, height: 140 }], 2, 640, 480);
    expect(grown).toEqual({ x: 112, y: 0, width: 416, height: 427 });
    expect(insideRect({ x: 250, y: 40, width: 140, height: 140 }, grown, 4)).toBe(true);
    expect(insideRect({ x: 250, y: 40, width: 140, height: 140 }, window, 4), 'the face was cut by the window before').toBe(false);
  });
});

describe('toFrameBox and insideRect', () => {
  it('maps a box found in the window back to frame pixels', () => {
    expect(toFrameBox({ x: 10, y: 20, width: 30, height: 40 }, { x: 100, y: 50, width: 200, height: 200 })).toEqual({
      x: 110,
      y: 70,
      width: 30,
      height: 40,
    });
  });

  it('tells a box wholly inside the window from one touching its edge', () => {
    const w = { x: 100, y: 50, width: 200, height: 200 };
    expect(insideRect({ x: 110, y: 60, width: 50, height: 50 }, w, 5)).toBe(true);
    expect(insideRect({ x: 102, y: 60, width: 50, height: 50 }, w, 5)).toBe(false);
    expect(insideRect({ x: 260, y: 60, width: 50, height: 50 }, w, 5)).toBe(false);
  });
});

describe('fromTurnedWindow', () => {
  it('maps a box found in a zoomed window back to frame pixels (centre and size scaled)', () => {
    // A window of 250 px about (350, 250), resampled to 160 px: 1.5625 frame pixels per input pixel.
    const view = { cx: 350, cy: 250, side: 250, angle: 0 };
    expect(fromTurnedWindow({ x: 40, y: 40, width: 80, height: 80 }, view, 160)).toEqual({ x: 287.5, y: 187.5, width: 125, height: 125 });
    expect(fromTurnedWindow({ x: 80, y: 40, width: 80, height: 80 }, view, 160)).toMatchObject({ x: 350, y: 187.5 });
  });

  it('turns the box centre back by the window angle (clockwise on screen) and keeps the box axis-aligned, its size kept', () => {
    // Turned by 90 degrees clockwise: the window's right (+x) is the frame's down (+y).
    const view = { cx: 300, cy: 200, side: 200, angle: Math.PI / 2 };
    const b = fromTurnedWindow({ x: 130, y: 90, width: 40, height: 20 }, view, 200); // centre 50 px right of the middle
    expect(b.x + b.width / 2).toBeCloseTo(300, 9);
    expect(b.y + b.height / 2).toBeCloseTo(250, 9);
    expect([b.width, b.height]).toEqual([40, 20]);
    // 12 degrees: a centre 100 px right of the middle lands 100 px away, 12 degrees below the horizontal.
    const t = fromTurnedWindow({ x: 190, y: 90, width: 20, height: 20 }, { ...view, angle: (12 * Math.PI) / 180 }, 200);
    expect(t.x + 10 - 300).toBeCloseTo(100 * Math.cos((12 * Math.PI) / 180), 9);
    expect(t.y + 10 - 200).toBeCloseTo(100 * Math.sin((12 * Math.PI) / 180), 9);
  });
});
