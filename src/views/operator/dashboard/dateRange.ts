import { addDays, daysBetween, localDateOf, parseLocalDate, type LocalDate } from '../../../../common/time';

export type RangePreset = 'today' | 'last7' | 'last30' | 'custom';
export const RANGE_PRESETS: RangePreset[] = ['today', 'last7', 'last30', 'custom'];
export interface DateRange {
  from: LocalDate;
  to: LocalDate;
}

/** Today in the kiosk's time zone (not the browser's): the dashboard counts local days of the station. */
export function todayIn(timeZone: string, now: number = Date.now()): LocalDate {
  return localDateOf(now, timeZone);
}

/** The days a preset covers, ending today (inclusive). */
export function presetRange(preset: Exclude<RangePreset, 'custom'>, today: LocalDate): DateRange {
  const days = preset === 'today' ? 1 : preset === 'last7' ? 7 : 30;
  return { from: addDays(today, -(days - 1)), to: today };
}

/** A custom range as typed by the operator: a clear message key when it is not usable. */
export function checkRange(range: DateRange): 'ok' | 'invalidDate' | 'endBeforeStart' {
  try {
    parseLocalDate(range.from);
    parseLocalDate(range.to);
  } catch {
    return 'invalidDate';
  }
  return daysBetween(range.from, range.to) < 0 ? 'endBeforeStart' : 'ok';
}
