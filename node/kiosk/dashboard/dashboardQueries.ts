import { addDays, daysBetween, HOUR_MS, localDayRange, parseLocalDate, type LocalDate } from '../../../common/time';
import { shippedSmileCorrection } from '../../../common/smile/smileModel';
import { correctShare, type CorrectedShare, type SmileCorrection } from '../../../common/smileShare';
import type { Db } from '../db/openDatabase';
import { createLocalHourResolver } from './localHours';

/** The smile meter's camera counts: footfall in/out and how many smiled. */
export const SMILE_METRICS = {
  entryVisitors: 'smile.entry.visitors',
  entrySmiling: 'smile.entry.smiling',
  exitVisitors: 'smile.exit.visitors',
  exitSmiling: 'smile.exit.smiling',
} as const;

export const MAX_RANGE_DAYS = 3660;
/** Ranges up to this many days get an hour-by-hour series, longer ones a day-by-day series. */
export const HOURLY_SERIES_MAX_DAYS = 7;

export interface Period {
  from: LocalDate;
  to: LocalDate;
  days: number;
  /** UTC ms of the first local midnight and of the local midnight after `to`. */
  startMs: number;
  endMs: number;
}

export interface Summary {
  footfallIn: number;
  footfallOut: number;
  entrySmiling: number;
  exitSmiling: number;
  /** smiling / visitors at the entry camera, null without visitors. */
  entrySmileRatio: number | null;
  exitSmileRatio: number | null;
  /** exit ratio minus entry ratio (ratio points): how much happier people leave than they came. */
  lift: number | null;
  /**
   * The shares corrected for the smile classifier's known error (common/smileShare.ts): raw share, corrected share,
   * its 95 % interval and n. Corrected share and interval are null without a correction (Dashboard.smileModel).
   */
  entryShare: CorrectedShare;
  exitShare: CorrectedShare;
  /** Exit minus entry corrected share (share points); null unless both are known. */
  correctedLift: number | null;
  /** Every other usage metric (exhibit use, sessions...) totalled. */
  usage: Record<string, number>;
}

export interface Change {
  current: number | null;
  previous: number | null;
  delta: number | null;
  /** Relative change in percent; null when the previous value is 0 or unknown. */
  percent: number | null;
}

export interface SeriesPoint {
  start: number;
  /** Local `YYYY-MM-DD HH:00` (hourly) or `YYYY-MM-DD` (daily). */
  label: string;
  entryVisitors: number;
  entrySmiling: number;
  exitVisitors: number;
  exitSmiling: number;
}

export interface Dashboard {
  timeZone: string;
  period: Period;
  previousPeriod: Period;
  current: Summary;
  previous: Summary;
  change: {
    footfallIn: Change;
    footfallOut: Change;
    entrySmileRatio: Change;
    exitSmileRatio: Change;
    lift: Change;
    entryCorrectedShare: Change;
    exitCorrectedShare: Change;
    correctedLift: Change;
    usage: Record<string, Change>;
  };
  /** The smile model and its measured error the shares were corrected with; null when not corrected. */
  smileModel: SmileCorrection | null;
  series: { granularity: 'hour' | 'day'; points: SeriesPoint[] };
  /** Footfall in by local weekday (rows, ISO 1 = Monday ... 7 = Sunday) and local hour (columns 0-23). */
  heatmap: number[][];
}

export function period(from: LocalDate, to: LocalDate, timeZone: string): Period {
  parseLocalDate(from);
  parseLocalDate(to);
  const days = daysBetween(from, to) + 1;
  if (days < 1) throw new RangeError(`the range ends (${to}) before it starts (${from})`);
  if (days > MAX_RANGE_DAYS) throw new RangeError(`a range of ${days} days is longer than ${MAX_RANGE_DAYS}`);
  return { from, to, days, startMs: localDayRange(from, timeZone)[0], endMs: localDayRange(to, timeZone)[1] };
}

