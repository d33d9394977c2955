import { expect, it } from 'vitest';
import { createRateLimiter } from '../../../../node/server/http/tokenBucket';

it('lets a burst of `capacity` through, then refills at its rate, per key', () => {
  let t = 0;
  const rl = createRateLimiter({ capacity: 2, refillPerSecond: 4, now: () => t });
  expect([rl.take('a'), rl.take('a'), rl.take('a')].map((r) => r.ok)).toEqual([true, true, false]);
  expect(rl.take('b').ok).toBe(true);
  expect(rl.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
  t += 250; // a quarter second refills one request
  expect(rl.take('a').ok).toBe(true);
  expect(rl.take('a').ok).toBe(false);
  t += 60_000; // never more than the capacity
  expect([rl.take('a'), rl.take('a'), rl.take('a')].map((r) => r.ok)).toEqual([true, true, false]);
});
