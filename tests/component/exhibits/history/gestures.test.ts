import { describe, expect, it } from 'vitest';
import {
  clampView,
  doubleTapView,
  dragOffset,
  isDoubleTap,
  pinchView,
  swipeDirection,
  ZOOM_MAX,
} from '../../../../src/exhibits/history/gestures';

describe('swipeDirection', () => {
  it('turns forward on a leftward flick or long drag, back on a rightward one', () => {
    expect(swipeDirection(-120, 10, 200, 1000)).toBe(1);
    expect(swipeDirection(300, 20, 2000, 1000)).toBe(-1);
  });
  it('ignores small, slow-and-short, or mostly vertical moves', () => {
    expect(swipeDirection(-40, 0, 100, 1000)).toBe(0);
    expect(swipeDirection(-150, 0, 1500, 1000)).toBe(0);
    expect(swipeDirection(-200, 300, 200, 1000)).toBe(0);
  });
});

describe('dragOffset', () => {
  it('resists dragging past either end', () => {
    expect(dragOffset(100, true, false)).toBe(25);
    expect(dragOffset(-100, false, true)).toBe(-25);
    expect(dragOffset(-100, true, false)).toBe(-100);
  });
});

describe('pinch zoom', () => {
  it('scales by the change of finger distance, within limits, keeping the midpoint under the fingers', () => {
    const v = pinchView(
      { scale: 1, x: 0, y: 0 },
      [
        { x: -50, y: 0 },
        { x: 50, y: 0 },
      ],
      [
        { x: -100, y: 0 },
        { x: 100, y: 0 },
      ],
      800,
      600,
    );
    expect(v).toEqual({ scale: 2, x: 0, y: 0 });
    const off = pinchView(
      { scale: 1, x: 0, y: 0 },
      [
        { x: 100, y: 100 },
        { x: 140, y: 100 },
      ],
      [
        { x: 80, y: 100 },
        { x: 160, y: 100 },
      ],
      800,
      600,
    );
    // The point at (120, 100) stays at (120, 100): x = 120 - 120 * 2.
    expect(off.scale).toBe(2);
    expect(off.x).toBeCloseTo(-120);
    expect(off.y).toBeCloseTo(-100);
    const huge = pinchView(
      { scale: 1, x: 0, y: 0 },
      [
        { x: -1, y: 0 },
        { x: 1, y: 0 },
      ],
      [
        { x: -400, y: 0 },
        { x: 400, y: 0 },
      ],
      800,
      600,
    );
    expect(huge.scale).toBe(ZOOM_MAX);
    const tiny = pinchView(
      { scale: 2, x: 0, y: 0 },
      [
        { x: -100, y: 0 },
        { x: 100, y: 0 },
      ],
      [
        { x: -5, y: 0 },
        { x: 5, y: 0 },
      ],
      800,
      600,
    );
    expect(tiny).toEqual({ scale: 1, x: 0, y: 0 });
  });

  it('never pans the picture off its box', () => {
    expect(clampView({ scale: 2, x: 1000, y: -1000 }, 800, 600)).toEqual({ scale: 2, x: 400, y: -300 });
    expect(clampView({ scale: 1, x: 50, y: 50 }, 800, 600)).toEqual({ scale: 1, x: 0, y: 0 });
  });

  it('double tap resets a zoomed picture and zooms a whole one around the tap', () => {
    expect(doubleTapView({ scale: 3, x: 40, y: 10 }, { x: 0, y: 0 }, 800, 600)).toEqual({ scale: 1, x: 0, y: 0 });
    expect(doubleTapView({ scale: 1, x: 0, y: 0 }, { x: 100, y: -50 }, 800, 600)).toEqual({ scale: 2, x: -100, y: 50 });
    expect(isDoubleTap({ at: { x: 0, y: 0 }, t: 0 }, { x: 10, y: 10 }, 200)).toBe(true);
    expect(isDoubleTap({ at: { x: 0, y: 0 }, t: 0 }, { x: 10, y: 10 }, 500)).toBe(false);
    expect(isDoubleTap({ at: { x: 0, y: 0 }, t: 0 }, { x: 100, y: 0 }, 100)).toBe(false);
    expect(isDoubleTap(null, { x: 0, y: 0 }, 100)).toBe(false);
  });
});
