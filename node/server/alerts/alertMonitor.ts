import type { Db } from '../db/Db';
import type { ServerLog } from '../log';
import { fleet } from '../console/consoleQueries';
import type { DeliveryResult } from './alertNotifier';
import { openAlerts, recordAlertEvent, recordDeliveries } from './alertStore';
import { evaluateAlerts, type AlertEvent, type AlertLimits, type KioskObservation, type OpenAlert } from './evaluateAlerts';

export interface AlertMonitor {
  /** One check of the whole fleet: stores each new event once and hands it to the notifier. */
  tick(): Promise<AlertEvent[]>;
}

export interface Notifier {
  deliver(e: AlertEvent): Promise<DeliveryResult[]>;
}

/**
 * Checks the fleet against the alert limits from the kiosks' last heartbeats. What is open survives a restart (it
 * is read back from the stored events on the first check), so a restart neither repeats nor loses an alert. A
 * heartbeat names each camera's state but not since when: a camera counts as in error from the first heartbeat this
 * process saw it in error (after a restart, from the newest heartbeat), so a restart may delay a camera alert.
 */
export function createAlertMonitor(o: {
  db: Db;
  now: () => number;
  limits: AlertLimits;
  heartbeatIntervalSeconds: number;
  notifier: Notifier | null;
  log: ServerLog;
}): AlertMonitor {
  let open: OpenAlert[] | null = null;
  const cameraErrorSince = new Map<string, number>();
  let running: Promise<AlertEvent[]> | null = null;

  const check = async (): Promise<AlertEvent[]> => {
    const now = o.now();
    open ??= await openAlerts(o.db);
    const observed: KioskObservation[] = (await fleet(o.db, new Date(now), null)).map((k) => {
      const heard = k.lastHeartbeatAt ? Date.parse(k.lastHeartbeatAt) : null;
      const cameras = k.cameras.map((c) => {
        const key = `${k.kioskId}:${c.id}`;
        if (c.state !== 'error') cameraErrorSince.delete(key);
        else if (!cameraErrorSince.has(key)) cameraErrorSince.set(key, heard ?? now);
        return { id: c.id, state: c.state, since: cameraErrorSince.get(key) ?? heard ?? now };
      });
      return {
        stationId: k.stationId,
        kioskId: k.kioskId,
        heartbeatIntervalSeconds: o.heartbeatIntervalSeconds,
        lastHeartbeatAt: heard,
        cameras,
        uploadBacklog: k.uploadBacklog,
        freeDiskBytes: k.freeDiskBytes,
      };
    });
    const r = evaluateAlerts(open, observed, now, o.limits);
    for (const e of r.events) {
      const id = await recordAlertEvent(o.db, e);
      o.log.info('alert.event', {
        id,
        kind: e.kind,
        transition: e.transition,
        kioskId: e.kioskId,
        subject: e.subject,
        at: new Date(e.at).toISOString(),
      });
      if (o.notifier) {
        // Delivered once: a failure is recorded with the event (and shown in the console), not retried for ever.
        const deliveries = await o.notifier.deliver(e);
        await recordDeliveries(o.db, id, deliveries);
        for (const d of deliveries) if (!d.ok) o.log.error('alert.delivery_failed', { id, channel: d.channel, error: d.error });
      }
    }
    open = r.open;
    return r.events;
  };

  return {
    // Never two checks at once: a slow one (a webhook timing out) is joined, not overlapped.
    tick: () => (running ??= check().finally(() => (running = null))),
  };
}

export interface Timers {
  setInterval(fn: () => void, ms: number): { unref?(): unknown };
  clearInterval(handle: unknown): void;
}

/**
 * Runs `monitor.tick` every `intervalMs` on an unref'd timer (the schedule alone keeps no process alive); returns the
 * stop function. Tests pass their own `timers` and call the captured tick instead of waiting.
 */
export function scheduleAlerts(
  monitor: AlertMonitor,
  intervalMs: number,
  log: ServerLog,
  timers: Timers = globalThis as unknown as Timers,
): () => void {
  const run = (): void =>
    void monitor.tick().catch((err: unknown) => log.error('alerts.check_failed', { error: String((err as Error)?.stack ?? err) }));
  const handle = timers.setInterval(run, intervalMs);
  handle.unref?.();
  return () => timers.clearInterval(handle);
}