/** The same number of days just before `p`. */
export function previousPeriod(p: Period, timeZone: string): Period {
  return period(addDays(p.from, -p.days), addDays(p.from, -1), timeZone);
}

const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);

function change(current: number | null, previous: number | null): Change {
  const delta = current != null && previous != null ? current - previous : null;
  const percent = delta != null && previous ? (delta / previous) * 100 : null;
  return { current, previous, delta, percent };
}

/** The correction's shares, or the raw share alone without one (the threshold is not the model's). */
function shareOf(smiling: number, visitors: number, correction: SmileCorrection | null): CorrectedShare {
  if (correction) return correctShare(smiling, visitors, correction);
  return { n: visitors, rawShare: ratio(Math.min(smiling, visitors), visitors), correctedShare: null, interval: null };
}

/**
 * A period's figures from its totals per metric: footfall, raw and corrected smiling shares, the lifts and every
 * other metric as usage. Shared by the kiosk's dashboard and the server's console, so the two show the same numbers.
 */
export function summarize(t: Record<string, number>, correction: SmileCorrection | null): Summary {
  const g = (m: string): number => t[m] ?? 0;
  const entry = ratio(g(SMILE_METRICS.entrySmiling), g(SMILE_METRICS.entryVisitors));
  const exit = ratio(g(SMILE_METRICS.exitSmiling), g(SMILE_METRICS.exitVisitors));
  const smile = new Set<string>(Object.values(SMILE_METRICS));
  const entryShare = shareOf(g(SMILE_METRICS.entrySmiling), g(SMILE_METRICS.entryVisitors), correction);
  const exitShare = shareOf(g(SMILE_METRICS.exitSmiling), g(SMILE_METRICS.exitVisitors), correction);
  return {
    footfallIn: g(SMILE_METRICS.entryVisitors),
    footfallOut: g(SMILE_METRICS.exitVisitors),
    entrySmiling: g(SMILE_METRICS.entrySmiling),
    exitSmiling: g(SMILE_METRICS.exitSmiling),
    entrySmileRatio: entry,
    exitSmileRatio: exit,
    lift: entry != null && exit != null ? exit - entry : null,
    entryShare,
    exitShare,
    correctedLift:
      entryShare.correctedShare != null && exitShare.correctedShare != null ? exitShare.correctedShare - entryShare.correctedShare : null,
    usage: Object.fromEntries(
      Object.entries(t)
        .filter(([m]) => !smile.has(m))
        .sort(([a], [b]) => a.localeCompare(b)),
    ),
  };
}

/** Every figure of `current` against `previous`. */
export function compare(current: Summary, previous: Summary): Dashboard['change'] {
  const usageNames = [...new Set([...Object.keys(current.usage), ...Object.keys(previous.usage)])].sort();
  return {
    footfallIn: change(current.footfallIn, previous.footfallIn),
    footfallOut: change(current.footfallOut, previous.footfallOut),
    entrySmileRatio: change(current.entrySmileRatio, previous.entrySmileRatio),
    exitSmileRatio: change(current.exitSmileRatio, previous.exitSmileRatio),
    lift: change(current.lift, previous.lift),
    entryCorrectedShare: change(current.entryShare.correctedShare, previous.entryShare.correctedShare),
    exitCorrectedShare: change(current.exitShare.correctedShare, previous.exitShare.correctedShare),
    correctedLift: change(current.correctedLift, previous.correctedLift),
    usage: Object.fromEntries(usageNames.map((m) => [m, change(current.usage[m] ?? 0, previous.usage[m] ?? 0)])),
  };
}

/**
 * Places hourly rows of the four smile metrics (UTC hour starts) into the period's series (hour by hour up to
 * HOURLY_SERIES_MAX_DAYS days, else day by day, in local time) and footfall in into the weekday × hour heat map.
 */
