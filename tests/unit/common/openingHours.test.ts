import { describe, expect, it } from 'vitest';
import { DEFAULT_OPENING_HOURS, OpeningHoursSchema, msUntilChange, openState, type OpeningHours } from '../../../common/openingHours';

const SH = 'Asia/Shanghai';
const at = (iso: string): number => Date.parse(iso);

describe('openState', () => {
  it('is open 10:00-20:00 Shanghai time by default', () => {
    expect(openState(DEFAULT_OPENING_HOURS, at('2026-11-23T09:59:59+08:00'), SH).open).toBe(false);
    expect(openState(DEFAULT_OPENING_HOURS, at('2026-11-23T10:00:00+08:00'), SH).open).toBe(true);
    expect(openState(DEFAULT_OPENING_HOURS, at('2026-11-23T19:59:59+08:00'), SH).open).toBe(true);
    expect(openState(DEFAULT_OPENING_HOURS, at('2026-11-23T20:00:00+08:00'), SH).open).toBe(false);
  });

  it('says when the state changes next', () => {
    const before = openState(DEFAULT_OPENING_HOURS, at('2026-11-23T08:00:00+08:00'), SH);
    expect(before.changesAt).toBe(at('2026-11-23T10:00:00+08:00'));
    const during = openState(DEFAULT_OPENING_HOURS, at('2026-11-23T12:00:00+08:00'), SH);
    expect(during.changesAt).toBe(at('2026-11-23T20:00:00+08:00'));
    const after = openState(DEFAULT_OPENING_HOURS, at('2026-11-23T22:00:00+08:00'), SH);
    expect(after.changesAt).toBe(at('2026-11-24T10:00:00+08:00'));
    expect(msUntilChange(after, at('2026-11-23T22:00:00+08:00'))).toBe(12 * 3_600_000);
  });

  it('skips closed days (Monday closed) to the next opening', () => {
    const hours: OpeningHours = { ...DEFAULT_OPENING_HOURS, mon: null };
    // Sunday 2026-11-22 21:00 -> next opening Tuesday 10:00
    const s = openState(hours, at('2026-11-22T21:00:00+08:00'), SH);
    expect(s.open).toBe(false);
    expect(s.changesAt).toBe(at('2026-11-24T10:00:00+08:00'));
    expect(openState(hours, at('2026-11-23T12:00:00+08:00'), SH).open).toBe(false);
  });

  it('never opens when every day is closed', () => {
    const closed = Object.fromEntries(Object.keys(DEFAULT_OPENING_HOURS).map((k) => [k, null])) as OpeningHours;
    const s = openState(closed, at('2026-11-23T12:00:00+08:00'), SH);
    expect(s).toMatchObject({ open: false, changesAt: null });
  });

  it('supports closing at midnight', () => {
    const late: OpeningHours = { ...DEFAULT_OPENING_HOURS, mon: { open: '18:00', close: '24:00' } };
    expect(openState(late, at('2026-11-23T23:59:00+08:00'), SH).open).toBe(true);
    expect(openState(late, at('2026-11-23T23:59:00+08:00'), SH).changesAt).toBe(at('2026-11-24T00:00:00+08:00'));
  });

  it('rejects closing before opening', () => {
    const r = OpeningHoursSchema.safeParse({ ...DEFAULT_OPENING_HOURS, tue: { open: '20:00', close: '10:00' } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['tue', 'close']);
  });
});
