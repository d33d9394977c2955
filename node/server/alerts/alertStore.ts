import type { Queryable } from '../db/Db';
import type { DeliveryResult } from './alertNotifier';
import type { AlertEvent, AlertKind, OpenAlert } from './evaluateAlerts';

export interface StoredAlertEvent extends AlertEvent {
  id: number;
  deliveries: DeliveryResult[];
}

interface Row {
  id: string | number;
  kind: AlertKind;
  station_id: string;
  kiosk_id: string;
  subject: string;
  transition: 'raised' | 'cleared';
  at: Date;
  since: Date;
  detail: string;
  deliveries: DeliveryResult[] | string;
}
const COLUMNS = 'id, kind, station_id, kiosk_id, subject, transition, at, since, detail, deliveries';
const toEvent = (r: Row): StoredAlertEvent => ({
  id: Number(r.id),
  kind: r.kind,
  stationId: r.station_id,
  kioskId: r.kiosk_id,
  subject: r.subject,
  transition: r.transition,
  at: new Date(r.at).getTime(),
  since: new Date(r.since).getTime(),
  detail: r.detail,
  deliveries: typeof r.deliveries === 'string' ? (JSON.parse(r.deliveries) as DeliveryResult[]) : r.deliveries,
});

/** What is alerting now: the newest event of each alert when it is a `raised` one. */
export async function openAlerts(db: Queryable, stationId: string | null = null): Promise<OpenAlert[]> {
  const rows = await db.query<Row>(
    `SELECT * FROM (SELECT DISTINCT ON (kind, kiosk_id, subject) ${COLUMNS} FROM alert_events ORDER BY kind, kiosk_id, subject, id DESC) e
      WHERE transition = 'raised' AND ($1::text IS NULL OR station_id = $1) ORDER BY since, kiosk_id`,
    [stationId],
  );
  return rows.map((r) => {
    const { kind, stationId: s, kioskId, subject, since, detail } = toEvent(r);
    return { kind, stationId: s, kioskId, subject, since, detail };
  });
}

export async function recordAlertEvent(db: Queryable, e: AlertEvent): Promise<number> {
  const rows = await db.query<{ id: string | number }>(
    'INSERT INTO alert_events (kind, station_id, kiosk_id, subject, transition, at, since, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id',
    [e.kind, e.stationId, e.kioskId, e.subject, e.transition, new Date(e.at), new Date(e.since), e.detail],
  );
  return Number(rows[0]?.id);
}

export async function recordDeliveries(db: Queryable, id: number, deliveries: DeliveryResult[]): Promise<void> {
  await db.query('UPDATE alert_events SET deliveries = $2::jsonb WHERE id = $1', [id, JSON.stringify(deliveries)]);
}

/** Events in [from, to), newest first (at most `limit`), optionally of one station or kind. */
export async function alertEvents(
  db: Queryable,
  q: { from?: Date; to?: Date; stationId?: string | null; kind?: AlertKind; limit?: number },
): Promise<StoredAlertEvent[]> {
  const rows = await db.query<Row>(
    `SELECT ${COLUMNS} FROM alert_events
      WHERE ($1::timestamptz IS NULL OR at >= $1) AND ($2::timestamptz IS NULL OR at < $2) AND ($3::text IS NULL OR station_id = $3) AND ($4::text IS NULL OR kind = $4)
      ORDER BY at DESC, id DESC LIMIT $5`,
    [q.from ?? null, q.to ?? null, q.stationId ?? null, q.kind ?? null, q.limit ?? 1000],
  );
  return rows.map(toEvent);
}
