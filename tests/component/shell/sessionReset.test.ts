import { describe, expect, it, vi } from 'vitest';
import { onSessionReset, runSessionReset } from '../../../src/shell/sessionReset';

describe('session reset hooks', () => {
  it('runs every registered hook, even when one throws, and stops running removed ones', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const a = vi.fn();
    const b = vi.fn(() => {
      throw new Error('broken exhibit');
    });
    const c = vi.fn();
    const offA = onSessionReset(a);
    const offB = onSessionReset(b);
    const offC = onSessionReset(c);
    runSessionReset();
    expect([a.mock.calls.length, b.mock.calls.length, c.mock.calls.length]).toEqual([1, 1, 1]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('broken exhibit'));
    offA();
    runSessionReset();
    expect(a).toHaveBeenCalledTimes(1);
    expect(c).toHaveBeenCalledTimes(2);
    offB();
    offC();
    warn.mockRestore();
  });
});
