import type { MetricName } from '../../common/metrics';
import { hourStart, localDayRange, type LocalDate, HOUR_MS } from '../../common/time';
import type { Db } from './db/openDatabase';

export interface Bucket {
  kioskId: string;
  metric: string;
  /** Unix ms at the start of the UTC hour. */
  hourStart: number;
  value: number;
  revision: number;
}

export interface UsageCounter {
  /** Adds `amount` to the hour bucket of `metric` that contains `at`. */
  record(metric: MetricName, amount?: number, at?: Date | number): void;
  /** Buckets with `from <= hourStart < to`. */
  buckets(from: number, to: number, metrics?: readonly string[]): Bucket[];
  /** Sum per metric over `[from, to)`. */
  totals(from: number, to: number): Record<string, number>;
  /** 24 (or 23/25 on a DST day) hourly values of `metric` for a local day. */
  hourlyForDay(metric: string, date: LocalDate, timeZone: string): { hourStart: number; value: number }[];
  /** Hook run inside the same transaction as each count (the uploader's outbox uses it). */
  onRecordInTransaction(hook: (b: Bucket) => void): void;
}

/**
 * The anonymous usage counter every exhibit records through. It aggregates into one row per
 * (kiosk, metric, UTC hour); there are no per-visitor rows, ever. Each change bumps the row's
 * revision so that an uploader can send "the latest value of this bucket" idempotently.
 */
export function createUsageCounter(db: Db, kioskId: () => string, now: () => number = Date.now): UsageCounter {
  const upsert = db.prepare(`
    INSERT INTO usage_buckets (kiosk_id, metric, hour_start, value, revision) VALUES (@kioskId, @metric, @hourStart, @amount, 1)
    ON CONFLICT (kiosk_id, metric, hour_start) DO UPDATE SET value = value + excluded.value, revision = revision + 1
    RETURNING kiosk_id AS kioskId, metric, hour_start AS hourStart, value, revision
  `);
  const hooks: ((b: Bucket) => void)[] = [];
  const recordTx = db.transaction((metric: string, amount: number, at: number) => {
    const b = upsert.get({ kioskId: kioskId(), metric, hourStart: hourStart(at), amount }) as Bucket;
    for (const h of hooks) h(b);
  });

  return {
    record(metric, amount = 1, at = now()) {
      if (!Number.isInteger(amount) || amount < 1) throw new RangeError(`amount must be a positive integer, got ${amount}`);
      const ms = typeof at === 'number' ? at : at.getTime();
      if (!Number.isFinite(ms)) throw new RangeError('invalid time');
      recordTx(metric, amount, ms);
    },
    buckets(from, to, metrics) {
      const rows = db
        .prepare(
          'SELECT kiosk_id AS kioskId, metric, hour_start AS hourStart, value, revision FROM usage_buckets WHERE hour_start >= ? AND hour_start < ? ORDER BY hour_start, metric',
        )
        .all(from, to) as Bucket[];
      return metrics ? rows.filter((r) => metrics.includes(r.metric)) : rows;
    },
    totals(from, to) {
      const rows = db
        .prepare('SELECT metric, SUM(value) AS total FROM usage_buckets WHERE hour_start >= ? AND hour_start < ? GROUP BY metric')
        .all(from, to) as { metric: string; total: number }[];
      return Object.fromEntries(rows.map((r) => [r.metric, r.total]));
    },
    hourlyForDay(metric, date, timeZone) {
      const [start, end] = localDayRange(date, timeZone);
      const rows = db
        .prepare(
          'SELECT hour_start AS hourStart, SUM(value) AS value FROM usage_buckets WHERE metric = ? AND hour_start >= ? AND hour_start < ? GROUP BY hour_start',
        )
        .all(metric, start, end) as { hourStart: number; value: number }[];
      const byHour = new Map(rows.map((r) => [r.hourStart, r.value]));
      const out: { hourStart: number; value: number }[] = [];
      for (let h = start; h < end; h += HOUR_MS) out.push({ hourStart: h, value: byHour.get(h) ?? 0 });
      return out;
    },
    onRecordInTransaction(hook) {
      hooks.push(hook);
    },
  };
}
