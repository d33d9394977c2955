import type { StationDashboard } from '../../common/consoleApi';
import { formatPercentChange, formatPoints } from './format';

type Change = StationDashboard['change']['footfallIn'];
type Translate = (key: string, params?: Record<string, unknown>) => string;
export type Trend = 'up' | 'down' | 'flat' | 'none';
const trendOf = (delta: number | null): Trend => (delta == null ? 'none' : delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat');

/** "+12.5% vs. previous period" for a count (as the kiosk's dashboard words it). */
export function countChange(c: Change, locale: string, t: Translate): { change: string; trend: Trend } {
  if (c.percent == null) return { change: t('common.noComparison'), trend: 'none' };
  return { change: `${formatPercentChange(c.percent, locale)} ${t('common.vsPrevious')}`, trend: trendOf(c.delta) };
}

/** "+4.2 pts vs. previous period" for a share or the lift. */
export function pointsChange(c: Change, locale: string, t: Translate): { change: string; trend: Trend } {
  if (c.delta == null) return { change: t('common.noComparison'), trend: 'none' };
  return { change: `${t('common.points', { value: formatPoints(c.delta, locale) })} ${t('common.vsPrevious')}`, trend: trendOf(c.delta) };
}
