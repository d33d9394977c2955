import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleEntry } from '../../../../fixtures/upload/bundleEntry';
import { makeReceiver, tempDir, TOKEN } from '../../../../fixtures/upload/kioskHarness';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function receiver(): Promise<Awaited<ReturnType<typeof makeReceiver>>> {
  const t = tempDir('receiver-');
  cleanups.push(t.cleanup);
  const rx = await makeReceiver(join(t.dir, 'r.db'));
  cleanups.push(rx.close);
  return rx;
}

const bucket = (value: number, revision: number, hour = '2026-03-01T04:00:00Z', metric = 'session.started') => ({ kioskId: 'kiosk-a', metric, hour, value, revision });
const batch = (...buckets: ReturnType<typeof bucket>[]) => JSON.stringify({ protocol: 1, stationId: 'station-x', buckets });

async function post(url: string, path: string, body: string, key: string, token = TOKEN): Promise<{ status: number; json: unknown; replayed: string | null }> {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key }, body });
  return { status: res.status, json: await res.json(), replayed: res.headers.get('idempotent-replayed') };
}

describe('reference receiver', () => {
  it('keeps the highest revision of each bucket, so old or repeated revisions never count twice', async () => {
    const { receiver: r, store } = await receiver();
    expect((await post(r.url, '/v1/buckets', batch(bucket(5, 2)), 'key-00000001')).json).toEqual({
      accepted: [{ kioskId: 'kiosk-a', metric: 'session.started', hour: '2026-03-01T04:00:00Z', revision: 2 }],
    });
    // An older revision arrives late: ignored, and the ack says which revision the receiver holds.
    const late = await post(r.url, '/v1/buckets', batch(bucket(3, 1)), 'key-00000002');
    expect(late.json).toEqual({ accepted: [{ kioskId: 'kiosk-a', metric: 'session.started', hour: '2026-03-01T04:00:00Z', revision: 2 }] });
    await post(r.url, '/v1/buckets', batch(bucket(5, 2), bucket(1, 1, '2026-03-01T05:00:00.000Z')), 'key-00000003');
    expect(store.totals()).toEqual({ 'session.started': 6 });
    await post(r.url, '/v1/buckets', batch(bucket(9, 3)), 'key-00000004');
    expect(store.totals()).toEqual({ 'session.started': 10 });
    expect(store.totals({ from: '2026-03-01T05:00:00Z' })).toEqual({ 'session.started': 1 });
    expect(store.totals({ stationId: 'elsewhere' })).toEqual({});
  });

  it('replays the stored answer for a repeated Idempotency-Key and refuses the key with another body', async () => {
    const { receiver: r } = await receiver();
    const first = await post(r.url, '/v1/buckets', batch(bucket(5, 1)), 'same-key-1');
    const again = await post(r.url, '/v1/buckets', batch(bucket(5, 1)), 'same-key-1');
    expect(again).toEqual({ ...first, replayed: 'true' });
    expect((await post(r.url, '/v1/buckets', batch(bucket(6, 2)), 'same-key-1')).status).toBe(422);
  });

  it('refuses unknown tokens, a missing key, bad JSON, invalid batches and unknown routes', async () => {
    const { receiver: r, store } = await receiver();
    const noAuth = await fetch(`${r.url}/v1/buckets`, { method: 'POST', body: batch(bucket(1, 1)) });
    expect(noAuth.status).toBe(401);
    expect(noAuth.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await post(r.url, '/v1/buckets', batch(bucket(1, 1)), 'key-00000001', 'wrong-token-xyz')).status).toBe(401);
    const noKey = await fetch(`${r.url}/v1/buckets`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: batch(bucket(1, 1)) });
    expect(noKey.status).toBe(400);
    expect((await post(r.url, '/v1/buckets', '{oops', 'key-00000002')).status).toBe(400);
    const invalid = await post(r.url, '/v1/buckets', batch({ ...bucket(1, 1), hour: '2026-03-01T04:30:00Z' }), 'key-00000003');
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(invalid.json)).toMatch(/buckets\.0\.hour/);
    expect((await post(r.url, '/v1/buckets', JSON.stringify({ protocol: 1, stationId: 'station-x', buckets: [], visitor: 'x' }), 'key-00000004')).status).toBe(400);
    expect((await fetch(`${r.url}/v1/nothing`)).status).toBe(404);
    expect(store.totals()).toEqual({});
  });

  it('stores heartbeats and serves totals to a token holder', async () => {
    const { receiver: r, store } = await receiver();
    const hb = {
      protocol: 1, stationId: 'station-x', kioskId: 'kiosk-a', sentAt: '2026-03-01T04:00:00.000Z', appVersion: '1.0.0', uptimeSeconds: 12,
      restarts: 1, lastCrashReason: 'renderer gone', cameras: [{ id: 'entry', state: 'ok', detail: null }], inferenceBackend: 'wasm',
      contentPack: { id: 'yangpu', version: '1.2.0' }, freeDiskBytes: 1e9, uploadBacklog: 3, lastSuccessfulUpload: null,
    };
    expect((await post(r.url, '/v1/heartbeat', JSON.stringify(hb), 'hb-0000001')).json).toEqual({ received: true });
    expect(store.heartbeats()[0]).toMatchObject({ kioskId: 'kiosk-a', restarts: 1, cameras: [{ id: 'entry', state: 'ok' }] });
    expect((await post(r.url, '/v1/heartbeat', JSON.stringify({ ...hb, faces: [] }), 'hb-0000002')).status).toBe(400);
    await post(r.url, '/v1/buckets', batch(bucket(4, 1)), 'key-00000005');
    const totals = await fetch(`${r.url}/v1/totals?stationId=station-x`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(await totals.json()).toEqual({ totals: { 'session.started': 4 } });
  });

  it('runs from the command line with tokens from a file and prints its URL, then totals', async () => {
    const t = tempDir('receiver-cli-');
    cleanups.push(t.cleanup);
    const db = join(t.dir, 'cli.db');
    const main = bundleEntry('node/kiosk/receiver/main.ts');
    cleanups.push(main.remove);
    const tokens = join(t.dir, 'tokens.txt');
    writeFileSync(tokens, `# station tokens\n${TOKEN}\n`);
    const child = spawn(process.execPath, [main.file, '--port', '0', '--db', db, '--tokens-file', tokens], { stdio: ['ignore', 'pipe', 'pipe'] });
    cleanups.push(() => void child.kill('SIGKILL'));
    const line = await new Promise<string>((res, rej) => {
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('\n')) res(out.split('\n')[0] as string);
      });
      child.on('exit', (code) => rej(new Error(`receiver exited ${code}`)));
    });
    const { url } = JSON.parse(line) as { url: string };
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await post(url, '/v1/buckets', batch(bucket(7, 1)), 'key-cli-0001')).status).toBe(200);
    child.kill('SIGTERM');
    await new Promise((r) => child.on('exit', r));
    const totals = spawn(process.execPath, [main.file, 'totals', '--db', db], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    totals.stdout.on('data', (c: Buffer) => (out += c.toString()));
    await new Promise((r) => totals.on('exit', r));
    expect(JSON.parse(out)).toEqual({ totals: { 'session.started': 7 } });
  }, 15_000);
});
