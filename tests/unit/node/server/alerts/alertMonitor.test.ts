import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { AlertsSchema, UptimeAnswerSchema } from '../../../../../common/consoleAlertsApi';
import { alertSettingsFromEnv } from '../../../../../node/server/alerts/alertSettings';
import type { Timers } from '../../../../../node/server/alerts/alertMonitor';
import { addUser } from '../../../../../node/server/store/users';
import { heartbeat, post, startHarness, type Harness } from '../serverHarness';
import { describeEachDb } from '../testDb';

const closers: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()?.();
});

/** Captures the schedule instead of running it: the test calls the tick itself. */
function fakeTimers() {
  const t = { fn: null as (() => void) | null, ms: 0, unrefed: false, cleared: false };
  const timers: Timers = {
    setInterval: (fn, ms) => {
      t.fn = fn;
      t.ms = ms;
      return { unref: () => (t.unrefed = true) };
    },
    clearInterval: () => void (t.cleared = true),
  };
  return { t, timers };
}

async function webhook() {
  const got: { kind: string; transition: string; kioskId: string }[] = [];
  const server = createServer((req, res) => {
    let s = '';
    req
      .on('data', (c) => (s += c))
      .on('end', () => {
        got.push(JSON.parse(s));
        res.writeHead(204).end();
      });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise((r) => server.close(r)));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, got };
}

it('reads alert settings from the environment and refuses half-configured e-mail', () => {
  const s = alertSettingsFromEnv({
    ALERT_WEBHOOK_URL: 'https://hooks.example.org/x',
    ALERT_SMTP_HOST: 'smtp.example.org',
    ALERT_EMAIL_FROM: 'kiosks@example.org',
    ALERT_EMAIL_TO: 'a@example.org, b@example.org',
    ALERT_INTERVAL_SECONDS: '',
  });
  expect(s).toMatchObject({
    intervalMs: 60_000,
    heartbeatIntervalSeconds: 300,
    channels: {
      webhookUrl: 'https://hooks.example.org/x',
      smtp: { host: 'smtp.example.org', port: 587, secure: false, to: ['a@example.org', 'b@example.org'] },
    },
  });
  expect(alertSettingsFromEnv({}).channels).toEqual({ webhookUrl: null, smtp: null });
  expect(() => alertSettingsFromEnv({ ALERT_SMTP_HOST: 'smtp.example.org' })).toThrow();
  expect(() => alertSettingsFromEnv({ ALERT_INTERVAL_SECONDS: 'often' })).toThrow();
});

