import { describe, expect, it } from 'vitest';
import { DriftFilter } from '../../../../../src/exhibits/panorama/input/driftFilter';

/** A deterministic jitter in -amp..amp (no Math.random: tests must repeat exactly). */
const jitter = (i: number, amp: number): number => amp * Math.sin(i * 12.9898) * Math.cos(i * 4.1414);

describe('DriftFilter', () => {
  it('never counts a resting wheel that jitters and wanders slowly, even far over minutes', () => {
    const f = new DriftFilter(0.04, 500);
    let count = 0;
    // 5 minutes at 60 Hz: jitter of ±0.015 plus a wander of 0.002 per second (0.6 in total: 270° on a 900° wheel).
    for (let i = 0; i < 60 * 300; i++) {
      const t = (i * 1000) / 60;
      if (f.update(-0.3 + (0.002 * t) / 1000 + jitter(i, 0.015), t)) count++;
    }
    expect(count).toBe(0);
  });

  it('counts a real turn within the window, once, then is at rest again while the wheel is held', () => {
    const f = new DriftFilter(0.04, 500);
    const seen: boolean[] = [];
    for (let i = 0; i <= 60; i++) {
      const t = i * 16;
      // At rest, then a turn of 0.3 over ~100 ms, then held at 0.3.
      const v = i < 20 ? 0 : i < 26 ? (i - 20) * 0.05 : 0.3;
      seen.push(f.update(v, t));
    }
    expect(seen.slice(0, 20).some(Boolean)).toBe(false);
    expect(seen.slice(20, 26).some(Boolean)).toBe(true);
    expect(seen.slice(30).some(Boolean)).toBe(false);
  });

  it('counts a turn that is slow but still clearly a hand (0.1 per second over a 500 ms window)', () => {
    const f = new DriftFilter(0.04, 500);
    let any = false;
    for (let i = 0; i <= 120; i++) any = f.update((i * 0.1) / 60, (i * 1000) / 60) || any;
    expect(any).toBe(true);
  });

  it('reports the span of the axis within the window, forgetting samples older than the window', () => {
    const f = new DriftFilter(0.04, 500);
    f.update(0.01, 0);
    f.update(-0.01, 100);
    expect(f.span).toBeCloseTo(0.02, 10);
    f.update(0, 700); // both earlier samples are more than 500 ms old
    expect(f.span).toBe(0);
    expect(f.update(0.1, 800)).toBe(true);
    expect(f.span).toBeCloseTo(0.1, 10);
    // Held still after the turn: rest again, but the turn still shows in the span until it leaves the window.
    expect(f.update(0.1, 900)).toBe(false);
    expect(f.span).toBeCloseTo(0.1, 10);
    expect(f.update(0.1, 1250)).toBe(false);
    expect(f.span).toBe(0);
    f.reset();
    expect(f.span).toBe(0);
  });

  it('ignores non-numbers and starts over on reset', () => {
    const f = new DriftFilter(0.04, 500);
    expect(f.update(Number.NaN, 0)).toBe(false);
    f.update(0, 0);
    f.reset();
    expect(f.update(0.5, 10)).toBe(false);
  });
});
