import { afterEach, expect, it } from 'vitest';
import { DistrictSummarySchema, HeartbeatHistorySchema, StationDashboardSchema } from '../../../../../common/consoleApi';
import { DashboardSchema } from '../../../../../common/operatorConsole';
import { shippedSmileCorrection } from '../../../../../common/smile/smileModel';
import { correctShare } from '../../../../../common/smileShare';
import { issueToken } from '../../../../../node/server/store/registry';
import { addUser } from '../../../../../node/server/store/users';
import { batch, bucket, heartbeat, post, startHarness, type Harness } from '../serverHarness';
import { describeEachDb } from '../testDb';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const NOW = Date.UTC(2026, 2, 3, 4, 0, 0);
const SUNDAY_10 = '2026-03-01T02:00:00Z'; // 10:00 on Sunday 1 March in Shanghai
const SUNDAY_11 = '2026-03-01T03:00:00Z';
const SATURDAY_10 = '2026-02-28T02:00:00Z'; // the day before: the previous period of a one-day range

/** The figures the console's pages read, from the JSON API the pages call. */
describeEachDb('console pages API', (db) => {
  const setup = async (smileModel = true) => {
    h = await startHarness(db(), { now: () => NOW });
    await addUser(db(), { name: 'li.wei', role: 'station', stationId: 'station-x' }, 'station password 1');
    await addUser(db(), { name: 'district', role: 'district', stationId: null }, 'district password 1');
    const exitToken = await issueToken(db(), 'kiosk-b');
    // The entry camera on kiosk-a, the exit camera on kiosk-b: the station page counts them together.
    const a = [
      bucket(30, 1, SUNDAY_10, 'smile.entry.visitors'),
      bucket(12, 1, SUNDAY_10, 'smile.entry.smiling'),
      bucket(10, 1, SUNDAY_11, 'smile.entry.visitors'),
      bucket(4, 1, SUNDAY_11, 'smile.entry.smiling'),
      bucket(3, 1, SUNDAY_10, 'exhibit.history.opened'),
      bucket(20, 1, SATURDAY_10, 'smile.entry.visitors'),
      bucket(5, 1, SATURDAY_10, 'smile.entry.smiling'),
      bucket(1, 1, SATURDAY_10, 'exhibit.history.opened'),
    ];
    const b = [
      bucket(25, 1, SUNDAY_11, 'smile.exit.visitors', 'kiosk-b'),
      bucket(15, 1, SUNDAY_11, 'smile.exit.smiling', 'kiosk-b'),
      bucket(2, 1, SUNDAY_11, 'exhibit.smile.opened', 'kiosk-b'),
    ];
    expect((await post(h.server.url, '/v1/buckets', batch(a), 'key-pages-a', h.token)).status).toBe(200);
    expect((await post(h.server.url, '/v1/buckets', batch(b), 'key-pages-b', exitToken)).status).toBe(200);
    expect(
      (
        await post(
          h.server.url,
          '/v1/buckets',
          batch([bucket(7, 1, SUNDAY_10, 'smile.entry.visitors', 'kiosk-c')], 'station-y'),
          'key-pages-c',
          h.otherToken,
        )
      ).status,
    ).toBe(200);
    const model = smileModel
      ? {
          smileModel: {
            version: shippedSmileCorrection.version,
            sensitivity: shippedSmileCorrection.sensitivity,
            specificity: shippedSmileCorrection.specificity,
          },
        }
      : {};
    expect(
      (
        await post(
          h.server.url,
          '/v1/heartbeat',
          JSON.stringify(heartbeat({ sentAt: '2026-03-01T04:00:00.000Z', ...model })),
          'hb-pages-1',
          h.token,
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await post(
          h.server.url,
          '/v1/heartbeat',
          JSON.stringify(heartbeat({ sentAt: '2026-03-01T05:00:00.000Z', uploadBacklog: 0, ...model })),
          'hb-pages-2',
          h.token,
        )
      ).status,
    ).toBe(200);
    return h;
  };
  const login = async (url: string, name: string, password: string): Promise<string> => {
    const res = await fetch(`${url}/console/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, password }),
    });
    expect(res.status).toBe(200);
    return (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
  };
  const get = (url: string, path: string, cookie: string) => fetch(`${url}/console/api${path}`, { headers: { cookie } });

  it('station dashboard: footfall per hour from whichever kiosk holds each camera, corrected shares, the period before, heat map, exhibit use per kiosk', async () => {
    const { server } = await setup();
    const cookie = await login(server.url, 'li.wei', 'station password 1');
    const res = await get(server.url, '/stations/station-x/dashboard?from=2026-03-01&to=2026-03-01', cookie);
    expect(res.status).toBe(200);
    const d = (await res.json()) as Record<string, unknown>;
    const dash = StationDashboardSchema.parse(d); // the kiosk dashboard's own contract, extended
    expect(dash.current).toMatchObject({
      footfallIn: 40,
      footfallOut: 25,
      entrySmiling: 16,
      exitSmiling: 15,
      entrySmileRatio: 0.4,
      exitSmileRatio: 0.6,
    });
    expect(dash.current.lift).toBeCloseTo(0.2, 10);
    // Corrected as the kiosk corrects (Rogan–Gladen with the model its heartbeat named; face counts of the shipped model).
    expect(dash.smileModel).toEqual(shippedSmileCorrection);
    expect(dash.current.entryShare).toEqual(correctShare(16, 40, shippedSmileCorrection));
    expect(dash.current.exitShare).toEqual(correctShare(15, 25, shippedSmileCorrection));
    expect(dash.previous).toMatchObject({ footfallIn: 20, entrySmiling: 5, usage: { 'exhibit.history.opened': 1 } });
    expect(dash.change.footfallIn).toMatchObject({ current: 40, previous: 20, delta: 20, percent: 100 });
    expect(dash.series.granularity).toBe('hour');
    expect(dash.series.points).toHaveLength(24);
    expect(dash.series.points[10]).toMatchObject({ label: '2026-03-01 10:00', entryVisitors: 30, entrySmiling: 12, exitVisitors: 0 });
    expect(dash.series.points[11]).toMatchObject({ label: '2026-03-01 11:00', entryVisitors: 10, exitVisitors: 25, exitSmiling: 15 });
    expect(dash.heatmap[6]?.[10]).toBe(30); // Sunday (row 7), 10:00
    expect(dash.heatmap[6]?.[11]).toBe(10);
    expect(dash.heatmap.flat().reduce((x, y) => x + y, 0)).toBe(40);
    expect(dash.current.usage).toEqual({ 'exhibit.history.opened': 3, 'exhibit.smile.opened': 2 });
    expect(d.usageByKiosk).toEqual([
      { kioskId: 'kiosk-a', name: 'entry', usage: { 'exhibit.history.opened': 3 } },
      { kioskId: 'kiosk-b', name: 'exit', usage: { 'exhibit.smile.opened': 2 } },
    ]);
    expect(d).toMatchObject({ stationId: 'station-x', stationName: '秦皇岛路 Qinhuangdao Rd', minVisitors: 20 });

    // A week or more: day by day.
    const month = DashboardSchema.parse(
      await (await get(server.url, '/stations/station-x/dashboard?from=2026-02-20&to=2026-03-01', cookie)).json(),
    );
    expect(month.series.granularity).toBe('day');
    expect(month.series.points.map((p) => [p.label, p.entryVisitors]).filter(([, v]) => v !== 0)).toEqual([
      ['2026-02-28', 20],
      ['2026-03-01', 40],
    ]);

    expect((await get(server.url, '/stations/station-y/dashboard?from=2026-03-01&to=2026-03-01', cookie)).status).toBe(403);
    expect((await get(server.url, '/stations/station-x/dashboard?from=2026-03-02&to=2026-03-01', cookie)).status).toBe(400);
    expect((await get(server.url, '/stations/station-x/dashboard?from=2026-03-01&to=2026-03-01', '')).status).toBe(401);
  });

  it('without a reported smile model the shares stay as counted (no correction)', async () => {
    const { server } = await setup(false);
    const cookie = await login(server.url, 'li.wei', 'station password 1');
    const dash = DashboardSchema.parse(
      await (await get(server.url, '/stations/station-x/dashboard?from=2026-03-01&to=2026-03-01', cookie)).json(),
    );
    expect(dash.smileModel).toBeNull();
    expect(dash.current.entryShare).toEqual({ n: 40, rawShare: 0.4, correctedShare: null, interval: null });
  });

  it('district summary: every station side by side with the period before and visitors per day; district accounts only', async () => {
    const { server } = await setup();
    const d = await login(server.url, 'district', 'district password 1');
    const res = await get(server.url, '/district/summary?from=2026-03-01&to=2026-03-02', d);
    expect(res.status).toBe(200);
    const s = DistrictSummarySchema.parse(await res.json());
    expect(s.period).toEqual({ from: '2026-03-01', to: '2026-03-02', days: 2 });
    expect(s.previousPeriod).toEqual({ from: '2026-02-27', to: '2026-02-28', days: 2 });
    expect(s.stations.map((x) => x.stationId)).toEqual(['station-x', 'station-y']);
    const [x, y] = s.stations;
    expect(x?.current).toMatchObject({
      footfallIn: 40,
      footfallOut: 25,
      entryShare: correctShare(16, 40, shippedSmileCorrection),
      usage: { 'exhibit.history.opened': 3, 'exhibit.smile.opened': 2 },
    });
    expect(x?.previous).toMatchObject({ footfallIn: 20, entrySmiling: 5 });
    expect(x?.days).toEqual([
      { day: '2026-03-01', visitorsIn: 40, visitorsOut: 25 },
      { day: '2026-03-02', visitorsIn: 0, visitorsOut: 0 },
    ]);
    // station-y's kiosk never reported a model: its shares stay as counted.
    expect(y).toMatchObject({ smileModel: null, current: { footfallIn: 7, entryShare: { n: 7, rawShare: 0, correctedShare: null } } });
    const st = await login(server.url, 'li.wei', 'station password 1');
    expect((await get(server.url, '/district/summary?from=2026-03-01&to=2026-03-02', st)).status).toBe(403);
    expect((await get(server.url, '/district/summary?from=2026-03-01', d)).status).toBe(400);
  });

  it("heartbeat history of a kiosk, newest first; a station account cannot see another station's kiosks", async () => {
    const { server } = await setup();
    const st = await login(server.url, 'li.wei', 'station password 1');
    const res = await get(server.url, '/kiosks/kiosk-a/heartbeats?limit=10', st);
    expect(res.status).toBe(200);
    const body = HeartbeatHistorySchema.parse(await res.json());
    expect(body).toMatchObject({ kioskId: 'kiosk-a', stationId: 'station-x', name: 'entry' });
    expect(body.heartbeats.map((x) => [x.sentAt, x.uploadBacklog])).toEqual([
      ['2026-03-01T05:00:00.000Z', 0],
      ['2026-03-01T04:00:00.000Z', 3],
    ]);
    expect(body.heartbeats[0]).toMatchObject({
      restarts: 1,
      appVersion: '1.0.0',
      cameras: [{ id: 'entry', state: 'ok' }],
      contentPack: { id: 'yangpu', version: '1.2.0' },
    });
    expect(
      ((await (await get(server.url, '/kiosks/kiosk-a/heartbeats?limit=1', st)).json()) as { heartbeats: unknown[] }).heartbeats,
    ).toHaveLength(1);
    expect((await get(server.url, '/kiosks/kiosk-c/heartbeats', st)).status).toBe(404);
    expect((await get(server.url, '/kiosks/kiosk-zz/heartbeats', st)).status).toBe(404);
    expect((await get(server.url, '/kiosks/kiosk-a/heartbeats?limit=0', st)).status).toBe(400);
    const d = await login(server.url, 'district', 'district password 1');
    expect((await get(server.url, '/kiosks/kiosk-c/heartbeats', d)).status).toBe(200);
  });
});
