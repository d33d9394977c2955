import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  hourStart,
  localDateOf,
  localDayRange,
  parseClock,
  parseLocalDate,
  zoneOffsetMs,
  zonedParts,
  zonedTimeToUtc,
  isValidTimeZone,
} from '../../../common/time';

const SH = 'Asia/Shanghai';

describe('time', () => {
  it('reads Shanghai wall-clock fields and the +8 h offset', () => {
    const ms = Date.parse('2026-11-22T16:30:00Z'); // 00:30 on Monday 23 Nov in Shanghai
    expect(zonedParts(ms, SH)).toMatchObject({ year: 2026, month: 11, day: 23, hour: 0, minute: 30, isoWeekday: 1 });
    expect(zoneOffsetMs(ms, SH)).toBe(8 * 3_600_000);
    expect(localDateOf(ms, SH)).toBe('2026-11-23');
    expect(localDateOf(ms, 'UTC')).toBe('2026-11-22');
  });

  it('maps local day ranges to UTC', () => {
    const [start, end] = localDayRange('2026-11-23', SH);
    expect(new Date(start).toISOString()).toBe('2026-11-22T16:00:00.000Z');
    expect(new Date(end).toISOString()).toBe('2026-11-23T16:00:00.000Z');
    expect(new Date(zonedTimeToUtc('2026-11-23', 10, 0, SH)).toISOString()).toBe('2026-11-23T02:00:00.000Z');
  });

  it('handles a DST zone (23 h day) as well', () => {
    const [start, end] = localDayRange('2026-03-08', 'America/New_York');
    expect((end - start) / 3_600_000).toBe(23);
  });

  it('adds days across month and year ends and counts days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetween('2026-11-01', '2026-11-30')).toBe(29);
  });

  it('rejects malformed dates and clocks with clear errors', () => {
    expect(() => parseLocalDate('2026-02-30')).toThrow(/no such date/);
    expect(() => parseLocalDate('23/11/2026')).toThrow(/YYYY-MM-DD/);
    expect(() => parseClock('25:00')).toThrow(/HH:MM/);
    expect(parseClock('24:00')).toBe(1440);
    expect(parseClock('09:05')).toBe(545);
  });

  it('floors to the hour and validates zones', () => {
    expect(hourStart(Date.parse('2026-11-23T01:59:59.999Z'))).toBe(Date.parse('2026-11-23T01:00:00Z'));
    expect(isValidTimeZone(SH)).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
