import { describe, expect, it } from 'vitest';
import { ExpSmoother } from '../../../../../src/exhibits/panorama/input/expSmoother';

describe('ExpSmoother', () => {
  it('passes the first sample and then moves 1 - 1/e of the way per time constant', () => {
    const s = new ExpSmoother(100);
    expect(s.update(0, 0)).toBe(0);
    expect(s.update(1, 100)).toBeCloseTo(1 - Math.exp(-1), 10);
  });

  it('does not depend on the frame rate: 60 Hz and 144 Hz reach the same value at the same time', () => {
    const run = (hz: number): number => {
      const s = new ExpSmoother(120);
      s.update(0, 0);
      let v = 0;
      for (let t = 1000 / hz; t <= 300 + 1e-9; t += 1000 / hz) v = s.update(1, t);
      return v;
    };
    expect(run(60)).toBeCloseTo(1 - Math.exp(-300 / 120), 2);
    expect(run(144)).toBeCloseTo(run(60), 2);
  });

  it('is a pass-through with a zero time constant, holds still when the clock goes back, and restarts on reset', () => {
    const none = new ExpSmoother(0);
    none.update(0, 0);
    expect(none.update(0.7, 1)).toBe(0.7);
    const s = new ExpSmoother(100);
    s.update(0, 1000);
    expect(s.update(1, 900)).toBe(0);
    s.reset();
    expect(s.update(0.4, 1000)).toBe(0.4);
  });
});
