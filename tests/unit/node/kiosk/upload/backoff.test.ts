import { describe, expect, it } from 'vitest';
import { backoffDelay, MAX_RETRY_AFTER_MS, parseRetryAfter, retryDelay } from '../../../../../node/kiosk/upload/backoff';

const policy = { baseMs: 1_000, capMs: 60_000 };

describe('backoff with full jitter', () => {
  it('draws uniformly from [0, min(cap, base * 2^attempt))', () => {
    expect([0, 1, 2, 3, 4, 5].map((a) => backoffDelay(a, policy, () => 0.5))).toEqual([500, 1_000, 2_000, 4_000, 8_000, 16_000]);
    expect(backoffDelay(6, policy, () => 0.5)).toBe(30_000);
    expect(backoffDelay(7, policy, () => 0.5)).toBe(30_000); // capped at 60 s, half of it
    expect(backoffDelay(1000, policy, () => 0.999)).toBe(59_940);
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
  });

  it('clamps a broken random source and a negative attempt', () => {
    expect(backoffDelay(2, policy, () => 7)).toBe(4_000);
    expect(backoffDelay(2, policy, () => -1)).toBe(0);
    expect(backoffDelay(-3, policy, () => 0.5)).toBe(500);
  });

  it('spreads kiosks apart: 1000 draws cover the whole window', () => {
    let seed = 42;
    const rnd = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const draws = Array.from({ length: 1000 }, () => backoffDelay(4, policy, rnd));
    expect(Math.min(...draws)).toBeLessThan(1_000);
    expect(Math.max(...draws)).toBeGreaterThan(15_000);
    expect(Math.max(...draws)).toBeLessThan(16_000);
  });
});

describe('Retry-After', () => {
  const wall = Date.parse('2026-11-23T02:00:00Z');
  it('reads delay-seconds and HTTP-dates against the wall clock at receipt', () => {
    expect(parseRetryAfter('120', wall)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', wall)).toBe(0);
    expect(parseRetryAfter('Mon, 23 Nov 2026 02:01:30 GMT', wall)).toBe(90_000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 01:00:00 GMT', wall)).toBe(0); // in the past: now
  });
  it('ignores missing or unreadable values and clamps absurd ones', () => {
    expect(parseRetryAfter(null, wall)).toBeNull();
    expect(parseRetryAfter('', wall)).toBeNull();
    expect(parseRetryAfter('soon', wall)).toBeNull();
    expect(parseRetryAfter('-5', wall)).toBeNull();
    expect(parseRetryAfter('99999999', wall)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('Fri, 01 Jan 2100 00:00:00 GMT', wall)).toBe(MAX_RETRY_AFTER_MS);
  });
  it('waits at least what the receiver asked, else the jittered backoff', () => {
    expect(retryDelay(0, 10_000, policy, () => 0.5)).toBe(10_000);
    expect(retryDelay(5, 1_000, policy, () => 0.5)).toBe(16_000);
    expect(retryDelay(2, null, policy, () => 0.25)).toBe(1_000);
  });
});
