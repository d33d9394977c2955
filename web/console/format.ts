import type { CorrectedShare } from '../../common/smileShare';

/**
 * Numbers in the page's language (Intl.NumberFormat). The kiosk's dashboard formats the same way
 * (src/views/operator/dashboard/format.ts); a missing value is a dash.
 */
export const NO_VALUE = '—';
export const formatCount = (n: number | null, locale: string): string =>
  n == null ? NO_VALUE : new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(n);
export const formatShare = (r: number | null, locale: string): string =>
  r == null ? NO_VALUE : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(r);
/** A difference of two shares in percentage points, signed: 0.125 -> "+12.5". */
export const formatPoints = (diff: number | null, locale: string): string =>
  diff == null
    ? NO_VALUE
    : new Intl.NumberFormat(locale, { signDisplay: 'exceptZero', maximumFractionDigits: 1 }).format(Math.round(diff * 1000) / 10);
export const formatPercentChange = (percent: number | null, locale: string): string =>
  percent == null
    ? NO_VALUE
    : new Intl.NumberFormat(locale, { style: 'percent', signDisplay: 'exceptZero', maximumFractionDigits: 1 }).format(percent / 100);

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;
export function formatBytes(bytes: number | null, locale: string): string {
  if (bytes == null) return NO_VALUE;
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u += 1;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: u === 0 ? 0 : 1 }).format(v)} ${UNITS[u]}`;
}

/** A duration as its two largest units ("2 d 3 h", "5 h 12 min"), in the page's words. */
export function formatDuration(seconds: number, t: (key: string, p: Record<string, unknown>) => string): string {
  const total = Math.floor(Math.max(0, seconds) / 60);
  if (total === 0) return t('duration.lessThanMinute', {});
  const parts: [string, number][] = [
    ['d', Math.floor(total / 1440)],
    ['h', Math.floor((total % 1440) / 60)],
    ['m', total % 60],
  ];
  const first = parts.findIndex(([, n]) => n > 0);
  return parts
    .slice(first, first + 2)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => t(`duration.${k}`, { n }))
    .join(' ');
}

/**
 * The share a page shows: the corrected share when the server had the classifier's error and there were at least
 * `minVisitors` visitors (as the kiosk's big screen), the counted share when there is no correction, else null.
 */
export function shownShare(s: CorrectedShare, corrected: boolean, minVisitors: number): { value: number | null; tooFew: boolean } {
  if (!corrected) return { value: s.rawShare, tooFew: false };
  if (s.n < minVisitors) return { value: null, tooFew: true };
  return { value: s.correctedShare, tooFew: false };
}

/** Today in the browser's time zone as YYYY-MM-DD. */
export function todayLocal(now = new Date()): string {
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

/** A moment (ISO string) as a short date and time in the page's language and the browser's time zone. */
export const formatDateTime = (iso: string, locale: string): string =>
  new Date(iso).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' });