export function placeHours(
  cur: Period,
  rows: readonly { h: number; metric: string; v: number }[],
  timeZone: string,
): { series: Dashboard['series']; heatmap: number[][] } {
  const hourly = cur.days <= HOURLY_SERIES_MAX_DAYS;
  const local = createLocalHourResolver(timeZone);
  const points: SeriesPoint[] = [];
  const index = new Map<string, SeriesPoint>();
  const blank = (start: number, label: string): SeriesPoint => ({
    start,
    label,
    entryVisitors: 0,
    entrySmiling: 0,
    exitVisitors: 0,
    exitSmiling: 0,
  });
  if (hourly) {
    for (let h = cur.startMs; h < cur.endMs; h += HOUR_MS) {
      const l = local(h);
      const pt = blank(h, `${l.date} ${String(l.hour).padStart(2, '0')}:00`);
      points.push(pt);
      index.set(String(h), pt);
    }
  } else {
    for (let d = cur.from, i = 0; i < cur.days; d = addDays(d, 1), i += 1) {
      const pt = blank(localDayRange(d, timeZone)[0], d);
      points.push(pt);
      index.set(d, pt);
    }
  }
  const heatmap = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const field: Record<string, keyof Omit<SeriesPoint, 'start' | 'label'>> = {
    [SMILE_METRICS.entryVisitors]: 'entryVisitors',
    [SMILE_METRICS.entrySmiling]: 'entrySmiling',
    [SMILE_METRICS.exitVisitors]: 'exitVisitors',
    [SMILE_METRICS.exitSmiling]: 'exitSmiling',
  };
  for (const r of rows) {
    const l = local(r.h);
    const pt = index.get(hourly ? String(r.h) : l.date);
    const f = field[r.metric];
    if (pt && f) pt[f] += r.v;
    const row = heatmap[l.weekday - 1];
    if (r.metric === SMILE_METRICS.entryVisitors && row) row[l.hour] = (row[l.hour] ?? 0) + r.v;
  }
  return { series: { granularity: hourly ? 'hour' : 'day', points }, heatmap };
}

/**
 * Everything the operator dashboard shows for the local days `from..to` (inclusive) in the
 * kiosk's time zone, and the same for the period of equal length before it. Buckets are whole
 * UTC hours, which are whole local hours for Asia/Shanghai (and any whole-hour zone).
 */
export function queryDashboard(
  db: Db,
  from: LocalDate,
  to: LocalDate,
  timeZone: string,
  correction: SmileCorrection | null = shippedSmileCorrection,
): Dashboard {
  const cur = period(from, to, timeZone);
  const prev = previousPeriod(cur, timeZone);
  const totalsStmt = db.prepare(
    'SELECT metric, SUM(value) AS total FROM usage_buckets WHERE hour_start >= ? AND hour_start < ? GROUP BY metric',
  );
  const totalsOf = (p: Period): Record<string, number> =>
    Object.fromEntries((totalsStmt.all(p.startMs, p.endMs) as { metric: string; total: number }[]).map((r) => [r.metric, r.total]));
  const current = summarize(totalsOf(cur), correction);
  const previous = summarize(totalsOf(prev), correction);

  // Hour rows of the four smile metrics, placed into the series and the heat map by local time.
  const rows = db
    .prepare(
      `SELECT hour_start AS h, metric, SUM(value) AS v FROM usage_buckets
       WHERE hour_start >= ? AND hour_start < ? AND metric IN (?, ?, ?, ?) GROUP BY hour_start, metric`,
    )
    .all(cur.startMs, cur.endMs, ...Object.values(SMILE_METRICS)) as { h: number; metric: string; v: number }[];
  const { series, heatmap } = placeHours(cur, rows, timeZone);

  return {
    timeZone,
    period: cur,
    previousPeriod: prev,
    current,
    previous,
    change: compare(current, previous),
    series,
    heatmap,
    smileModel: correction,
  };
}