describeEachDb('fleet alerts in the running server', (db) => {
  it("checks on an unref'd schedule, records each up/down change once, delivers it, survives a restart and reports uptime", async () => {
    const hook = await webhook();
    let clock = Date.UTC(2026, 10, 10, 0, 0, 0);
    const settings = alertSettingsFromEnv({ ALERT_WEBHOOK_URL: hook.url, ALERT_INTERVAL_SECONDS: '30', ALERT_HEARTBEAT_SECONDS: '300' });
    const f = fakeTimers();
    let h: Harness = await startHarness(db(), { now: () => clock, alerts: { settings, timers: f.timers } });
    closers.push(() => h.close());
    expect(f.t).toMatchObject({ ms: 30_000, unrefed: true, cleared: false });
    const tick = async () => {
      f.t.fn?.();
      return (await h.server.alerts?.tick()) ?? [];
    };
    const beat = async (key: string) =>
      expect((await post(h.server.url, '/v1/heartbeat', JSON.stringify(heartbeat({ freeDiskBytes: 100e9 })), key, h.token)).status).toBe(
        200,
      );

    await beat('heartbeat-key-1');
    const first = await tick();
    expect(first.map((e) => [e.kioskId, e.kind, e.transition]).sort()).toEqual([
      ['kiosk-b', 'kiosk_down', 'raised'],
      ['kiosk-c', 'kiosk_down', 'raised'],
    ]);
    expect(await tick()).toEqual([]); // nothing changed: no second event
    clock += 331_000; // kiosk-a silent for more than 1.1 × 300 s
    expect((await tick()).map((e) => [e.kioskId, e.transition, new Date(e.at).toISOString()])).toEqual([
      ['kiosk-a', 'raised', new Date(Date.UTC(2026, 10, 10, 0, 5, 30)).toISOString()],
    ]);
    expect(await tick()).toEqual([]);

    // A restarted server reads what is open back and raises nothing again.
    await h.close();
    expect(f.t.cleared).toBe(true);
    h = await startHarnessAgain(db(), { now: () => clock, alerts: { settings, timers: fakeTimers().timers } });
    expect(await h.server.alerts?.tick()).toEqual([]);
    clock += 3_600_000;
    await beat('heartbeat-key-2');
    expect((await h.server.alerts?.tick())?.map((e) => [e.kioskId, e.transition, e.at])).toEqual([['kiosk-a', 'cleared', clock]]);
    expect(await h.server.alerts?.tick()).toEqual([]);
    // Each change went to the webhook exactly once.
    expect(hook.got.map((e) => `${e.kioskId} ${e.transition}`).sort()).toEqual([
      'kiosk-a cleared',
      'kiosk-a raised',
      'kiosk-b raised',
      'kiosk-c raised',
    ]);

    // The console: open alerts, events with their deliveries, and the month's uptime as CSV.
    await addUser(db(), { name: 'district', role: 'district', stationId: null }, 'district password 1');
    const login = await fetch(`${h.server.url}/console/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'district', password: 'district password 1' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const list = AlertsSchema.parse(await (await fetch(`${h.server.url}/console/api/alerts`, { headers: { cookie } })).json());
    expect(list.open.map((a) => a.kioskId).sort()).toEqual(['kiosk-b', 'kiosk-c']);
    expect(list.events).toHaveLength(4);
    expect(list.events[0]).toMatchObject({ kioskId: 'kiosk-a', transition: 'cleared', deliveries: [{ channel: 'webhook', ok: true }] });
    const csv = await fetch(`${h.server.url}/console/api/alerts/uptime.csv?month=2026-11`, { headers: { cookie } });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    // kiosk-a was down 00:05:30 to 01:05:31; b and c never came up after the 10th. The month is reported up to now:
    // an outage still open has not lasted into the rest of November yet.
    const monthSoFar = clock - Date.UTC(2026, 10, 1);
    expect(lines[0]).toBe('scope,station,kiosk,uptime_percent,down_minutes,incidents');
    expect(lines).toContain(`kiosk,station-x,kiosk-a,${((1 - 3_601_000 / monthSoFar) * 100).toFixed(3)},60.0,1`);
    expect(lines).toContain(`kiosk,station-x,kiosk-b,${((1 - (clock - Date.UTC(2026, 10, 10)) / monthSoFar) * 100).toFixed(3)},65.5,1`);
    const uptime = UptimeAnswerSchema.parse(
      await (await fetch(`${h.server.url}/console/api/alerts/uptime?month=2026-11`, { headers: { cookie } })).json(),
    );
    expect(uptime.kiosks.find((k) => k.kioskId === 'kiosk-a')).toMatchObject({ downMs: 3_601_000, incidents: 1 });
    expect(uptime.to).toBe(new Date(clock).toISOString());
    expect((await fetch(`${h.server.url}/console/api/alerts/uptime?month=2026-13`, { headers: { cookie } })).status).toBe(400);
    const notBegun = await fetch(`${h.server.url}/console/api/alerts/uptime?month=2026-12`, { headers: { cookie } });
    expect([notBegun.status, ((await notBegun.json()) as { error: string }).error]).toEqual([400, 'the month 2026-12 has not begun']);
    expect((await fetch(`${h.server.url}/console/api/alerts`)).status).toBe(401);
  });
});

/** The same server again on the same database (the stations and kiosks are already there). */
async function startHarnessAgain(db: Parameters<typeof startHarness>[0], opts: Parameters<typeof startHarness>[1]): Promise<Harness> {
  const { startServer } = await import('../../../../../node/server/http/startServer');
  const { createMemoryLog } = await import('../../../../../node/server/log');
  const log = createMemoryLog();
  const server = await startServer({ db, log, ...opts });
  const { issueToken } = await import('../../../../../node/server/store/registry');
  const h: Harness = { server, token: await issueToken(db, 'kiosk-a'), otherToken: '', log, close: () => server.close() };
  closers.push(() => h.close());
  return h;
}
