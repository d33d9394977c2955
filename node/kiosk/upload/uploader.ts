import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  BucketAckSchema,
  hourFromWire,
  hourToWire,
  PROTOCOL_VERSION,
  type BucketBatch,
  type Heartbeat,
} from '../../../common/uploadProtocol';
import type { Logger } from '../logger';
import { DEFAULT_BACKOFF, parseRetryAfter, retryDelay, type BackoffPolicy } from './backoff';
import type { Outbox } from './outbox';

export interface UploaderConfig {
  url: string | null;
  enabled: boolean;
  intervalMs: number;
  stationId: string;
}

export interface UploaderDeps {
  outbox: Outbox;
  config: () => UploaderConfig;
  token: () => string | null;
  /** The heartbeat to send after the buckets (built by health.ts). */
  heartbeat: () => Heartbeat | Promise<Heartbeat>;
  log: Logger;
  fetch?: typeof fetch;
  /** Wall clock: only for timestamps shown to people and for HTTP-date Retry-After. */
  wallNow?: () => number;
  /** Monotonic clock for all scheduling (https://nodejs.org/api/perf_hooks.html#performancenow). */
  monoNow?: () => number;
  random?: () => number;
  timers?: { setTimeout: (fn: () => void, ms: number) => unknown; clearTimeout: (h: unknown) => void };
  batchSize?: number;
  requestTimeoutMs?: number;
  backoff?: BackoffPolicy;
  /** The loop never sleeps longer than this, so a changed interval or setting is noticed. */
  maxSleepMs?: number;
}

export interface UploadResult {
  ok: boolean;
  /** Why nothing was attempted. */
  skipped: 'disabled' | 'no-url' | 'no-token' | null;
  batches: number;
  sentBuckets: number;
  acknowledgedBuckets: number;
  heartbeatSent: boolean;
  backlog: number;
  error: string | null;
  httpStatus: number | null;
  /** Milliseconds until the next automatic attempt. */
  nextAttemptInMs: number;
  finishedAt: number;
}

export interface Uploader {
  start(): void;
  stop(): void;
  /** The operator's "upload now": runs a cycle at once (or joins the one in flight). */
  uploadNow(): Promise<UploadResult>;
  /** Runs a cycle if one is due on the monotonic clock; the loop calls this. */
  tick(): Promise<UploadResult | null>;
  nextAttemptInMs(): number;
  readonly started: boolean;
}

class UploadFailure extends Error {
  constructor(
    message: string,
    readonly httpStatus: number | null = null,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

const RETRYABLE_NOTE: Record<number, string> = { 401: 'token refused', 403: 'token refused', 413: 'batch too large' };

/**
 * The offline-first uploader: drains the outbox in batches (oldest first) with POST /v1/buckets,
 * then sends a heartbeat. A failed cycle waits `retryDelay` (full-jitter backoff, at least the
 * receiver's Retry-After) before the next; a good one waits the configured interval. Every wait is
 * measured on the monotonic clock, so setting the wall clock back or forward moves nothing.
 */
export function createUploader(deps: UploaderDeps): Uploader {
  const doFetch = deps.fetch ?? fetch;
  const wallNow = deps.wallNow ?? Date.now;
  const mono = deps.monoNow ?? (() => performance.now());
  const random = deps.random ?? Math.random;
  // unref: the upload loop alone never keeps a process (a command-line tool, a test) alive.
  const timers = deps.timers ?? {
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms).unref(),
    clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout),
  };
  const batchSize = deps.batchSize ?? 500;
  const requestTimeoutMs = deps.requestTimeoutMs ?? 30_000;
  const policy = deps.backoff ?? DEFAULT_BACKOFF;
  const maxSleepMs = deps.maxSleepMs ?? 60_000;

  let failures = 0;
  let nextRunAt = mono();
  let inFlight: Promise<UploadResult> | null = null;
  let timer: unknown = null;
  let started = false;
  let aborter: AbortController | null = null;

