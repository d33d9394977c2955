import { describe, expect, it } from 'vitest';
import { zonedParts } from '../../../../../common/time';
import { createLocalHourResolver } from '../../../../../node/kiosk/dashboard/localHours';

describe('local hour resolver', () => {
  it('agrees with Intl for every hour of a year in Shanghai and across DST changes in Berlin', () => {
    for (const tz of ['Asia/Shanghai', 'Europe/Berlin', 'America/St_Johns']) {
      const local = createLocalHourResolver(tz);
      for (let h = Date.UTC(2026, 0, 1); h < Date.UTC(2027, 0, 1); h += 3_600_000) {
        const p = zonedParts(h, tz);
        const want = {
          date: `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`,
          hour: p.hour,
          weekday: p.isoWeekday,
        };
        const got = local(h);
        if (got.date !== want.date || got.hour !== want.hour || got.weekday !== want.weekday)
          expect({ tz, h, got }).toEqual({ tz, h, got: want });
      }
    }
  });

  it('maps the Shanghai day boundary', () => {
    const local = createLocalHourResolver('Asia/Shanghai');
    expect(local(Date.parse('2026-03-01T15:00:00Z'))).toEqual({ date: '2026-03-01', hour: 23, weekday: 7 });
    expect(local(Date.parse('2026-03-01T16:00:00Z'))).toEqual({ date: '2026-03-02', hour: 0, weekday: 1 });
  });
});
