import { z } from 'zod';
import { localDateOf, parseClock, zonedParts, zonedTimeToUtc, addDays, DAY_MS } from './time';

/**
 * Opening hours: one optional open/close pair per ISO weekday. `null` means closed all day.
 * The station's default is every day 10:00-20:00.
 */
export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayKey = (typeof WEEKDAY_KEYS)[number];

const Clock = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'use HH:MM, 24-hour');

export const DayHoursSchema = z
  .object({ open: Clock, close: Clock })
  .refine((d) => parseClock(d.open) < parseClock(d.close), { message: 'closing time must be after opening time', path: ['close'] });
export type DayHours = z.infer<typeof DayHoursSchema>;

export const OpeningHoursSchema = z.object({
  mon: DayHoursSchema.nullable(),
  tue: DayHoursSchema.nullable(),
  wed: DayHoursSchema.nullable(),
  thu: DayHoursSchema.nullable(),
  fri: DayHoursSchema.nullable(),
  sat: DayHoursSchema.nullable(),
  sun: DayHoursSchema.nullable(),
});
export type OpeningHours = z.infer<typeof OpeningHoursSchema>;

export const DEFAULT_OPENING_HOURS: OpeningHours = Object.fromEntries(
  WEEKDAY_KEYS.map((k) => [k, { open: '10:00', close: '20:00' }]),
) as OpeningHours;

export interface OpenState {
  open: boolean;
  /** When open: the instant it closes. When closed: the next instant it opens (null if never). */
  changesAt: number | null;
  /** Today's hours in the kiosk's zone, for the closed screen. */
  today: DayHours | null;
}

function hoursFor(hours: OpeningHours, isoWeekday: number): DayHours | null {
  return hours[WEEKDAY_KEYS[isoWeekday - 1] as WeekdayKey];
}

/** Whether the station is open at instant `ms`, and when that changes. Pure: the clock is an argument. */
export function openState(hours: OpeningHours, ms: number, timeZone: string): OpenState {
  const p = zonedParts(ms, timeZone);
  const today = hoursFor(hours, p.isoWeekday);
  const date = localDateOf(ms, timeZone);
  const at = (d: string, hhmm: string): number => {
    const minutes = parseClock(hhmm);
    return zonedTimeToUtc(d, Math.floor(minutes / 60), minutes % 60, timeZone);
  };
  if (today) {
    const opensAt = at(date, today.open);
    const closesAt = today.close === '24:00' ? zonedTimeToUtc(addDays(date, 1), 0, 0, timeZone) : at(date, today.close);
    if (ms >= opensAt && ms < closesAt) return { open: true, changesAt: closesAt, today };
    if (ms < opensAt) return { open: false, changesAt: opensAt, today };
  }
  for (let i = 1; i <= 7; i += 1) {
    const d = addDays(date, i);
    const wd = ((p.isoWeekday - 1 + i) % 7) + 1;
    const h = hoursFor(hours, wd);
    if (h) return { open: false, changesAt: at(d, h.open), today };
  }
  return { open: false, changesAt: null, today };
}

/** Milliseconds until the open state next changes (capped at a day), for scheduling re-checks. */
export function msUntilChange(state: OpenState, now: number): number {
  if (state.changesAt === null) return DAY_MS;
  return Math.min(DAY_MS, Math.max(1000, state.changesAt - now));
}
