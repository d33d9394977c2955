import { keepAliveClient } from '../../../../fixtures/http/keepAliveClient';
import { sendInChunks } from '../../../../fixtures/http/sendInChunks';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  ApiRefusalSchema,
  PackListSchema,
  RollbackAnswerSchema,
  RolloutAnswerSchema,
  RolloutListSchema,
} from '../../../../../common/consoleRolloutApi';
import { addUser } from '../../../../../node/server/store/users';
import { writeValidPackZip } from '../../../../fixtures/packs/makePack';
import { startHarness, type Harness } from '../serverHarness';
import { describeEachDb } from '../testDb';

describeEachDb('console rollout API', (db) => {
  let work: string;
  let h: Harness;
  beforeEach(async () => {
    work = mkdtempSync(join(tmpdir(), 'rollout-api-'));
    h = await startHarness(db(), { dataDir: join(work, 'server'), maxPackBytes: 2 * 1024 * 1024 });
    await addUser(db(), { name: 'district', role: 'district', stationId: null }, 'district password 1');
    await addUser(db(), { name: 'li.wei', role: 'station', stationId: 'station-x' }, 'station password 1');
  });
  afterEach(async () => {
    await h.close();
    rmSync(work, { recursive: true, force: true });
  });
  const login = async (name: string, password: string) => {
    const res = await fetch(`${h.server.url}/console/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, password }),
    });
    return {
      cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] as string,
      csrf: ((await res.json()) as { csrfToken: string }).csrfToken,
    };
  };
  const call = async (
    s: { cookie: string; csrf: string } | null,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const isBytes = body instanceof Uint8Array;
    const res = await fetch(`${h.server.url}/console/api${path}`, {
      method,
      headers: {
        ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}),
        ...(body === undefined ? {} : { 'content-type': isBytes ? 'application/zip' : 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : isBytes ? body : JSON.stringify(body),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: res.status, json: (await res.json()) as Record<string, any> };
  };
  const zip = async (version: string, extra: { tagline?: string } = {}) =>
    new Uint8Array(
      readFileSync(await writeValidPackZip(join(work, `${version}-${extra.tagline ?? ''}.zip`), { id: 'riverside', version, ...extra })),
    );

  it('uploads a pack, starts a rollout, shows it per kiosk and rolls it back, for district accounts with the CSRF token', async () => {
    const d = await login('district', 'district password 1');
    const up = await call(d, 'POST', '/packs', await zip('1.0.0'));
    expect(up.status).toBe(201);
    expect(up.json.pack).toMatchObject({ packId: 'riverside', version: '1.0.0' });
    expect((await call(d, 'POST', '/packs', await zip('1.1.0'))).status).toBe(201);
    expect((await call(d, 'GET', '/packs')).json.packs.map((p: { version: string }) => p.version).sort()).toEqual(['1.0.0', '1.1.0']);

    const started = await call(d, 'POST', '/rollouts', { pack: 'riverside@1.1.0', stations: ['station-x'], waveSize: 1 });
    expect(started.status).toBe(201);
    const id = started.json.rollout.id as number;
    expect(
      started.json.rollout.targets.map((t: { kioskId: string; wave: number; status: string }) => [t.kioskId, t.wave, t.status]),
    ).toEqual([
      ['kiosk-a', 1, 'offered'],
      ['kiosk-b', 2, 'waiting'],
    ]);
    expect((await call(d, 'GET', `/rollouts/${id}`)).json.rollout).toMatchObject({ id, version: '1.1.0', state: 'running' });
    // The answers are those the console parses.
    expect(PackListSchema.parse((await call(d, 'GET', '/packs')).json).packs).toHaveLength(2);
    expect(RolloutAnswerSchema.parse(started.json).rollout.targets).toHaveLength(2);
    expect(RolloutListSchema.parse((await call(d, 'GET', '/rollouts')).json).rollouts).toHaveLength(1);
    expect((await call(d, 'GET', '/rollouts')).json.rollouts).toEqual([
      expect.objectContaining({ id, counts: { offered: 1, waiting: 1 } }),
    ]);

    const rb = await call(d, 'POST', `/rollouts/${id}/rollback`, { to: up.json.pack.sha256 });
    expect(rb.status).toBe(201);
    expect(RollbackAnswerSchema.parse(rb.json).rollback.kiosks).toEqual(['kiosk-a']);
    expect(rb.json.rollout).toMatchObject({
      rollback: true,
      version: '1.0.0',
      targets: [expect.objectContaining({ kioskId: 'kiosk-a', status: 'offered' })],
    });
    expect((await call(d, 'GET', `/rollouts/${id}`)).json.rollout.state).toBe('stopped');
    // The kiosk is now offered the older pack, signed as a rollback.
    const offer = await fetch(`${h.server.url}/v1/packs/offer`, { headers: { authorization: `Bearer ${h.token}` } });
    const manifest = JSON.parse(
      Buffer.from(((await offer.json()) as { signed: { manifest: string } }).signed.manifest, 'base64').toString('utf8'),
    );
    expect(manifest).toMatchObject({ version: '1.0.0', rollback: true });
  });

  it('reads a refused upload on to its end: the browser gets the whole 413 and the same connection serves its next request', async () => {
    const d = await login('district', 'district password 1');
    const upload = { cookie: d.cookie, 'x-csrf-token': d.csrf, 'content-type': 'application/zip' };
    for (const declared of [true, false]) {
      const client = keepAliveClient();
      try {
        // All of it at once: a server that stopped reading would leave most of it unread on the connection.
        const body = Buffer.alloc(3 * 1024 * 1024, 0x61);
        const refused = await client.send('POST', `${h.server.url}/console/api/packs`, { headers: upload, body, declared });
        expect(refused).toMatchObject({ status: 413, headers: { connection: 'keep-alive' } });
        expect(JSON.parse((refused as { body: string }).body)).toMatchObject({ maxBytes: 2 * 1024 * 1024 });
        // Answered only once the server has read past the refused body's last byte.
        expect(await client.send('GET', `${h.server.url}/v1/health`)).toMatchObject({ status: 200, reusedSocket: true });
        expect(client.connections()).toBe(1);
      } finally {
        client.close();
      }
    }
    expect(await db().query('SELECT version FROM packs')).toEqual([]);
  });

  it('refuses without a session, without the CSRF token, for station accounts, and with clear 4xx for bad uploads and requests', async () => {
    const bytes = await zip('1.0.0');
    expect((await call(null, 'POST', '/packs', bytes)).status).toBe(401);
    const d = await login('district', 'district password 1');
    expect((await call({ ...d, csrf: 'wrong' }, 'POST', '/packs', bytes)).status).toBe(403);
    const s = await login('li.wei', 'station password 1');
    expect((await call(s, 'GET', '/rollouts')).status).toBe(403);
    expect((await call(s, 'POST', '/packs', bytes)).status).toBe(403);

    expect((await call(d, 'POST', '/packs', bytes, { 'content-type': 'application/octet-stream' })).status).toBe(415);
    const tooBig = await call(d, 'POST', '/packs', new Uint8Array(3 * 1024 * 1024));
    expect(tooBig).toMatchObject({ status: 413, json: { maxBytes: 2 * 1024 * 1024 } });
    // Sent slowly, declared or not: the refusal still reaches the browser (the rest is read into nothing).
    const upload = { cookie: d.cookie, 'x-csrf-token': d.csrf, 'content-type': 'application/zip' };
    for (let i = 0; i < 5; i++)
      for (const declared of [true, false])
        expect(await sendInChunks(`${h.server.url}/console/api/packs`, 3 * 1024 * 1024, declared, upload)).toMatchObject({
          status: 413,
        });
    const broken = await call(d, 'POST', '/packs', new Uint8Array(Buffer.from('PK not really a zip')));
    expect(broken.status).toBe(422);
    expect(ApiRefusalSchema.parse(broken.json).problems?.length).toBeGreaterThan(0);
    expect((await call(d, 'POST', '/packs', bytes)).status).toBe(201);
    const again = await call(d, 'POST', '/packs', await zip('1.0.0', { tagline: 'other content' }));
    expect(again.status).toBe(422);
    expect(JSON.stringify(again.json.problems)).toMatch(/already on the server with other content/);
    expect(await db().query('SELECT version FROM packs')).toEqual([{ version: '1.0.0' }]);

    expect((await call(d, 'POST', '/rollouts', { pack: 'riverside@1.0.0' })).status).toBe(400);
    expect((await call(d, 'POST', '/rollouts', { pack: 'riverside@1.0.0', kiosks: ['kiosk-a'], advanceShare: 2 })).status).toBe(400);
    expect((await call(d, 'POST', '/rollouts', { pack: 'riverside@2.0.0', kiosks: ['kiosk-a'] })).status).toBe(404);
    expect((await call(d, 'GET', '/rollouts/999')).status).toBe(404);
    const r = await call(d, 'POST', '/rollouts', { pack: 'riverside@1.0.0', kiosks: ['kiosk-a'] });
    expect((await call(d, 'POST', `/rollouts/${r.json.rollout.id}/rollback`, {})).status).toBe(404);
    expect((await call(d, 'POST', `/rollouts/${r.json.rollout.id}/rollback`, { to: 'riverside@1.0.0' })).status).toBe(409);
  });
});
