import type { SmileSettings } from '../../../common/smileSettings';
import type { SmileStatusView } from '../../../common/smileStatus';
import { smileCorrectionAt } from '../../../common/smile/smileModel';
import type { SmileCorrection } from '../../../common/smileShare';
import {
  liftPointsOf,
  shownShare,
  smileFiguresOf,
  SMILE_SUMMARY_DAYS,
  type SmileDay,
  type SmileFigures,
  type SmileHour,
  type SmileSummary,
} from '../../../common/smileSummary';
import { addDays, HOUR_MS, localDateOf, localDayRange } from '../../../common/time';
import { SMILE_METRICS } from '../dashboard/dashboardQueries';
import { createLocalHourResolver } from '../dashboard/localHours';
import type { Db } from '../db/openDatabase';

/**
 * The smile meter's big-screen figures (common/smileSummary.ts) from the hourly usage buckets the
 * camera counts are recorded into (usageCounter.ts): one query over the last seven local days,
 * placed into local days and today's local hours with the dashboard's resolver (dashboard/localHours.ts).
 * Nothing is kept in memory between calls, so the figures after a restart are the same by construction.
 */

interface Counts {
  entryVisitors: number;
  entrySmiling: number;
  exitVisitors: number;
  exitSmiling: number;
}
const FIELD: Record<string, keyof Counts> = {
  [SMILE_METRICS.entryVisitors]: 'entryVisitors',
  [SMILE_METRICS.entrySmiling]: 'entrySmiling',
  [SMILE_METRICS.exitVisitors]: 'exitVisitors',
  [SMILE_METRICS.exitSmiling]: 'exitSmiling',
};
const zero = (): Counts => ({ entryVisitors: 0, entrySmiling: 0, exitVisitors: 0, exitSmiling: 0 });

/** Both roles' figures; `interval`: with the corrected shares' intervals (today's figures only: 2,000 draws each). */
function roles(
  c: Counts,
  correction: SmileCorrection | null,
  interval: boolean,
): { entry: SmileFigures; exit: SmileFigures; liftPoints: number | null } {
  const entry = smileFiguresOf(c.entryVisitors, c.entrySmiling, correction, interval);
  const exit = smileFiguresOf(c.exitVisitors, c.exitSmiling, correction, interval);
  return { entry, exit, liftPoints: liftPointsOf(shownShare(entry), shownShare(exit)) };
}

export interface SmileSummaryInput {
  now: number;
  timeZone: string;
  settings: Pick<SmileSettings, 'enabled' | 'cameras' | 'threshold'>;
  /** The cameras' last status (node/kiosk/smile/smileStatus.ts); absent: nothing reported. */
  status?: Pick<SmileStatusView, 'report' | 'stale'>;
}

export function querySmileSummary(db: Db, { now, timeZone, settings, status }: SmileSummaryInput): SmileSummary {
  const today = localDateOf(now, timeZone);
  const dates = Array.from({ length: SMILE_SUMMARY_DAYS }, (_, i) => addDays(today, i - (SMILE_SUMMARY_DAYS - 1)));
  const [firstStart] = localDayRange(dates[0] as string, timeZone);
  const [todayStart, todayEnd] = localDayRange(today, timeZone);
  const rows = db
    .prepare(
      `SELECT hour_start AS h, metric, SUM(value) AS v FROM usage_buckets
       WHERE hour_start >= ? AND hour_start < ? AND metric IN (?, ?, ?, ?) GROUP BY hour_start, metric`,
    )
    .all(firstStart, todayEnd, ...Object.values(SMILE_METRICS)) as { h: number; metric: string; v: number }[];

  const local = createLocalHourResolver(timeZone);
  const byDay = new Map(dates.map((d) => [d, zero()]));
  const byHour = new Map<number, Counts>();
  for (let h = todayStart; h < todayEnd; h += HOUR_MS) byHour.set(h, zero());
  for (const r of rows) {
    const f = FIELD[r.metric];
    if (!f) continue;
    const day = byDay.get(local(r.h).date);
    if (day) day[f] += r.v;
    const hour = byHour.get(r.h);
    if (hour) hour[f] += r.v;
  }

  // The model's error applies only at the threshold it was measured at (common/smile/smileModel.ts).
  const correction = smileCorrectionAt(settings.threshold);
  const hourly: SmileHour[] = [...byHour].map(([start, c]) => ({ start, hour: local(start).hour, ...roles(c, correction, false) }));
  const days: SmileDay[] = dates.map((date) => ({ date, ...roles(byDay.get(date) ?? zero(), correction, false) }));
  const stateOf = (role: 'entry' | 'exit') => status?.report?.cameras.find((c) => c.role === role)?.state ?? null;
  return {
    enabled: settings.enabled,
    cameras: { entry: settings.cameras.entry.enabled, exit: settings.cameras.exit.enabled },
    health: { stale: status?.stale ?? false, entry: stateOf('entry'), exit: stateOf('exit') },
    correction,
    timeZone,
    date: today,
    now,
    today: roles(byDay.get(today) ?? zero(), correction, true),
    hourly,
    days,
  };
}
