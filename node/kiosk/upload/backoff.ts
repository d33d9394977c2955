/**
 * Retry timing for the uploader.
 *
 * Exponential backoff with FULL jitter, as measured in
 * https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/ :
 * `sleep = random_between(0, min(cap, base * 2 ** attempt))`. Full jitter spreads the kiosks of a
 * district apart when the receiver comes back after an outage, instead of all retrying together.
 */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, capMs: 30 * 60_000 };
/** A Retry-After longer than this is clamped: a misconfigured receiver must not silence a kiosk for weeks. */
export const MAX_RETRY_AFTER_MS = 6 * 3_600_000;

/** `attempt` counts failures so far, starting at 0 for the first retry. `random` returns [0, 1). */
export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exp = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(Math.max(0, attempt), 40));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * exp);
}

/**
 * `Retry-After` is either delay-seconds or an HTTP-date (RFC 9110 section 10.2.3,
 * https://www.rfc-editor.org/rfc/rfc9110#field.retry-after). Returns milliseconds from now, or
 * null when absent or unreadable. The HTTP-date is compared with the wall clock once, here, and
 * the result is scheduled on the monotonic clock, so a later wall-clock jump does not move it.
 */
export function parseRetryAfter(header: string | null | undefined, wallNowMs: number): number | null {
  if (header == null) return null;
  const v = header.trim();
  if (v === '') return null;
  if (/^\d+$/.test(v)) return Math.min(Number(v) * 1000, MAX_RETRY_AFTER_MS);
  // An HTTP-date names a day and a month ("Sun, 06 Nov 1994 08:49:37 GMT"); anything without letters is junk.
  if (!/[a-z]{3}/i.test(v)) return null;
  const at = Date.parse(v);
  if (!Number.isFinite(at)) return null;
  return Math.min(Math.max(0, at - wallNowMs), MAX_RETRY_AFTER_MS);
}

/** The wait before the next attempt: the jittered backoff, but never shorter than the receiver asked. */
export function retryDelay(
  attempt: number,
  retryAfterMs: number | null,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const jittered = backoffDelay(attempt, policy, random);
  return retryAfterMs == null ? jittered : Math.max(retryAfterMs, jittered);
}
