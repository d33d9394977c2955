import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startFaultProxy, type FaultProxy } from '../../../../fixtures/upload/faultProxy';
import { kioskBucketMap, makeKiosk, makeReceiver, receiverBucketMap, seed, tempDir, T0 } from '../../../../fixtures/upload/kioskHarness';
import type { Services } from '../../../../../node/kiosk/services';
import type { UploadResult } from '../../../../../node/kiosk/upload/uploader';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(opts: { batchSize?: number; requestTimeoutMs?: number } = {}): Promise<{
  kiosk: Services;
  proxy: FaultProxy;
  rx: Awaited<ReturnType<typeof makeReceiver>>;
}> {
  const t = tempDir('upload-');
  cleanups.push(t.cleanup);
  const rx = await makeReceiver(join(t.dir, 'receiver.db'));
  cleanups.push(rx.close);
  const proxy = await startFaultProxy(rx.receiver.url);
  cleanups.push(proxy.close);
  const kiosk = makeKiosk(join(t.dir, 'kiosk'), proxy.url, {
    upload: { uploader: { batchSize: opts.batchSize ?? 100, requestTimeoutMs: opts.requestTimeoutMs ?? 2_000, random: () => 0.5 } },
  });
  cleanups.push(() => kiosk.close());
  return { kiosk, proxy, rx };
}

async function drain(kiosk: Services, max = 40): Promise<UploadResult[]> {
  const results: UploadResult[] = [];
  for (let i = 0; i < max; i += 1) {
    const r = await kiosk.uploader.uploadNow();
    results.push(r);
    if (r.ok && r.backlog === 0) return results;
  }
  throw new Error(`not drained after ${max} cycles: ${JSON.stringify(results.at(-1))}`);
}

