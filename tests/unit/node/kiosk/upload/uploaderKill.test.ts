import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { bundleEntry } from '../../../../fixtures/upload/bundleEntry';
import { startFaultProxy } from '../../../../fixtures/upload/faultProxy';
import { kioskBucketMap, makeKiosk, makeReceiver, receiverBucketMap, seed, tempDir } from '../../../../fixtures/upload/kioskHarness';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function runChild(
  CHILD: string,
  dataDir: string,
): { child: ChildProcess; exited: Promise<{ code: number | null; signal: string | null; out: string }> } {
  const child = spawn(process.execPath, [CHILD, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null; out: string }>((r) =>
    child.on('exit', (code, signal) => r({ code, signal, out })),
  );
  cleanups.push(() => void (child.exitCode === null && child.signalCode === null && child.kill('SIGKILL')));
  return { child, exited };
}

describe('uploader killed with SIGKILL in the middle of a batch', () => {
  it('restarts, sends the unacknowledged batch again, and the receiver totals are exact', async () => {
    const t = tempDir('upload-kill-');
    cleanups.push(t.cleanup);
    const child = bundleEntry('tests/fixtures/upload/uploaderChild.ts');
    cleanups.push(child.remove);
    const rx = await makeReceiver(join(t.dir, 'receiver.db'));
    cleanups.push(rx.close);
    const proxy = await startFaultProxy(rx.receiver.url);
    cleanups.push(proxy.close);
    const dataDir = join(t.dir, 'kiosk');
    const kiosk = makeKiosk(dataDir, proxy.url);
    seed(kiosk, 75); // 300 buckets: three batches of 100
    const expected = kioskBucketMap(kiosk);
    const expectedTotals = kiosk.counter.totals(0, Number.MAX_SAFE_INTEGER);
    kiosk.close();

    // First run: batch 1 goes through; batch 2 is committed by the receiver, then the uploader dies before the answer.
    const first = runChild(child.file, dataDir);
    const killedMidBatch = new Promise<void>((resolveKill) => {
      proxy.faults.push('pass', {
        hold: () => {
          first.child.kill('SIGKILL');
          resolveKill();
        },
      });
    });
    await killedMidBatch;
    const gone = await first.exited;
    expect(gone.signal).toBe('SIGKILL');
    expect(rx.store.buckets()).toHaveLength(200); // the receiver holds batches 1 and 2

    // Second run: the outbox still holds batch 2 (never acknowledged) and batch 3.
    const second = runChild(child.file, dataDir);
    const done = await second.exited;
    expect(done.code, done.out).toBe(0);
    const ready = JSON.parse(done.out.split('\n').find((l) => l.includes('child.ready')) ?? '{}') as { backlog: number };
    expect(ready.backlog).toBe(200);
    const result = JSON.parse(done.out.split('\n').find((l) => l.includes('child.done')) ?? '{}') as {
      result: { ok: boolean; backlog: number };
    };
    expect(result.result).toMatchObject({ ok: true, backlog: 0 });

    // Batch 2 was sent again with the same key and answered from the receiver's idempotency record.
    const batchKeys = proxy.seen.filter((s) => s.path === '/v1/buckets').map((s) => s.key);
    expect(batchKeys).toHaveLength(4);
    expect(batchKeys[2]).toBe(batchKeys[1]);
    expect(receiverBucketMap(rx.store)).toEqual(expected);
    expect(rx.store.totals()).toEqual(expectedTotals);
  }, 20_000);
});
