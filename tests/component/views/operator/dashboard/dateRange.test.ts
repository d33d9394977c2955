import { describe, expect, it } from 'vitest';
import { checkRange, presetRange, todayIn } from '../../../../../src/views/operator/dashboard/dateRange';

describe('dashboard date ranges', () => {
  it("today is the station's local date, not UTC's", () => {
    // 17:30 UTC on 18 March is 01:30 on 19 March in Shanghai.
    expect(todayIn('Asia/Shanghai', Date.UTC(2026, 2, 18, 17, 30))).toBe('2026-03-19');
    expect(todayIn('UTC', Date.UTC(2026, 2, 18, 17, 30))).toBe('2026-03-18');
  });

  it('presets end today and span 1, 7 and 30 days across month ends', () => {
    expect(presetRange('today', '2026-03-02')).toEqual({ from: '2026-03-02', to: '2026-03-02' });
    expect(presetRange('last7', '2026-03-02')).toEqual({ from: '2026-02-24', to: '2026-03-02' });
    // Two days of March and all 28 of February 2026.
    expect(presetRange('last30', '2026-03-02')).toEqual({ from: '2026-02-01', to: '2026-03-02' });
  });

  it('a custom range must be two real dates in order', () => {
    expect(checkRange({ from: '2026-03-01', to: '2026-03-01' })).toBe('ok');
    expect(checkRange({ from: '2026-03-02', to: '2026-03-01' })).toBe('endBeforeStart');
    expect(checkRange({ from: '2026-02-30', to: '2026-03-01' })).toBe('invalidDate');
    expect(checkRange({ from: '', to: '2026-03-01' })).toBe('invalidDate');
  });
});
