import type { AlertKind } from '../../../common/consoleAlertsApi';

/**
 * Fleet alerts, as the people who run signage fleets ask for them: a kiosk is down when it has been silent for
 * longer than 1.1 × its heartbeat interval (or a set limit), a camera stays in error, the upload backlog or the free
 * disk crosses a limit. Pure: the caller keeps `open` (what is alerting now) between checks and stores the events.
 * Each condition yields one `raised` event when it starts and one `cleared` event when it ends, never one per check,
 * so a webhook or an e-mail goes out once per event.
 */
export type { AlertKind };

export interface AlertLimits {
  /** Down after silence > factor × the kiosk's heartbeat interval … */
  downFactor: number;
  /** … or after this many seconds, if set and smaller. */
  downAfterSeconds: number | null;
  /** A camera must be in error this long before it alerts (a restart's brief error does not). */
  cameraErrorSeconds: number;
  backlogLimit: number;
  freeDiskMinBytes: number;
}

export const DEFAULT_ALERT_LIMITS: AlertLimits = {
  downFactor: 1.1,
  downAfterSeconds: null,
  cameraErrorSeconds: 300,
  backlogLimit: 5_000,
  freeDiskMinBytes: 2 * 1024 ** 3,
};

export interface KioskObservation {
  stationId: string;
  kioskId: string;
  heartbeatIntervalSeconds: number;
  /** Server time of the last heartbeat, ms; null: never heard from. */
  lastHeartbeatAt: number | null;
  /** From the last heartbeat: each camera's state and since when (server ms) it has been in that state. */
  cameras: { id: string; state: string; since: number }[];
  uploadBacklog: number | null;
  freeDiskBytes: number | null;
}

export interface OpenAlert {
  kind: AlertKind;
  stationId: string;
  kioskId: string;
  /** For camera alerts, the camera id; '' otherwise. */
  subject: string;
  since: number;
  detail: string;
}

export interface AlertEvent extends OpenAlert {
  transition: 'raised' | 'cleared';
  at: number;
}

export const alertKey = (a: Pick<OpenAlert, 'kind' | 'kioskId' | 'subject'>): string => `${a.kind}:${a.kioskId}:${a.subject}`;

/** The silence after which a kiosk counts as down. */
export function downAfterMs(intervalSeconds: number, limits: AlertLimits): number {
  const byFactor = intervalSeconds * limits.downFactor;
  return 1000 * (limits.downAfterSeconds === null ? byFactor : Math.min(byFactor, limits.downAfterSeconds));
}

function conditions(o: KioskObservation, now: number, limits: AlertLimits): OpenAlert[] {
  const base = { stationId: o.stationId, kioskId: o.kioskId };
  const out: OpenAlert[] = [];
  const silentFor = o.lastHeartbeatAt === null ? Infinity : now - o.lastHeartbeatAt;
  const limit = downAfterMs(o.heartbeatIntervalSeconds, limits);
  if (silentFor > limit) {
    // Down from the moment the next heartbeat was overdue, whenever the check happens to run.
    const since = o.lastHeartbeatAt === null ? now : o.lastHeartbeatAt + limit;
    out.push({
      ...base,
      kind: 'kiosk_down',
      subject: '',
      since,
      detail: o.lastHeartbeatAt === null ? 'never heard from' : `silent for ${Math.round(silentFor / 1000)} s`,
    });
    // A silent kiosk's last report is stale: its cameras, backlog and disk are not judged on it.
    return out;
  }
  for (const c of o.cameras) {
    if (c.state === 'error' && now - c.since >= limits.cameraErrorSeconds * 1000) {
      out.push({
        ...base,
        kind: 'camera_error',
        subject: c.id,
        since: c.since,
        detail: `camera ${c.id} in error for ${Math.round((now - c.since) / 1000)} s`,
      });
    }
  }
  if (o.uploadBacklog !== null && o.uploadBacklog > limits.backlogLimit)
    out.push({
      ...base,
      kind: 'backlog_high',
      subject: '',
      since: now,
      detail: `upload backlog ${o.uploadBacklog} > ${limits.backlogLimit}`,
    });
  if (o.freeDiskBytes !== null && o.freeDiskBytes < limits.freeDiskMinBytes)
    out.push({
      ...base,
      kind: 'disk_low',
      subject: '',
      since: now,
      detail: `free disk ${o.freeDiskBytes} B < ${limits.freeDiskMinBytes} B`,
    });
  return out;
}

/**
 * One check over the fleet. `open` is what was alerting after the previous check; returns what alerts now and the
 * transitions between the two. A kiosk that left the fleet (not observed) clears its alerts.
 */
export function evaluateAlerts(
  open: readonly OpenAlert[],
  fleet: readonly KioskObservation[],
  now: number,
  limits: AlertLimits = DEFAULT_ALERT_LIMITS,
): { open: OpenAlert[]; events: AlertEvent[] } {
  const before = new Map(open.map((a) => [alertKey(a), a]));
  const after = new Map<string, OpenAlert>();
  for (const o of fleet) for (const a of conditions(o, now, limits)) after.set(alertKey(a), before.get(alertKey(a)) ?? a);
  const lastHeard = new Map(fleet.map((o) => [o.kioskId, o.lastHeartbeatAt]));
  const events: AlertEvent[] = [];
  for (const [k, a] of after) if (!before.has(k)) events.push({ ...a, transition: 'raised', at: a.kind === 'kiosk_down' ? a.since : now });
  for (const [k, a] of before) {
    if (after.has(k)) continue;
    // A kiosk is back up when its heartbeat arrived, not when the check noticed.
    const heard = lastHeard.get(a.kioskId);
    const at = a.kind === 'kiosk_down' && heard != null && heard >= a.since ? heard : now;
    events.push({ ...a, transition: 'cleared', at });
  }
  return { open: [...after.values()], events };
}
