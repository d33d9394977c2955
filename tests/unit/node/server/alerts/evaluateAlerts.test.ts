import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ALERT_LIMITS,
  evaluateAlerts,
  type KioskObservation,
  type OpenAlert,
} from '../../../../../node/server/alerts/evaluateAlerts';

const T0 = Date.parse('2026-12-06T02:00:00Z');
const MIN = 60_000;
const kiosk = (over: Partial<KioskObservation> = {}): KioskObservation => ({
  stationId: 'qhd',
  kioskId: 'smile-door',
  heartbeatIntervalSeconds: 300,
  lastHeartbeatAt: T0,
  cameras: [{ id: 'entry', state: 'ok', since: T0 - 60 * MIN }],
  uploadBacklog: 0,
  freeDiskBytes: 50 * 1024 ** 3,
  ...over,
});

/** Runs checks every `stepMs` from T0 to `until`, with the fleet given by `at(t)`; returns all events. */
function run(at: (t: number) => KioskObservation[], until: number, stepMs = MIN) {
  let open: OpenAlert[] = [];
  const events = [];
  for (let t = T0; t <= until; t += stepMs) {
    const r = evaluateAlerts(open, at(t), t);
    open = r.open;
    events.push(...r.events);
  }
  return { open, events };
}

describe('evaluateAlerts', () => {
  it('a kiosk is down once silent for more than 1.1 x its interval, and up when its heartbeat arrives: one event each', () => {
    // Heartbeats every 5 min until 02:20, silent until 03:00, then heartbeats again.
    const lastBeat = (t: number) =>
      t < T0 + 20 * MIN
        ? T0 + Math.floor((t - T0) / (5 * MIN)) * 5 * MIN
        : t < T0 + 60 * MIN
          ? T0 + 20 * MIN
          : T0 + Math.floor((t - T0) / (5 * MIN)) * 5 * MIN;
    const { events, open } = run((t) => [kiosk({ lastHeartbeatAt: lastBeat(t) })], T0 + 90 * MIN);
    expect(events.map((e) => [e.kind, e.transition])).toEqual([
      ['kiosk_down', 'raised'],
      ['kiosk_down', 'cleared'],
    ]);
    // Down from when the next heartbeat was overdue (02:20 + 330 s), up at the heartbeat of 03:00.
    expect(events[0]?.at).toBe(T0 + 20 * MIN + 330_000);
    expect(events[1]?.at).toBe(T0 + 60 * MIN);
    expect(open).toEqual([]);
  });

  it('is not down within 1.1 x the interval (a heartbeat a little late is not an outage)', () => {
    const r = evaluateAlerts([], [kiosk({ lastHeartbeatAt: T0 - 329_000 })], T0);
    expect(r.events).toEqual([]);
    expect(evaluateAlerts([], [kiosk({ lastHeartbeatAt: T0 - 331_000 })], T0).events).toHaveLength(1);
  });

  it('a set limit shorter than 1.1 x the interval wins', () => {
    const limits = { ...DEFAULT_ALERT_LIMITS, downAfterSeconds: 120 };
    expect(evaluateAlerts([], [kiosk({ lastHeartbeatAt: T0 - 121_000 })], T0, limits).events).toHaveLength(1);
  });

  it('a camera alerts only after staying in error, and clears when it recovers', () => {
    const cams = (t: number) =>
      t < T0 + 30 * MIN ? [{ id: 'entry', state: 'error', since: T0 }] : [{ id: 'entry', state: 'ok', since: T0 + 30 * MIN }];
    const { events } = run((t) => [kiosk({ lastHeartbeatAt: t, cameras: cams(t) })], T0 + 40 * MIN);
    expect(events.map((e) => [e.kind, e.subject, e.transition, (e.at - T0) / MIN])).toEqual([
      ['camera_error', 'entry', 'raised', 5],
      ['camera_error', 'entry', 'cleared', 30],
    ]);
  });

  it('backlog and disk limits raise and clear once', () => {
    const { events } = run(
      (t) => [
        kiosk({
          lastHeartbeatAt: t,
          uploadBacklog: t < T0 + 10 * MIN ? 9_000 : 10,
          freeDiskBytes: t < T0 + 20 * MIN ? 1024 : 10 * 1024 ** 3,
        }),
      ],
      T0 + 30 * MIN,
    );
    expect(events.map((e) => [e.kind, e.transition])).toEqual([
      ['backlog_high', 'raised'],
      ['disk_low', 'raised'],
      ['backlog_high', 'cleared'],
      ['disk_low', 'cleared'],
    ]);
  });

  it("a silent kiosk's stale camera state is not judged, and a kiosk never heard from is down", () => {
    const r = evaluateAlerts(
      [],
      [
        kiosk({ lastHeartbeatAt: T0 - 60 * MIN, cameras: [{ id: 'entry', state: 'error', since: T0 - 120 * MIN }] }),
        kiosk({ kioskId: 'new-one', lastHeartbeatAt: null }),
      ],
      T0,
    );
    expect(r.events.map((e) => [e.kioskId, e.kind, e.detail])).toEqual([
      ['smile-door', 'kiosk_down', 'silent for 3600 s'],
      ['new-one', 'kiosk_down', 'never heard from'],
    ]);
  });
});
