import type { Queryable } from '../db/Db';

const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

export interface StationDay {
  day: string;
  visitorsIn: number;
  visitorsOut: number;
  smilingShareIn: number | null;
  smilingShareOut: number | null;
  /** Exit share minus entry share, in points (as on the kiosk's dashboard). */
  liftPoints: number | null;
}

/** Per local day from the daily rollups: visitors in/out and the smiling shares from the smile meter's metrics. */
export async function stationDays(db: Queryable, stationId: string, fromDay: string, toDay: string): Promise<StationDay[]> {
  const rows = await db.query<{ day: string; metric: string; value: number }>(
    `SELECT day::text AS day, metric, value FROM station_daily_totals
      WHERE station_id = $1 AND day >= $2::date AND day < $3::date AND metric LIKE 'smile.%'
      ORDER BY day, metric`,
    [stationId, fromDay, toDay],
  );
  const byDay = new Map<string, Record<string, number>>();
  for (const r of rows) byDay.set(r.day, { ...(byDay.get(r.day) ?? {}), [r.metric]: Number(r.value) });
  return [...byDay].map(([day, m]) => {
    const inn = m['smile.entry.visitors'] ?? 0;
    const out = m['smile.exit.visitors'] ?? 0;
    const sIn = share(m['smile.entry.smiling'] ?? 0, inn);
    const sOut = share(m['smile.exit.smiling'] ?? 0, out);
    return {
      day,
      visitorsIn: inn,
      visitorsOut: out,
      smilingShareIn: sIn,
      smilingShareOut: sOut,
      liftPoints: sIn !== null && sOut !== null ? (sOut - sIn) * 100 : null,
    };
  });
}

/** Every station's daily totals per metric, side by side (the district page). Read from the rollups only. */
export async function districtDays(
  db: Queryable,
  fromDay: string,
  toDay: string,
): Promise<{ stationId: string; name: string; day: string; metric: string; value: number }[]> {
  const rows = await db.query<{ station_id: string; name: string; day: string; metric: string; value: number }>(
    `SELECT d.station_id, s.name, d.day::text AS day, d.metric, d.value
       FROM station_daily_totals d JOIN stations s ON s.id = d.station_id
      WHERE d.day >= $1::date AND d.day < $2::date
      ORDER BY d.station_id, d.day, d.metric`,
    [fromDay, toDay],
  );
  return rows.map((r) => ({ stationId: r.station_id, name: r.name, day: r.day, metric: r.metric, value: Number(r.value) }));
}

export interface FleetRow {
  kioskId: string;
  stationId: string;
  name: string;
  lastHeartbeatAt: string | null;
  /** Seconds since the last heartbeat (null: never heard from). */
  silentForSeconds: number | null;
  appVersion: string | null;
  contentPack: { id: string; version: string } | null;
  cameras: { id: string; state: string }[];
  uploadBacklog: number | null;
  freeDiskBytes: number | null;
  restarts: number | null;
}

/** Every kiosk with its last heartbeat, the silent ones first (never heard from, then longest silence). */
export async function fleet(db: Queryable, now: Date, stationId: string | null): Promise<FleetRow[]> {
  const rows = await db.query<{
    id: string;
    station_id: string;
    name: string;
    received_at: Date | null;
    body: Record<string, unknown> | string | null;
  }>(
    `SELECT k.id, k.station_id, k.name, h.received_at, h.body FROM kiosks k
       LEFT JOIN LATERAL (SELECT received_at, body FROM heartbeats WHERE kiosk_id = k.id ORDER BY received_at DESC LIMIT 1) h ON true
      WHERE $1::text IS NULL OR k.station_id = $1
      ORDER BY h.received_at ASC NULLS FIRST, k.id`,
    [stationId],
  );
  return rows.map((r) => {
    const b = (typeof r.body === 'string' ? JSON.parse(r.body) : r.body) as Record<string, never> | null;
    const at = r.received_at ? new Date(r.received_at) : null;
    return {
      kioskId: r.id,
      stationId: r.station_id,
      name: r.name,
      lastHeartbeatAt: at ? at.toISOString() : null,
      silentForSeconds: at ? Math.max(0, Math.round((now.getTime() - at.getTime()) / 1000)) : null,
      appVersion: b?.appVersion ?? null,
      contentPack: b?.contentPack ?? null,
      cameras: ((b?.cameras ?? []) as { id: string; state: string }[]).map((c) => ({ id: c.id, state: c.state })),
      uploadBacklog: b?.uploadBacklog ?? null,
      freeDiskBytes: b?.freeDiskBytes ?? null,
      restarts: b?.restarts ?? null,
    };
  });
}

export interface HeartbeatPoint {
  receivedAt: string;
  sentAt: string;
  appVersion: string;
  uptimeSeconds: number;
  restarts: number;
  lastCrashReason: string | null;
  uploadBacklog: number;
  freeDiskBytes: number | null;
  contentPack: { id: string; version: string } | null;
  cameras: { id: string; state: string }[];
}

/** A kiosk's heartbeats, newest first (at most `limit`), or null when there is no such kiosk. */
export async function heartbeatHistory(
  db: Queryable,
  kioskId: string,
  limit: number,
): Promise<{ kioskId: string; stationId: string; name: string; heartbeats: HeartbeatPoint[] } | null> {
  const kiosk = (await db.query<{ station_id: string; name: string }>('SELECT station_id, name FROM kiosks WHERE id = $1', [kioskId]))[0];
  if (!kiosk) return null;
  const rows = await db.query<{ received_at: Date | string; sent_at: Date | string; body: Record<string, unknown> | string }>(
    'SELECT received_at, sent_at, body FROM heartbeats WHERE kiosk_id = $1 ORDER BY received_at DESC, id DESC LIMIT $2',
    [kioskId, limit],
  );
  return {
    kioskId,
    stationId: kiosk.station_id,
    name: kiosk.name,
    heartbeats: rows.map((r) => {
      const b = (typeof r.body === 'string' ? JSON.parse(r.body) : r.body) as Record<string, never>;
      return {
        receivedAt: new Date(r.received_at).toISOString(),
        sentAt: new Date(r.sent_at).toISOString(),
        appVersion: b.appVersion ?? '',
        uptimeSeconds: b.uptimeSeconds ?? 0,
        restarts: b.restarts ?? 0,
        lastCrashReason: b.lastCrashReason ?? null,
        uploadBacklog: b.uploadBacklog ?? 0,
        freeDiskBytes: b.freeDiskBytes ?? null,
        contentPack: b.contentPack ?? null,
        cameras: ((b.cameras ?? []) as { id: string; state: string }[]).map((c) => ({ id: c.id, state: c.state })),
      };
    }),
  };
}
