import { describe, expect, it } from 'vitest';
import { createTapCounter } from '../../../src/shell/tapCounter';

describe('createTapCounter (hidden operator gesture)', () => {
  it('fires on the fifth tap within 3 s, then starts over', () => {
    const c = createTapCounter(5, 3000);
    expect([0, 500, 1000, 1500].map((t) => c.tap(t))).toEqual([false, false, false, false]);
    expect(c.tap(2999)).toBe(true);
    expect(c.tap(3100)).toBe(false);
  });

  it('does not fire when the taps are spread over more than 3 s', () => {
    const c = createTapCounter(5, 3000);
    expect([0, 1000, 2000, 3000, 4000].map((t) => c.tap(t))).toEqual([false, false, false, false, false]);
    // ...but the last five within 3 s do.
    expect(c.tap(4500)).toBe(false);
    expect(c.tap(5000)).toBe(false);
    expect(c.tap(5500)).toBe(true);
  });
});
