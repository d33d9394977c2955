import { describe, expect, it } from 'vitest';
import { CrashLoopBreaker } from '../../../common/crashLoopBreaker';

describe('CrashLoopBreaker', () => {
  it('allows 5 restarts in 10 minutes, refuses the 6th, and recovers as the window slides', () => {
    const b = new CrashLoopBreaker(5, 600_000);
    for (let i = 0; i < 5; i += 1) expect(b.tryRestart(i * 60_000)).toBe(true);
    expect(b.tryRestart(5 * 60_000)).toBe(false);
    expect(b.recent(5 * 60_000)).toBe(5);
    // The first restart (t=0) leaves the window at t=10 min.
    expect(b.tryRestart(600_000)).toBe(true);
    expect(b.tryRestart(600_001)).toBe(false);
  });
});
