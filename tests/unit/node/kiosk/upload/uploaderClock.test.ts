import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startFaultProxy, type FaultProxy } from '../../../../fixtures/upload/faultProxy';
import { makeKiosk, makeReceiver, seed, tempDir } from '../../../../fixtures/upload/kioskHarness';
import type { Services } from '../../../../../node/kiosk/services';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A kiosk whose wall clock and monotonic clock the test moves by hand. */
async function clockedKiosk(): Promise<{
  kiosk: Services;
  proxy: FaultProxy;
  wall: { ms: number };
  mono: { ms: number };
  timers: { delays: number[] };
}> {
  const t = tempDir('upload-clock-');
  cleanups.push(t.cleanup);
  const rx = await makeReceiver(join(t.dir, 'receiver.db'));
  cleanups.push(rx.close);
  const proxy = await startFaultProxy(rx.receiver.url);
  cleanups.push(proxy.close);
  const wall = { ms: Date.parse('2026-11-23T02:00:00Z') };
  const mono = { ms: 1_000_000 };
  const timers = { delays: [] as number[] };
  const kiosk = makeKiosk(join(t.dir, 'kiosk'), proxy.url, {
    now: () => wall.ms,
    upload: {
      uploader: {
        monoNow: () => mono.ms,
        random: () => 0.5,
        backoff: { baseMs: 10_000, capMs: 600_000 },
        timers: { setTimeout: (_fn, ms) => timers.delays.push(ms), clearTimeout: () => undefined },
      },
    },
  });
  cleanups.push(() => kiosk.close());
  return { kiosk, proxy, wall, mono, timers };
}

describe('uploader scheduling on the monotonic clock', () => {
  it('runs every interval of monotonic time whatever the wall clock does', async () => {
    const { kiosk, wall, mono } = await clockedKiosk();
    seed(kiosk, 2);
    expect((await kiosk.uploader.tick())?.ok).toBe(true); // due at once after start
    expect(kiosk.uploader.nextAttemptInMs()).toBe(30_000);

    wall.ms += 400 * 86_400_000; // the wall clock jumps a year ahead (a bad NTP answer)
    expect(await kiosk.uploader.tick()).toBeNull();
    wall.ms -= 800 * 86_400_000; // ... then two years back
    mono.ms += 29_999;
    expect(await kiosk.uploader.tick()).toBeNull();
    mono.ms += 1;
    const r = await kiosk.uploader.tick();
    expect(r?.ok).toBe(true);
    // Timestamps shown to people follow the wall clock as it is.
    expect(kiosk.outbox.state().lastSuccessAt).toBe(wall.ms);
  });

  it('backs off with jitter on failures, honours an HTTP-date Retry-After once, then keeps it through wall-clock jumps', async () => {
    const { kiosk, proxy, wall, mono } = await clockedKiosk();
    seed(kiosk, 1);
    proxy.faults.push({ status: 500 }, { status: 500 }, { status: 503, retryAfter: new Date(wall.ms + 120_000).toUTCString() });
    expect((await kiosk.uploader.uploadNow()).nextAttemptInMs).toBe(5_000); // attempt 0: 0.5 * 10 s
    mono.ms += 5_000;
    expect((await kiosk.uploader.tick())?.nextAttemptInMs).toBe(10_000); // attempt 1: 0.5 * 20 s
    mono.ms += 10_000;
    expect((await kiosk.uploader.tick())?.nextAttemptInMs).toBe(120_000); // Retry-After beats 0.5 * 40 s
    wall.ms -= 3_600_000; // setting the clock back an hour does not stretch the wait...
    mono.ms += 119_000;
    expect(await kiosk.uploader.tick()).toBeNull();
    wall.ms += 7 * 3_600_000; // ...nor does jumping ahead shorten it
    expect(await kiosk.uploader.tick()).toBeNull();
    mono.ms += 1_000;
    const ok = await kiosk.uploader.tick();
    expect(ok).toMatchObject({ ok: true, backlog: 0, nextAttemptInMs: 30_000 });
    expect(kiosk.outbox.state().consecutiveFailures).toBe(0);
  });

  it('the loop sleeps until the next due time, never longer than its maximum, and stops', async () => {
    const { kiosk, timers, mono } = await clockedKiosk();
    await kiosk.uploader.uploadNow();
    mono.ms += 10_000;
    kiosk.uploader.start();
    expect(kiosk.uploader.started).toBe(true);
    expect(timers.delays).toEqual([20_000]);
    kiosk.uploader.stop();
    expect(kiosk.uploader.started).toBe(false);
  });
});
