/**
 * A token-bucket rate limiter per key (here: per upload token). Each key holds up to `capacity` requests and
 * regains `refillPerSecond`; a request that finds the bucket empty is told how long to wait.
 */
export interface RateLimiter {
  take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number };
}

export function createRateLimiter(opts: { capacity: number; refillPerSecond: number; now?: () => number; maxKeys?: number }): RateLimiter {
  const now = opts.now ?? (() => performance.now());
  const maxKeys = opts.maxKeys ?? 100_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const t = now();
      let b = buckets.get(key);
      if (!b) {
        // Bounded memory: forget the oldest keys (a forgotten key simply starts full again).
        if (buckets.size >= maxKeys) for (const k of [...buckets.keys()].slice(0, Math.ceil(maxKeys / 10))) buckets.delete(k);
        b = { tokens: opts.capacity, at: t };
        buckets.set(key, b);
      }
      b.tokens = Math.min(opts.capacity, b.tokens + ((t - b.at) / 1000) * opts.refillPerSecond);
      b.at = t;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / opts.refillPerSecond)) };
    },
  };
}
