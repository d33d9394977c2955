import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCount,
  formatPercentChange,
  formatPoints,
  formatRatio,
  NO_VALUE,
  splitDuration,
  trendOf,
} from '../../../../../src/views/operator/dashboard/format';
import { countChange, pointsChange } from '../../../../../src/views/operator/dashboard/changeText';

describe('dashboard number formatting', () => {
  it('counts with grouping in both languages', () => {
    expect(formatCount(1234567, 'en')).toBe('1,234,567');
    expect(formatCount(1234567, 'zh-CN')).toBe('1,234,567');
    expect(formatCount(0, 'en')).toBe('0');
  });

  it('ratios as percent with at most one decimal; no visitors is a dash', () => {
    expect(formatRatio(0.25, 'en')).toBe('25%');
    expect(formatRatio(1 / 3, 'zh-CN')).toBe('33.3%');
    expect(formatRatio(1, 'en')).toBe('100%');
    expect(formatRatio(null, 'en')).toBe(NO_VALUE);
  });

  it('the lift in signed percentage points', () => {
    expect(formatPoints(0.25, 'en')).toBe('+25');
    expect(formatPoints(-0.0333, 'en')).toBe('-3.3');
    expect(formatPoints(0, 'en')).toBe('0');
    // 0.1 + 0.2 - 0.3 style float noise does not show.
    expect(formatPoints(0.5 - 0.25 + 1e-12, 'zh-CN')).toBe('+25');
    expect(formatPoints(null, 'en')).toBe(NO_VALUE);
  });

  it('changes against the previous period as +x% / -y%', () => {
    expect(formatPercentChange(12.34, 'en')).toBe('+12.3%');
    expect(formatPercentChange(-8, 'en')).toBe('-8%');
    expect(formatPercentChange(0, 'en')).toBe('0%');
    expect(formatPercentChange(150, 'zh-CN')).toBe('+150%');
    expect(formatPercentChange(null, 'en')).toBe(NO_VALUE);
    expect([trendOf(3), trendOf(-1), trendOf(0), trendOf(null)]).toEqual(['up', 'down', 'flat', 'none']);
  });

  it('describes a count change and a ratio change, or says there is nothing to compare', () => {
    const t = (key: string, p?: Record<string, unknown>) => `${key}${p ? JSON.stringify(p) : ''}`;
    expect(countChange({ current: 12, previous: 10, delta: 2, percent: 20 }, 'en', t)).toEqual({
      text: '+20% dashboard.vsPrevious',
      trend: 'up',
    });
    expect(countChange({ current: 5, previous: 0, delta: 5, percent: null }, 'en', t)).toEqual({
      text: 'dashboard.noComparison',
      trend: 'none',
    });
    expect(pointsChange({ current: 0.4, previous: 0.5, delta: -0.1, percent: -20 }, 'en', t)).toEqual({
      text: 'dashboard.points{"value":"-10"} dashboard.vsPrevious',
      trend: 'down',
    });
    expect(pointsChange({ current: 0.4, previous: null, delta: null, percent: null }, 'en', t).trend).toBe('none');
  });

  it('bytes in binary units and durations in days, hours and minutes', () => {
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(83 * 1024 ** 3, 'en')).toBe('83 GB');
    expect(formatBytes(null, 'en')).toBe(NO_VALUE);
    expect(splitDuration(0)).toEqual({ d: 0, h: 0, m: 0 });
    expect(splitDuration(2 * 86400 + 3 * 3600 + 4 * 60 + 59)).toEqual({ d: 2, h: 3, m: 4 });
  });
});
