import { SMILE_MIN_VISITORS_DEFAULT } from '../../../common/smileShare';
import type { LocalDate } from '../../../common/time';
import {
  compare,
  period,
  placeHours,
  previousPeriod,
  SMILE_METRICS,
  summarize,
  type Dashboard,
} from '../../kiosk/dashboard/dashboardQueries';
import type { Queryable } from '../db/Db';
import { HttpError } from '../http/respond';
import { smileCorrectionFor } from './smileCorrectionFor';

export interface StationDashboard extends Dashboard {
  stationId: string;
  stationName: string;
  /** Below this many visitors a share is shown as "too few visitors" (as on the kiosk's big screen). */
  minVisitors: number;
  /** Every usage metric per kiosk of the station in the period (exhibit use per kiosk). */
  usageByKiosk: { kioskId: string; name: string; usage: Record<string, number> }[];
}

/** The station's name and time zone, or a 404. */
export async function stationOf(db: Queryable, stationId: string): Promise<{ name: string; timeZone: string }> {
  const rows = await db.query<{ name: string; time_zone: string }>('SELECT name, time_zone FROM stations WHERE id = $1', [stationId]);
  const s = rows[0];
  if (!s) throw new HttpError(404, `no station ${stationId}`);
  return { name: s.name, timeZone: s.time_zone };
}

/**
 * The station page: the kiosk dashboard's figures (footfall in and out per hour or day, raw and corrected smiling
 * shares and lift against the period before, weekday × hour heat map, usage) over every kiosk of the station, so the
 * smile cameras count whichever kiosk holds them. Local days in the station's time zone; read from the rollups the
 * ingest keeps (the kiosks' days for the totals, the station's hours for the footfall and the heat map), never from
 * the hourly buckets of every kiosk.
 */
export async function stationDashboard(db: Queryable, stationId: string, from: LocalDate, to: LocalDate): Promise<StationDashboard> {
  const station = await stationOf(db, stationId);
  let cur: Dashboard['period'];
  let prev: Dashboard['period'];
  try {
    cur = period(from, to, station.timeZone);
    prev = previousPeriod(cur, station.timeZone);
  } catch (err) {
    throw new HttpError(400, (err as Error).message);
  }
  // Both periods are whole station-local days, so the kiosks' daily rollups give their totals exactly.
  const totals = await db.query<{ kiosk_id: string; metric: string; current: boolean; value: number | string }>(
    `SELECT kiosk_id, metric, day >= $3::date AS current, sum(value)::int8 AS value FROM daily_totals
      WHERE station_id = $1 AND day >= $2::date AND day <= $4::date GROUP BY 1, 2, 3`,
    [stationId, prev.from, cur.from, cur.to],
  );
  const sum = (current: boolean): Record<string, number> => {
    const t: Record<string, number> = {};
    for (const r of totals) if (r.current === current) t[r.metric] = (t[r.metric] ?? 0) + Number(r.value);
    return t;
  };
  const correction = await smileCorrectionFor(db, stationId);
  const current = summarize(sum(true), correction);
  const previous = summarize(sum(false), correction);

  const hours = await db.query<{ hour: Date | string; metric: string; value: number | string }>(
    `SELECT hour, metric, value FROM station_hourly_totals
      WHERE station_id = $1 AND hour >= $2 AND hour < $3 AND metric = ANY($4::text[])`,
    [stationId, new Date(cur.startMs), new Date(cur.endMs), Object.values(SMILE_METRICS)],
  );
  const { series, heatmap } = placeHours(
    cur,
    hours.map((r) => ({ h: new Date(r.hour).getTime(), metric: r.metric, v: Number(r.value) })),
    station.timeZone,
  );

  const kiosks = await db.query<{ id: string; name: string }>('SELECT id, name FROM kiosks WHERE station_id = $1 ORDER BY id', [stationId]);
  const smile = new Set<string>(Object.values(SMILE_METRICS));
  const usageByKiosk = kiosks.map((k) => ({
    kioskId: k.id,
    name: k.name,
    usage: Object.fromEntries(
      totals
        .filter((r) => r.current && r.kiosk_id === k.id && !smile.has(r.metric))
        .map((r) => [r.metric, Number(r.value)] as const)
        .sort(([a], [b]) => a.localeCompare(b)),
    ),
  }));

  return {
    stationId,
    stationName: station.name,
    timeZone: station.timeZone,
    period: cur,
    previousPeriod: prev,
    current,
    previous,
    change: compare(current, previous),
    series,
    heatmap,
    smileModel: correction,
    minVisitors: SMILE_MIN_VISITORS_DEFAULT,
    usageByKiosk,
  };
}
