import { DAY_MS, HOUR_MS, zoneOffsetMs, type LocalDate } from '../../../common/time';

export interface LocalHour {
  date: LocalDate;
  hour: number;
  /** ISO 1 = Monday ... 7 = Sunday. */
  weekday: number;
}

/**
 * Maps UTC hour starts to local date, hour and weekday in `timeZone`, asking Intl for the zone's
 * offset about twice per UTC day instead of once per bucket (a one-year range has 175,000 buckets;
 * Intl's formatToParts is the slow part). When the offset differs across a day (a DST change),
 * that day's hours are resolved one by one.
 */
export function createLocalHourResolver(timeZone: string): (hourStartMs: number) => LocalHour {
  const dayOffsets = new Map<number, number | null>();
  const cache = new Map<number, LocalHour>();
  const offsetFor = (h: number): number => {
    const day = Math.floor(h / DAY_MS);
    let off = dayOffsets.get(day);
    if (off === undefined) {
      const a = zoneOffsetMs(day * DAY_MS, timeZone);
      const b = zoneOffsetMs(day * DAY_MS + DAY_MS - HOUR_MS, timeZone);
      off = a === b ? a : null;
      dayOffsets.set(day, off);
    }
    return off ?? zoneOffsetMs(h, timeZone);
  };
  return (h) => {
    let r = cache.get(h);
    if (!r) {
      const local = new Date(h + offsetFor(h));
      r = { date: local.toISOString().slice(0, 10), hour: local.getUTCHours(), weekday: ((local.getUTCDay() + 6) % 7) + 1 };
      cache.set(h, r);
    }
    return r;
  };
}
