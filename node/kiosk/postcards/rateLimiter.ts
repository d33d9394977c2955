/**
 * A token bucket per client key (the phone's IP address): `capacity` requests at once, refilled at
 * `refillPerSecond` (https://en.wikipedia.org/wiki/Token_bucket).
 * Buckets that have refilled completely carry no information and are dropped, and the map is capped,
 * so a flood of addresses cannot grow memory without bound.
 */
export interface RateLimitOptions {
  capacity: number;
  refillPerSecond: number;
  /** At most this many clients tracked; beyond it the stalest are forgotten. */
  maxClients?: number;
}

export interface RateLimiter {
  /** `{ ok: true }` and one token taken, or `{ ok: false, retryAfterMs }`. */
  take(key: string): { ok: true } | { ok: false; retryAfterMs: number };
  readonly size: number;
}

/**
 * A phone needs 2-3 requests per card. Behind a hotspot's NAT every phone shares one address, so the
 * default leaves room for a queue of visitors (60 a minute); guessing 256-bit tokens is hopeless at
 * any rate, so the limit is about keeping one client from hogging the kiosk.
 */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { capacity: 30, refillPerSecond: 1, maxClients: 10_000 };

export function createRateLimiter(opts: RateLimitOptions, now: () => number = Date.now): RateLimiter {
  if (!(opts.capacity >= 1) || !(opts.refillPerSecond > 0))
    throw new RangeError('a rate limit needs capacity >= 1 and a positive refill rate');
  const maxClients = opts.maxClients ?? 10_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const fullAfterMs = (opts.capacity / opts.refillPerSecond) * 1000;

  const prune = (t: number): void => {
    for (const [k, b] of buckets) if (t - b.at >= fullAfterMs) buckets.delete(k);
    // Still too many: forget the oldest entries (Map iterates in insertion order, refreshed on use).
    for (const k of buckets.keys()) {
      if (buckets.size <= maxClients) break;
      buckets.delete(k);
    }
  };

  return {
    take(key) {
      const t = now();
      const prev = buckets.get(key);
      const tokens = prev ? Math.min(opts.capacity, prev.tokens + (Math.max(0, t - prev.at) / 1000) * opts.refillPerSecond) : opts.capacity;
      buckets.delete(key);
      if (tokens < 1) {
        buckets.set(key, { tokens, at: t });
        return { ok: false, retryAfterMs: Math.ceil(((1 - tokens) / opts.refillPerSecond) * 1000) };
      }
      buckets.set(key, { tokens: tokens - 1, at: t });
      if (buckets.size > maxClients) prune(t);
      return { ok: true };
    },
    get size() {
      return buckets.size;
    },
  };
}
