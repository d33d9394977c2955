import { afterEach, expect, it } from 'vitest';
import { addUser } from '../../../../node/server/store/users';
import { batch, bucket, heartbeat, post, startHarness, type Harness } from './serverHarness';
import { describeEachDb } from './testDb';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const NOW = Date.UTC(2026, 2, 3, 4, 0, 0);

describeEachDb('console API', (db) => {
  const setup = async () => {
    h = await startHarness(db(), { now: () => NOW });
    await addUser(db(), { name: 'li.wei', role: 'station', stationId: 'station-x' }, 'station password 1');
    await addUser(db(), { name: 'district', role: 'district', stationId: null }, 'district password 1');
    const hour = '2026-03-01T02:00:00Z'; // 10:00 on 1 March in Shanghai
    const b = [
      bucket(10, 1, hour, 'smile.entry.visitors'),
      bucket(4, 1, hour, 'smile.entry.smiling'),
      bucket(8, 1, hour, 'smile.exit.visitors'),
      bucket(6, 1, hour, 'smile.exit.smiling'),
      bucket(3, 1, hour, 'exhibit.history.opened'),
    ];
    expect((await post(h.server.url, '/v1/buckets', batch(b), 'key-console-1', h.token)).status).toBe(200);
    await post(h.server.url, '/v1/heartbeat', JSON.stringify(heartbeat()), 'hb-console-1', h.token);
    await post(
      h.server.url,
      '/v1/buckets',
      batch([bucket(2, 1, hour, 'smile.entry.visitors', 'kiosk-c')], 'station-y'),
      'key-console-2',
      h.otherToken,
    );
    return h;
  };
  const login = async (url: string, name: string, password: string) => {
    const res = await fetch(`${url}/console/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, password }),
    });
    const setCookie = res.headers.get('set-cookie') ?? '';
    const body = (await res.json()) as { csrfToken?: string };
    return { status: res.status, setCookie, cookie: setCookie.split(';')[0] as string, csrf: body.csrfToken ?? '', body };
  };
  const get = (url: string, path: string, cookie: string) => fetch(`${url}/console/api${path}`, { headers: { cookie } });

  it('signs in with the scrypt password into an HttpOnly SameSite=Strict session, and signs out only with the CSRF token', async () => {
    const { server } = await setup();
    expect((await login(server.url, 'li.wei', 'wrong password')).status).toBe(401);
    expect((await login(server.url, 'nobody', 'station password 1')).status).toBe(401);
    const s = await login(server.url, 'li.wei', 'station password 1');
    expect(s.status).toBe(200);
    expect(s.setCookie).toMatch(/^rsk_session=[\w-]{40,}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    expect(s.body).toMatchObject({ user: { name: 'li.wei', role: 'station', stationId: 'station-x' } });
    expect(await (await get(server.url, '/me', s.cookie)).json()).toMatchObject({ user: { name: 'li.wei' }, csrfToken: s.csrf });
    const noCsrf = await fetch(`${server.url}/console/api/logout`, { method: 'POST', headers: { cookie: s.cookie } });
    expect(noCsrf.status).toBe(403);
    const out = await fetch(`${server.url}/console/api/logout`, { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });
    expect(out.status).toBe(200);
    expect((await get(server.url, '/me', s.cookie)).status).toBe(401);
    expect((await get(server.url, '/fleet', '')).status).toBe(401);
  });

  it('serves the station page: visitors in and out per day, smiling shares and the lift; a station account sees only its station', async () => {
    const { server } = await setup();
    const s = await login(server.url, 'li.wei', 'station password 1');
    const days = await (await get(server.url, '/stations/station-x/days?from=2026-03-01&to=2026-03-08', s.cookie)).json();
    expect(days).toEqual({
      stationId: 'station-x',
      days: [{ day: '2026-03-01', visitorsIn: 10, visitorsOut: 8, smilingShareIn: 0.4, smilingShareOut: 0.75, liftPoints: 35 }],
    });
    expect((await get(server.url, '/stations/station-y/days?from=2026-03-01&to=2026-03-08', s.cookie)).status).toBe(403);
    expect((await get(server.url, '/district/days?from=2026-03-01&to=2026-03-08', s.cookie)).status).toBe(403);
    const bad = await get(server.url, '/stations/station-x/days?from=March&to=2026-03-08', s.cookie);
    expect(bad.status).toBe(400);
    const csv = await get(server.url, '/stations/station-x/export.csv?from=2026-03-01&to=2026-03-02', s.cookie);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM, so Excel on a Chinese Windows reads it
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith('hour_utc,station_id,kiosk_id,metric,value\r\n')).toBe(true);
    expect(text).toContain('2026-03-01T02:00:00Z,station-x,kiosk-a,smile.exit.smiling,6\r\n');
  });

  it('serves the district page (stations side by side) and the fleet page, silent kiosks first', async () => {
    const { server } = await setup();
    const d = await login(server.url, 'district', 'district password 1');
    const rows = (
      (await (await get(server.url, '/district/days?from=2026-03-01&to=2026-03-02', d.cookie)).json()) as {
        rows: { stationId: string; metric: string; value: number }[];
      }
    ).rows;
    expect(rows.filter((r) => r.metric === 'smile.entry.visitors').map((r) => [r.stationId, r.value])).toEqual([
      ['station-x', 10],
      ['station-y', 2],
    ]);
    const fleet = (
      (await (await get(server.url, '/fleet', d.cookie)).json()) as {
        kiosks: { kioskId: string; silentForSeconds: number | null; appVersion: string | null; cameras: unknown[] }[];
      }
    ).kiosks;
    expect(fleet.map((k) => k.kioskId)).toEqual(['kiosk-b', 'kiosk-c', 'kiosk-a']);
    expect(fleet[2]).toMatchObject({
      silentForSeconds: 0,
      appVersion: '1.0.0',
      cameras: [{ id: 'entry', state: 'ok' }],
      uploadBacklog: 3,
      restarts: 1,
    });
    const s = await login(server.url, 'li.wei', 'station password 1');
    const mine = ((await (await get(server.url, '/fleet', s.cookie)).json()) as { kiosks: { kioskId: string }[] }).kiosks;
    expect(mine.map((k) => k.kioskId)).toEqual(['kiosk-b', 'kiosk-a']);
  });
});
