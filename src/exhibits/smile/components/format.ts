/**
 * Figures of the big screen in the visitor's language (Intl.NumberFormat:
 * https://developer.mozilla.org/docs/Web/JavaScript/Reference/Global_Objects/Intl/NumberFormat).
 * A share without visitors is a dash, never "0 %".
 */
export const NO_VALUE = '—';

/** 0.867 -> "86.7%" (one decimal at most); null -> dash. */
export function formatShare(share: number | null, locale: string): string {
  return share == null ? NO_VALUE : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/** Percentage points, signed: 65.7 -> "+65.7", -3 -> "-3", 0 -> "0"; null -> dash. */
export function formatPoints(points: number | null, locale: string): string {
  if (points == null) return NO_VALUE;
  return new Intl.NumberFormat(locale, { signDisplay: 'exceptZero', maximumFractionDigits: 1 }).format(Math.round(points * 10) / 10);
}

/** A whole count: 12345 -> "12,345"; a rolling value in between is rounded. */
export function formatCount(n: number | null, locale: string): string {
  return n == null ? NO_VALUE : new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.round(n));
}
