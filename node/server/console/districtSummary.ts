import { SMILE_MIN_VISITORS_DEFAULT, type SmileCorrection } from '../../../common/smileShare';
import { addDays, daysBetween, type LocalDate } from '../../../common/time';
import { compare, MAX_RANGE_DAYS, SMILE_METRICS, summarize, type Dashboard, type Summary } from '../../kiosk/dashboard/dashboardQueries';
import type { Queryable } from '../db/Db';
import { HttpError } from '../http/respond';
import { smileCorrectionFor } from './smileCorrectionFor';

export interface DistrictStation {
  stationId: string;
  name: string;
  current: Summary;
  previous: Summary;
  change: Dashboard['change'];
  /** Visitors in and out per local day of the period (the trend), every day present. */
  days: { day: string; visitorsIn: number; visitorsOut: number }[];
  smileModel: SmileCorrection | null;
}

export interface DistrictSummary {
  period: { from: string; to: string; days: number };
  previousPeriod: { from: string; to: string; days: number };
  minVisitors: number;
  stations: DistrictStation[];
}

/**
 * The district page: every station side by side for the local days `from..to` (inclusive, each station's own days)
 * and the period of equal length before: visitors, raw and corrected smiling shares, lift, usage, and the visitors
 * per day. Read from the daily rollups only, so a year of a district is a few thousand rows.
 */
export async function districtSummary(db: Queryable, from: LocalDate, to: LocalDate): Promise<DistrictSummary> {
  let days: number;
  try {
    days = daysBetween(from, to) + 1;
  } catch (err) {
    throw new HttpError(400, (err as Error).message);
  }
  if (!(days >= 1)) throw new HttpError(400, `the range ends (${to}) before it starts (${from})`);
  if (days > MAX_RANGE_DAYS) throw new HttpError(400, `a range of ${days} days is longer than ${MAX_RANGE_DAYS}`);
  const prevFrom = addDays(from, -days);
  const end = addDays(to, 1);
  const stations = await db.query<{ id: string; name: string }>('SELECT id, name FROM stations ORDER BY id');
  const rows = await db.query<{ station_id: string; day: string; metric: string; value: number | string }>(
    `SELECT station_id, day::text AS day, metric, value FROM station_daily_totals
      WHERE day >= $1::date AND day < $2::date`,
    [prevFrom, end],
  );
  const out: DistrictStation[] = [];
  for (const s of stations) {
    const cur: Record<string, number> = {};
    const prev: Record<string, number> = {};
    const perDay = new Map<string, { visitorsIn: number; visitorsOut: number }>();
    for (let d = from; d < end; d = addDays(d, 1)) perDay.set(d, { visitorsIn: 0, visitorsOut: 0 });
    for (const r of rows) {
      if (r.station_id !== s.id) continue;
      const v = Number(r.value);
      const t = r.day >= from ? cur : prev;
      t[r.metric] = (t[r.metric] ?? 0) + v;
      const pd = perDay.get(r.day);
      if (pd && r.metric === SMILE_METRICS.entryVisitors) pd.visitorsIn += v;
      if (pd && r.metric === SMILE_METRICS.exitVisitors) pd.visitorsOut += v;
    }
    const correction = await smileCorrectionFor(db, s.id);
    const current = summarize(cur, correction);
    const previous = summarize(prev, correction);
    out.push({
      stationId: s.id,
      name: s.name,
      current,
      previous,
      change: compare(current, previous),
      days: [...perDay].map(([day, v]) => ({ day, ...v })),
      smileModel: correction,
    });
  }
  return {
    period: { from, to, days },
    previousPeriod: { from: prevFrom, to: addDays(from, -1), days },
    minVisitors: SMILE_MIN_VISITORS_DEFAULT,
    stations: out,
  };
}