describe('uploader against the reference receiver behind a fault-injecting proxy', () => {
  it('a clean run sends every bucket in batches, then a heartbeat, and empties the outbox', async () => {
    const { kiosk, proxy, rx } = await setup();
    seed(kiosk, 60); // 240 buckets -> 3 batches of 100
    expect(kiosk.outbox.backlog()).toBe(240);
    const r = await kiosk.uploader.uploadNow();
    expect(r).toMatchObject({
      ok: true,
      batches: 3,
      sentBuckets: 240,
      acknowledgedBuckets: 240,
      heartbeatSent: true,
      backlog: 0,
      error: null,
    });
    expect(proxy.seen.map((s) => [s.path, s.buckets])).toEqual([
      ['/v1/buckets', 100],
      ['/v1/buckets', 100],
      ['/v1/buckets', 40],
      ['/v1/heartbeat', 0],
    ]);
    expect(receiverBucketMap(rx.store)).toEqual(kioskBucketMap(kiosk));
    const hb = rx.store.heartbeats()[0];
    expect(hb).toMatchObject({ kioskId: kiosk.settings.get().kioskId, appVersion: '9.9.9-test', uploadBacklog: 0 });
    expect(kiosk.outbox.state().lastSuccessAt).not.toBeNull();
    // Nothing new: the next cycle sends only a heartbeat.
    const again = await kiosk.uploader.uploadNow();
    expect(again).toMatchObject({ ok: true, batches: 0, heartbeatSent: true });
  });

  it('after 500, 503, 429, a hang, a reset mid-body, a dropped answer and duplicate or stale acks, the totals are exact', async () => {
    const { kiosk, proxy, rx } = await setup();
    seed(kiosk, 100); // 400 buckets
    const retryDate = new Date(Date.now() + 3_000).toUTCString();
    proxy.faults.push(
      { status: 500 },
      { status: 503, retryAfter: '2' },
      { status: 429, retryAfter: retryDate },
      'hang',
      'resetMidBody',
      'commitThenDrop',
      'pass', // the retry of the dropped batch
      'duplicateAck',
      'staleReplay',
      { status: 401 },
    );
    const results = await drain(kiosk);
    const failed = results.filter((r) => !r.ok);
    expect(failed.map((r) => r.httpStatus)).toEqual([500, 503, 429, null, null, null, 200, 401]);
    expect(failed[1]?.nextAttemptInMs).toBeGreaterThanOrEqual(2_000);
    expect(failed[2]?.nextAttemptInMs).toBeGreaterThanOrEqual(1_000);
    expect(failed[3]?.error).toMatch(/no complete answer within 2000 ms/);
    expect(failed[6]?.error).toMatch(/acknowledged none/);
    expect(failed[7]?.error).toMatch(/token refused/);
    // The batch whose answer was lost is sent again with the same Idempotency-Key, and replayed.
    const dropped = proxy.seen.findIndex((s) => s.fault === 'commitThenDrop');
    expect(proxy.seen[dropped + 1]?.key).toBe(proxy.seen[dropped]?.key);
    expect(receiverBucketMap(rx.store)).toEqual(kioskBucketMap(kiosk));
    expect(rx.store.totals()).toEqual(kiosk.counter.totals(0, Number.MAX_SAFE_INTEGER));
    expect(kiosk.outbox.backlog()).toBe(0);
    expect(kiosk.outbox.state().consecutiveFailures).toBe(0);
  });

  it('a count recorded while its batch is in flight stays pending and is sent next', async () => {
    const { kiosk, proxy, rx } = await setup();
    seed(kiosk, 10);
    let once = true;
    proxy.afterCommit = (path) => {
      if (path !== '/v1/buckets' || !once) return;
      once = false;
      kiosk.counter.record('session.started', 5, T0 + 60_000); // a bucket of this very batch
    };
    const r = await kiosk.uploader.uploadNow();
    // The acknowledged revision was one behind, so the row stayed and went in a second batch of one.
    // 41 buckets sent, 40 outbox rows cleared: the first ack cleared 39, the second the re-counted one.
    expect(r).toMatchObject({ ok: true, batches: 2, sentBuckets: 41, acknowledgedBuckets: 40, backlog: 0 });
    expect(proxy.seen.map((x) => x.buckets)).toEqual([40, 1, 0]);
    expect(receiverBucketMap(rx.store)).toEqual(kioskBucketMap(kiosk));
    expect(rx.store.totals()['session.started']).toBe(kiosk.counter.totals(0, Number.MAX_SAFE_INTEGER)['session.started']);
  });

  it('does nothing when disabled, without a URL or without a token', async () => {
    const { kiosk, proxy } = await setup();
    seed(kiosk, 2);
    kiosk.settings.update({ upload: { ...kiosk.settings.get().upload, enabled: false } });
    expect(await kiosk.uploader.uploadNow()).toMatchObject({ ok: false, skipped: 'disabled', backlog: 8 });
    kiosk.settings.update({ upload: { url: null, enabled: true, intervalSeconds: 30 } });
    expect((await kiosk.uploader.uploadNow()).skipped).toBe('no-url');
    kiosk.settings.update({ upload: { url: proxy.url, enabled: true, intervalSeconds: 30 } });
    kiosk.secrets.clear('upload.token');
    expect((await kiosk.uploader.uploadNow()).skipped).toBe('no-token');
    expect(proxy.seen).toEqual([]);
  });

  it('joins a cycle in flight instead of starting a second one', async () => {
    const { kiosk, proxy } = await setup();
    seed(kiosk, 2);
    const [a, b] = await Promise.all([kiosk.uploader.uploadNow(), kiosk.uploader.uploadNow()]);
    expect(a).toBe(b);
    expect(proxy.seen.filter((s) => s.path === '/v1/buckets')).toHaveLength(1);
  });
});

describe('uploader acknowledgements', () => {
  it('ignores acknowledgements of buckets that were not in the batch', async () => {
    const t = tempDir('upload-ack-');
    cleanups.push(t.cleanup);
    const kiosk = makeKiosk(join(t.dir, 'k'), 'http://127.0.0.1:9', {
      upload: {
        uploader: {
          batchSize: 1,
          fetch: (async (_url: string, init: RequestInit) => {
            const body = JSON.parse(String(init.body)) as {
              buckets?: { kioskId: string; metric: string; hour: string; revision: number }[];
            };
            // A broken receiver: acknowledges a bucket the kiosk did not send, with a huge revision.
            const other = { kioskId: body.buckets?.[0]?.kioskId, metric: 'session.started', hour: '2026-03-01T05:00:00Z', revision: 99 };
            return new Response(JSON.stringify(body.buckets ? { accepted: [other] } : { received: true }), { status: 200 });
          }) as typeof fetch,
        },
      },
    });
    cleanups.push(() => kiosk.close());
    kiosk.counter.record('session.started', 1, T0);
    kiosk.counter.record('session.started', 1, T0 + 5 * 3_600_000); // pending, but not in the first batch of one
    const r = await kiosk.uploader.uploadNow();
    expect(r).toMatchObject({ ok: false, sentBuckets: 1, acknowledgedBuckets: 0, error: expect.stringMatching(/acknowledged none/) });
    expect(kiosk.outbox.backlog()).toBe(2);
  });
});
