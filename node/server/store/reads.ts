import { z } from 'zod';
import { hourToWire, type Heartbeat } from '../../../common/uploadProtocol';
import type { Queryable } from '../db/Db';

export const TotalsQuerySchema = z
  .object({
    stationId: z.string().max(63).optional(),
    kioskId: z.string().max(63).optional(),
    /** ISO instants; `from <= hour < to`. */
    from: z.string().datetime({ offset: true }).optional(),
    to: z.string().datetime({ offset: true }).optional(),
  })
  .strict();
export type TotalsQuery = z.infer<typeof TotalsQuerySchema>;

function where(q: TotalsQuery): { sql: string; args: unknown[] } {
  const parts: string[] = [];
  const args: unknown[] = [];
  const add = (sql: string, v: unknown): void => {
    args.push(v);
    parts.push(sql.replace('?', `$${args.length}`));
  };
  if (q.stationId) add('station_id = ?', q.stationId);
  if (q.kioskId) add('kiosk_id = ?', q.kioskId);
  if (q.from) add('hour >= ?', new Date(q.from));
  if (q.to) add('hour < ?', new Date(q.to));
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', args };
}

/** Sum of the kept values per metric. */
export async function totals(db: Queryable, q: TotalsQuery = {}): Promise<Record<string, number>> {
  const w = where(q);
  const rows = await db.query<{ metric: string; total: number }>(
    `SELECT metric, sum(value)::int8 AS total FROM buckets ${w.sql} GROUP BY metric ORDER BY metric`,
    w.args,
  );
  return Object.fromEntries(rows.map((r) => [r.metric, Number(r.total)]));
}

export interface StoredBucket {
  stationId: string;
  kioskId: string;
  metric: string;
  hour: string;
  value: number;
  revision: number;
}

export async function listBuckets(db: Queryable, q: TotalsQuery = {}): Promise<StoredBucket[]> {
  const w = where(q);
  const rows = await db.query<{ station_id: string; kiosk_id: string; metric: string; hour: Date; value: number; revision: number }>(
    `SELECT station_id, kiosk_id, metric, hour, value, revision FROM buckets ${w.sql} ORDER BY hour, metric, kiosk_id`,
    w.args,
  );
  return rows.map((r) => ({
    stationId: r.station_id,
    kioskId: r.kiosk_id,
    metric: r.metric,
    hour: hourToWire(new Date(r.hour).getTime()),
    value: Number(r.value),
    revision: Number(r.revision),
  }));
}

/** Daily rollups (station-local days, `YYYY-MM-DD`), summed over kiosks. */
export async function dailyTotals(
  db: Queryable,
  q: { stationId?: string; fromDay: string; toDay: string },
): Promise<{ stationId: string; day: string; metric: string; value: number }[]> {
  const rows = await db.query<{ station_id: string; day: string; metric: string; value: number }>(
    `SELECT station_id, day::text AS day, metric, value FROM station_daily_totals
      WHERE day >= $1::date AND day < $2::date AND ($3::text IS NULL OR station_id = $3)
      ORDER BY station_id, day, metric`,
    [q.fromDay, q.toDay, q.stationId ?? null],
  );
  return rows.map((r) => ({ stationId: r.station_id, day: r.day, metric: r.metric, value: Number(r.value) }));
}

export async function listHeartbeats(
  db: Queryable,
  q: { kioskId?: string; limit?: number } = {},
): Promise<(Heartbeat & { receivedAt: string })[]> {
  const rows = await db.query<{ received_at: Date; body: Heartbeat | string }>(
    'SELECT received_at, body FROM heartbeats WHERE ($1::text IS NULL OR kiosk_id = $1) ORDER BY id DESC LIMIT $2',
    [q.kioskId ?? null, q.limit ?? 100],
  );
  return rows.map((r) => ({
    ...(typeof r.body === 'string' ? (JSON.parse(r.body) as Heartbeat) : r.body),
    receivedAt: new Date(r.received_at).toISOString(),
  }));
}