  const post = async (
    url: string,
    body: string,
    key: string,
    token: string,
  ): Promise<{ status: number; text: string; retryAfter: string | null }> => {
    const ac = new AbortController();
    aborter = ac;
    // The timeout covers the whole exchange, body included: a receiver that hangs mid-body is a failure too.
    const t = setTimeout(() => ac.abort(new Error(`no complete answer within ${requestTimeoutMs} ms`)), requestTimeoutMs);
    try {
      const res = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
        body,
        signal: ac.signal,
        redirect: 'error',
      });
      const text = await res.text();
      return { status: res.status, text, retryAfter: res.headers.get('retry-after') };
    } catch (err) {
      const e = err as Error & { cause?: Error };
      const reason = ac.signal.aborted
        ? String((ac.signal.reason as Error)?.message ?? 'aborted')
        : `${e.message}${e.cause ? `: ${e.cause.message}` : ''}`;
      throw new UploadFailure(`network: ${reason}`);
    } finally {
      clearTimeout(t);
      aborter = null;
    }
  };

  const check = (r: { status: number; text: string; retryAfter: string | null }, what: string): void => {
    if (r.status >= 200 && r.status < 300) return;
    const note = RETRYABLE_NOTE[r.status] ? ` (${RETRYABLE_NOTE[r.status]})` : '';
    throw new UploadFailure(
      `${what}: HTTP ${r.status}${note} ${r.text.slice(0, 200)}`.trim(),
      r.status,
      parseRetryAfter(r.retryAfter, wallNow()),
    );
  };

  const cycle = async (): Promise<UploadResult> => {
    const cfg = deps.config();
    const result: UploadResult = {
      ok: false,
      skipped: null,
      batches: 0,
      sentBuckets: 0,
      acknowledgedBuckets: 0,
      heartbeatSent: false,
      backlog: 0,
      error: null,
      httpStatus: null,
      nextAttemptInMs: cfg.intervalMs,
      finishedAt: 0,
    };
    const token = deps.token();
    result.skipped = !cfg.enabled ? 'disabled' : !cfg.url ? 'no-url' : !token ? 'no-token' : null;
    if (result.skipped || !cfg.url || !token) {
      nextRunAt = mono() + cfg.intervalMs;
      return { ...result, backlog: deps.outbox.backlog(), finishedAt: wallNow() };
    }
    const base = cfg.url.replace(/\/+$/, '');
    deps.outbox.noteAttempt(wallNow());
    try {
      deps.outbox.dropOrphans();
      for (;;) {
        const pending = deps.outbox.nextBatch(batchSize);
        if (pending.length === 0) break;
        const batch: BucketBatch = {
          protocol: PROTOCOL_VERSION,
          stationId: cfg.stationId,
          buckets: pending.map((b) => ({
            kioskId: b.kioskId,
            metric: b.metric,
            hour: hourToWire(b.hourStart),
            value: b.value,
            revision: b.revision,
          })),
        };
        const body = JSON.stringify(batch);
        // Same content -> same key, so a retry of this very batch is recognised by the receiver.
        const key = `b${PROTOCOL_VERSION}-${createHash('sha256').update(body).digest('hex')}`;
        const r = await post(`${base}/v1/buckets`, body, key, token);
        check(r, 'buckets');
        let ack;
        try {
          ack = BucketAckSchema.parse(JSON.parse(r.text));
        } catch {
          throw new UploadFailure('buckets: the receiver answered without a readable acknowledgement', r.status);
        }
        // Only acknowledgements of buckets in this very batch count: a stale or duplicated answer
        // naming other buckets must not clear rows the receiver never got.
        const sent = new Set(batch.buckets.map((b) => `${b.kioskId}|${b.metric}|${hourFromWire(b.hour)}`));
        const acked = deps.outbox.acknowledge(
          ack.accepted
            .map((a) => ({ kioskId: a.kioskId, metric: a.metric, hourStart: hourFromWire(a.hour), revision: a.revision }))
            .filter((a) => sent.has(`${a.kioskId}|${a.metric}|${a.hourStart}`)),
        );
        result.batches += 1;
        result.sentBuckets += pending.length;
        result.acknowledgedBuckets += acked;
        // An answer that clears nothing would send the same batch forever: stop and back off instead.
        if (acked === 0) throw new UploadFailure('buckets: the receiver acknowledged none of the batch', r.status);
      }
      const hb = await deps.heartbeat();
      const hbBody = JSON.stringify(hb);
      const r = await post(
        `${base}/v1/heartbeat`,
        hbBody,
        `h${PROTOCOL_VERSION}-${createHash('sha256').update(hbBody).digest('hex')}`,
        token,
      );
      check(r, 'heartbeat');
      result.heartbeatSent = true;
      const at = wallNow();
      deps.outbox.noteSuccess(at);
      deps.outbox.noteHeartbeat(at);
      failures = 0;
      result.ok = true;
      result.nextAttemptInMs = cfg.intervalMs;
    } catch (err) {
      const f = err instanceof UploadFailure ? err : new UploadFailure(String((err as Error)?.message ?? err));
      result.error = f.message;
      result.httpStatus = f.httpStatus;
      result.nextAttemptInMs = retryDelay(failures, f.retryAfterMs, policy, random);
      failures += 1;
      deps.outbox.noteFailure(wallNow(), f.message);
      deps.log.warn('upload.failed', { error: f.message, httpStatus: f.httpStatus, retryInMs: result.nextAttemptInMs, failures });
    }
    nextRunAt = mono() + result.nextAttemptInMs;
    result.backlog = deps.outbox.backlog();
    result.finishedAt = wallNow();
    if (result.ok && result.batches > 0)
      deps.log.info('upload.done', { batches: result.batches, buckets: result.acknowledgedBuckets, backlog: result.backlog });
    return result;
  };

  const run = (): Promise<UploadResult> => {
    if (!inFlight)
      inFlight = cycle().finally(() => {
        inFlight = null;
      });
    return inFlight;
  };

  const arm = (): void => {
    if (!started) return;
    const delay = Math.min(Math.max(0, nextRunAt - mono()), maxSleepMs);
    timer = timers.setTimeout(() => {
      void uploader.tick().finally(arm);
    }, delay);
  };

  const uploader: Uploader = {
    get started() {
      return started;
    },
    start() {
      if (started) return;
      started = true;
      arm();
    },
    stop() {
      started = false;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      aborter?.abort(new Error('uploader stopped'));
    },
    uploadNow: run,
    async tick() {
      if (inFlight || mono() < nextRunAt) return null;
      return run();
    },
    nextAttemptInMs: () => Math.max(0, nextRunAt - mono()),
  };
  return uploader;
}
