import { formatPercentChange, formatPoints, trendOf } from './format';

export interface Change {
  current: number | null;
  previous: number | null;
  delta: number | null;
  percent: number | null;
}
type Translate = (key: string, params?: Record<string, unknown>) => string;

/** "+12.5% vs. previous period" for a count; without a previous count to compare, says so. */
export function countChange(c: Change, locale: string, t: Translate): { text: string; trend: ReturnType<typeof trendOf> } {
  if (c.percent == null) return { text: t('dashboard.noComparison'), trend: 'none' };
  return { text: `${formatPercentChange(c.percent, locale)} ${t('dashboard.vsPrevious')}`, trend: trendOf(c.delta) };
}

/** "+4.2 pts vs. previous period" for a ratio or the lift (a change of percentages is in points). */
export function pointsChange(c: Change, locale: string, t: Translate): { text: string; trend: ReturnType<typeof trendOf> } {
  if (c.delta == null) return { text: t('dashboard.noComparison'), trend: 'none' };
  return {
    text: `${t('dashboard.points', { value: formatPoints(c.delta, locale) })} ${t('dashboard.vsPrevious')}`,
    trend: trendOf(c.delta),
  };
}
