import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../../../../node/kiosk/postcards/rateLimiter';

describe('rate limiter', () => {
  it('allows a burst of `capacity`, then refuses with the time until the next token', () => {
    let t = 0;
    const rl = createRateLimiter({ capacity: 3, refillPerSecond: 0.5 }, () => t);
    for (let i = 0; i < 3; i++) expect(rl.take('a').ok).toBe(true);
    expect(rl.take('a')).toEqual({ ok: false, retryAfterMs: 2000 });
    expect(rl.take('b').ok).toBe(true); // per client
    t += 1000;
    expect(rl.take('a')).toEqual({ ok: false, retryAfterMs: 1000 });
    t += 1000;
    expect(rl.take('a').ok).toBe(true);
    expect(rl.take('a').ok).toBe(false);
  });

  it('refills to capacity at most, and forgets clients beyond its cap', () => {
    let t = 0;
    const rl = createRateLimiter({ capacity: 2, refillPerSecond: 1, maxClients: 50 }, () => t);
    rl.take('a');
    t += 3_600_000;
    expect(rl.take('a').ok).toBe(true);
    expect(rl.take('a').ok).toBe(true);
    expect(rl.take('a').ok).toBe(false);
    for (let i = 0; i < 500; i++) rl.take(`10.0.${i >> 8}.${i & 255}`);
    expect(rl.size).toBeLessThanOrEqual(51);
  });

  it('refuses a limit that would block everything', () => {
    expect(() => createRateLimiter({ capacity: 0, refillPerSecond: 1 })).toThrow(RangeError);
    expect(() => createRateLimiter({ capacity: 1, refillPerSecond: 0 })).toThrow(RangeError);
  });
});
