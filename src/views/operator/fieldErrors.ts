import type { KioskErrorData } from '../../../common/contract';

/**
 * Turns a BAD_REQUEST's issues (JSON paths such as `openingHours.mon.close`) into one message per
 * field of the settings form: `openingHours.<day>` for the hours rows, else the top-level field.
 */
export function fieldErrorsOf(
  issues: KioskErrorData['issues'],
  translate: (field: string, message: string) => string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues ?? []) {
    const parts = issue.path.split('.');
    const field =
      parts[0] === 'openingHours' && parts[1] ? `openingHours.${parts[1].replace(/\[.*$/, '')}` : (parts[0] ?? '').replace(/\[.*$/, '');
    out[field] ??= translate(field, issue.message);
  }
  return out;
}
