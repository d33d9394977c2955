/**
 * Number formatting of the operator dashboard, in the screen's language (Intl.NumberFormat:
 * https://developer.mozilla.org/docs/Web/JavaScript/Reference/Global_Objects/Intl/NumberFormat).
 * Missing values (a ratio without visitors, a change against an empty period) show as a dash.
 */
export const NO_VALUE = '—';

/** 12345 -> "12,345". */
export function formatCount(n: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(n);
}

/** A ratio 0..1 -> "62.5%"; null -> dash. */
export function formatRatio(r: number | null, locale: string): string {
  return r == null ? NO_VALUE : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(r);
}

/** A difference of two ratios in percentage points, signed: 0.125 -> "+12.5"; null -> dash. */
export function formatPoints(diff: number | null, locale: string): string {
  if (diff == null) return NO_VALUE;
  return new Intl.NumberFormat(locale, { signDisplay: 'exceptZero', maximumFractionDigits: 1 }).format(Math.round(diff * 1000) / 10);
}

/** A relative change in percent, signed: 12.34 -> "+12.3%", -8 -> "-8%", 0 -> "0%"; null -> dash. */
export function formatPercentChange(percent: number | null, locale: string): string {
  if (percent == null) return NO_VALUE;
  return new Intl.NumberFormat(locale, { style: 'percent', signDisplay: 'exceptZero', maximumFractionDigits: 1 }).format(percent / 100);
}

/** Whether a change is up, down, flat or unknown (for its colour and arrow). */
export function trendOf(delta: number | null): 'up' | 'down' | 'flat' | 'none' {
  if (delta == null) return 'none';
  return delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat';
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** Bytes in binary units: 1536 -> "1.5 KB"; null -> dash. */
export function formatBytes(bytes: number | null, locale: string): string {
  if (bytes == null) return NO_VALUE;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${UNITS[unit]}`;
}

/** Seconds as whole days, hours and minutes (the message puts the units around them). */
export function splitDuration(seconds: number): { d: number; h: number; m: number } {
  const total = Math.max(0, Math.floor(seconds / 60));
  return { d: Math.floor(total / 1440), h: Math.floor((total % 1440) / 60), m: total % 60 };
}
