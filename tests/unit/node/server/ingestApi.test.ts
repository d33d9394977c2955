import { connect } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { startServer } from '../../../../node/server/http/startServer';
import { createMemoryLog } from '../../../../node/server/log';
import { pruneIdempotencyKeys } from '../../../../node/server/store/ingest';
import { dailyTotals, listBuckets, listHeartbeats, totals } from '../../../../node/server/store/reads';
import { issueToken, revokeTokens } from '../../../../node/server/store/registry';
import { expectRollupsMatch } from './expectRollupsMatch';
import { keepAliveClient } from '../../../fixtures/http/keepAliveClient';
import { sendInChunks } from '../../../fixtures/http/sendInChunks';
import { batch, bucket, heartbeat, post, startHarness, type Harness } from './serverHarness';
import { describeEachDb } from './testDb';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describeEachDb('ingest API', (db) => {
  const start = async (opts = {}) => (h = await startHarness(db(), opts));

  it('keeps the highest revision of each bucket, so old or repeated revisions never count twice', async () => {
    const { server: r, token } = await start();
    expect((await post(r.url, '/v1/buckets', batch([bucket(5, 2)]), 'key-00000001', token)).json).toEqual({
      accepted: [{ kioskId: 'kiosk-a', metric: 'session.started', hour: '2026-03-01T04:00:00Z', revision: 2 }],
    });
    const late = await post(r.url, '/v1/buckets', batch([bucket(3, 1)]), 'key-00000002', token);
    expect(late.json).toEqual({ accepted: [{ kioskId: 'kiosk-a', metric: 'session.started', hour: '2026-03-01T04:00:00Z', revision: 2 }] });
    await post(r.url, '/v1/buckets', batch([bucket(5, 2), bucket(1, 1, '2026-03-01T05:00:00.000Z')]), 'key-00000003', token);
    expect(await totals(db())).toEqual({ 'session.started': 6 });
    await post(r.url, '/v1/buckets', batch([bucket(9, 3)]), 'key-00000004', token);
    expect(await totals(db())).toEqual({ 'session.started': 10 });
    expect(await totals(db(), { from: '2026-03-01T05:00:00Z' })).toEqual({ 'session.started': 1 });
    expect(await totals(db(), { stationId: 'elsewhere' })).toEqual({});
  });

  it('keeps the daily rollups equal to the hourly buckets, on station-local days', async () => {
    const { server: r, token } = await start();
    // 15:00Z and 16:00Z on 1 March are 23:00 on 1 March and 00:00 on 2 March in Shanghai.
    const b = [
      bucket(4, 1, '2026-03-01T15:00:00Z'),
      bucket(6, 1, '2026-03-01T16:00:00Z'),
      bucket(2, 1, '2026-03-01T16:00:00Z', 'smile.entry.visitors'),
    ];
    await post(r.url, '/v1/buckets', batch(b), 'key-roll-0001', token);
    await post(
      r.url,
      '/v1/buckets',
      batch([bucket(7, 2, '2026-03-01T15:00:00Z'), bucket(1, 1, '2026-03-01T15:00:00Z')]),
      'key-roll-0002',
      token,
    );
    // A second kiosk of the station, with a revision that lowers an hour's value: the station's rollups add both.
    const tokenB = await issueToken(db(), 'kiosk-b');
    const b2 = (value: number, revision: number, hour: string) => bucket(value, revision, hour, 'session.started', 'kiosk-b');
    await post(r.url, '/v1/buckets', batch([b2(5, 1, '2026-03-01T15:00:00Z'), b2(3, 1, '2026-03-01T16:00:00Z')]), 'key-roll-0003', tokenB);
    await post(r.url, '/v1/buckets', batch([b2(1, 2, '2026-03-01T16:00:00Z')]), 'key-roll-0004', tokenB);
    expect(await dailyTotals(db(), { fromDay: '2026-02-28', toDay: '2026-03-05' })).toEqual([
      { stationId: 'station-x', day: '2026-03-01', metric: 'session.started', value: 12 },
      { stationId: 'station-x', day: '2026-03-02', metric: 'session.started', value: 7 },
      { stationId: 'station-x', day: '2026-03-02', metric: 'smile.entry.visitors', value: 2 },
    ]);
    await expectRollupsMatch(db());
  });

  it('replays the stored answer for a repeated Idempotency-Key and refuses the key with another body', async () => {
    const { server: r, token } = await start();
    const first = await post(r.url, '/v1/buckets', batch([bucket(5, 1)]), 'same-key-1', token);
    const again = await post(r.url, '/v1/buckets', batch([bucket(5, 1)]), 'same-key-1', token);
    expect(again.json).toEqual(first.json);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await post(r.url, '/v1/buckets', batch([bucket(6, 2)]), 'same-key-1', token)).status).toBe(422);
    expect(await totals(db())).toEqual({ 'session.started': 5 });
  });

  it('forgets idempotency keys after 14 days, and the server prunes them when it starts', async () => {
    const { server: r, token } = await start();
    await post(r.url, '/v1/buckets', batch([bucket(5, 1)]), 'old-key-01', token);
    expect(await pruneIdempotencyKeys(db(), new Date(Date.now() + 13 * 86_400_000))).toBe(0);
    const later = await startServer({ db: db(), log: createMemoryLog(), now: () => Date.now() + 15 * 86_400_000 });
    try {
      const count = async () => (await db().query<{ n: number }>('SELECT count(*)::int AS n FROM idempotency_keys'))[0]?.n;
      for (let i = 0; i < 100 && (await count()) !== 0; i += 1) await new Promise((res) => setTimeout(res, 50));
      expect(await count()).toBe(0);
      expect(await totals(db())).toEqual({ 'session.started': 5 }); // the buckets stay
    } finally {
      await later.close();
    }
  });

  it('answers concurrent copies of one batch once, from the same transaction record', async () => {
    const { server: r, token } = await start();
    const body = batch([bucket(3, 1), bucket(4, 1, '2026-03-01T05:00:00Z')]);
    const answers = await Promise.all([1, 2, 3, 4].map(() => post(r.url, '/v1/buckets', body, 'race-key-1', token)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(3);
    expect(await dailyTotals(db(), { fromDay: '2026-03-01', toDay: '2026-03-02' })).toEqual([
      { stationId: 'station-x', day: '2026-03-01', metric: 'session.started', value: 7 },
    ]);
  });

  it('refuses unknown and revoked tokens, a missing key, bad JSON, invalid batches and unknown routes with nothing stored', async () => {
    const { server: r, token } = await start();
    const noAuth = await post(r.url, '/v1/buckets', batch([bucket(1, 1)]), 'key-00000001', null);
    expect(noAuth.status).toBe(401);
    expect(noAuth.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await post(r.url, '/v1/buckets', batch([bucket(1, 1)]), 'key-00000001', 'wrong-token-xyz')).status).toBe(401);
    expect((await post(r.url, '/v1/buckets', batch([bucket(1, 1)]), null, token)).status).toBe(400);
    const notJson = await post(r.url, '/v1/buckets', '{oops', 'key-00000002', token);
    expect(notJson).toMatchObject({ status: 400, json: { error: 'body is not JSON' } });
    const invalid = await post(r.url, '/v1/buckets', batch([{ ...bucket(1, 1), hour: '2026-03-01T04:30:00Z' }]), 'key-00000003', token);
    expect(invalid.status).toBe(400);
    expect(invalid.json).toMatchObject({ error: 'invalid batch', issues: [{ path: 'buckets.0.hour' }] });
    expect(
      (
        await post(
          r.url,
          '/v1/buckets',
          JSON.stringify({ protocol: 1, stationId: 'station-x', buckets: [], visitor: 'x' }),
          'key-00000004',
          token,
        )
      ).status,
    ).toBe(400);
    expect((await fetch(`${r.url}/v1/nothing`)).status).toBe(404);
    expect(await revokeTokens(db(), 'kiosk-a')).toBe(1);
    expect((await post(r.url, '/v1/buckets', batch([bucket(1, 1)]), 'key-00000005', token)).status).toBe(401);
    expect(await listBuckets(db())).toEqual([]);
  });

  it('lets a token write only its own kiosk and station: a batch naming another is a 403 and stores nothing', async () => {
    const { server: r, token, otherToken } = await start();
    const otherStation = await post(r.url, '/v1/buckets', batch([bucket(1, 1)], 'station-y'), 'key-scope-001', token);
    expect(otherStation.status).toBe(403);
    const mixed = await post(
      r.url,
      '/v1/buckets',
      batch([bucket(1, 1), bucket(2, 1, '2026-03-01T04:00:00Z', 'session.started', 'kiosk-b')]),
      'key-scope-002',
      token,
    );
    expect(mixed).toMatchObject({ status: 403, json: { error: expect.stringMatching(/kiosk-b/) } });
    // kiosk-c's token on station-x's kiosk-a
    expect((await post(r.url, '/v1/buckets', batch([bucket(1, 1)]), 'key-scope-003', otherToken)).status).toBe(403);
    expect((await post(r.url, '/v1/heartbeat', JSON.stringify(heartbeat({ kioskId: 'kiosk-b' })), 'hb-scope-01', token)).status).toBe(403);
    expect(await listBuckets(db())).toEqual([]);
    expect(await listHeartbeats(db())).toEqual([]);
  });

  it('bounds how far a revision may jump: 2^53-1 on a new bucket is refused, and nothing of the batch is stored', async () => {
    const { server: r, token } = await start({ maxRevisionJump: 1_000_000 });
    const huge = await post(
      r.url,
      '/v1/buckets',
      batch([bucket(1, 1, '2026-03-01T03:00:00Z'), bucket(5, Number.MAX_SAFE_INTEGER)]),
      'key-jump-001',
      token,
    );
    expect(huge).toMatchObject({
      status: 422,
      json: { offenders: [{ metric: 'session.started', held: 0, revision: Number.MAX_SAFE_INTEGER }] },
    });
    expect(await listBuckets(db())).toEqual([]);
    expect((await post(r.url, '/v1/buckets', batch([bucket(5, 1_000_000)]), 'key-jump-002', token)).status).toBe(200);
    expect((await post(r.url, '/v1/buckets', batch([bucket(6, 2_000_001)]), 'key-jump-003', token)).status).toBe(422);
    expect((await post(r.url, '/v1/buckets', batch([bucket(6, 2_000_000)]), 'key-jump-004', token)).status).toBe(200);
    expect(await totals(db())).toEqual({ 'session.started': 6 });
  });

  it('limits requests per token with a token bucket and says when to come back', async () => {
    const { server: r, token, otherToken } = await start({ rateLimit: { capacity: 3, refillPerSecond: 0.5 } });
    const statuses = [];
    for (let i = 0; i < 5; i += 1)
      statuses.push((await post(r.url, '/v1/buckets', batch([bucket(i + 1, i + 1)]), `key-rate-00${i}`, token)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const limited = await post(r.url, '/v1/buckets', batch([bucket(9, 9)]), 'key-rate-009', token);
    expect(limited.headers.get('retry-after')).toBe('2');
    // another kiosk's token has its own budget
    expect(
      (
        await post(
          r.url,
          '/v1/heartbeat',
          JSON.stringify(heartbeat({ stationId: 'station-y', kioskId: 'kiosk-c' })),
          'hb-rate-001',
          otherToken,
        )
      ).status,
    ).toBe(200);
    expect(await totals(db())).toEqual({ 'session.started': 3 });
  });

  it("stores heartbeats as a history per kiosk and serves totals of the token's own station only", async () => {
    const { server: r, token, otherToken } = await start();
    expect((await post(r.url, '/v1/heartbeat', JSON.stringify(heartbeat()), 'hb-0000001', token)).json).toEqual({ received: true });
    expect((await post(r.url, '/v1/heartbeat', JSON.stringify(heartbeat({ uptimeSeconds: 99 })), 'hb-0000002', token)).json).toEqual({
      received: true,
    });
    const hbs = await listHeartbeats(db(), { kioskId: 'kiosk-a' });
    expect(hbs.map((x) => x.uptimeSeconds)).toEqual([99, 12]);
    expect(hbs[1]).toMatchObject({ kioskId: 'kiosk-a', restarts: 1, cameras: [{ id: 'entry', state: 'ok' }] });
    expect((await post(r.url, '/v1/heartbeat', JSON.stringify({ ...heartbeat(), faces: [] }), 'hb-0000003', token)).status).toBe(400);
    await post(r.url, '/v1/buckets', batch([bucket(4, 1)]), 'key-00000005', token);
    const get = (q: string, t: string) => fetch(`${r.url}/v1/totals${q}`, { headers: { authorization: `Bearer ${t}` } });
    expect(await (await get('?stationId=station-x', token)).json()).toEqual({ totals: { 'session.started': 4 } });
    expect(await (await get('', token)).json()).toEqual({ totals: { 'session.started': 4 } });
    expect((await get('?stationId=station-x', otherToken)).status).toBe(403);
    expect(await (await get('', otherToken)).json()).toEqual({ totals: {} });
    expect((await get('?from=yesterday', token)).status).toBe(400);
  });

  it('answers a body over the limit with 413 and stores nothing', async () => {
    const { server: r, token } = await start({ maxBodyBytes: 2_000 });
    const big = batch(
      Array.from({ length: 40 }, (_, i) => bucket(1, 1, `2026-03-01T${String(i % 24).padStart(2, '0')}:00:00Z`, `m.x${i}`)),
    );
    expect((await post(r.url, '/v1/buckets', big, 'key-big-0001', token)).status).toBe(413);
    expect(await listBuckets(db())).toEqual([]);
  });

  it('answers a body over the limit, declared or not, with a 413 the client reads: never a reset', async () => {
    const max = 64 * 1024;
    const { server: r, token } = await start({ maxBodyBytes: max });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': 'key-big-0002' };
    for (let i = 0; i < 10; i++)
      for (const declared of [true, false])
        expect(await sendInChunks(`${r.url}/v1/buckets`, 15 * max, declared, headers)).toMatchObject({ status: 413 });
    expect(await listBuckets(db())).toEqual([]);
  });

  it('reads a refused body on to its end: the client gets the whole 413 and the same connection serves its next request', async () => {
    const max = 64 * 1024;
    const { server: r, token } = await start({ maxBodyBytes: max });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': 'key-big-0003' };
    for (const declared of [true, false]) {
      const client = keepAliveClient();
      try {
        // All of it at once: a server that stopped reading would leave most of it unread on the connection.
        const refused = await client.send('POST', `${r.url}/v1/buckets`, { headers, body: Buffer.alloc(15 * max, 0x61), declared });
        expect(refused).toMatchObject({ status: 413, headers: { connection: 'keep-alive' } });
        expect(JSON.parse((refused as { body: string }).body)).toEqual({ error: `body larger than ${max} bytes` });
        // Answered only once the server has read past the refused body's last byte.
        expect(await client.send('GET', `${r.url}/v1/health`)).toMatchObject({ status: 200, body: '{"ok":true}', reusedSocket: true });
        expect(client.connections()).toBe(1);
      } finally {
        client.close();
      }
    }
    expect(await listBuckets(db())).toEqual([]);
  });

  it('hides internal errors behind a generic 500 with a reference, and logs the detail', async () => {
    const { server: r, token, log } = await start();
    await db().exec('DROP TABLE daily_totals');
    const res = await post(r.url, '/v1/buckets', batch([bucket(1, 1)]), 'key-err-0001', token);
    expect(res.status).toBe(500);
    expect(Object.keys(res.json as object).sort()).toEqual(['error', 'requestId']);
    expect(JSON.stringify(res.json)).not.toMatch(/daily_totals|relation|at |SELECT|INSERT/);
    expect(log.lines.find((l) => l.event === 'request.failed')?.error).toMatch(/daily_totals/);
    expect(await listBuckets(db())).toEqual([]); // the transaction rolled back
  });

  it('cuts a client that sends its request too slowly', async () => {
    const { server: r, token } = await start({ requestTimeoutMs: 500, headersTimeoutMs: 400, timeoutCheckIntervalMs: 100 });
    const sock = connect(r.port, '127.0.0.1');
    const started = Date.now();
    const reply = await new Promise<string>((resolve) => {
      let got = '';
      sock.on('data', (c) => (got += c.toString()));
      sock.on('close', () => resolve(got));
      sock.write(
        `POST /v1/buckets HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nIdempotency-Key: key-slow-0001\r\nContent-Length: 100\r\n\r\n{"protocol":`,
      );
    });
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
