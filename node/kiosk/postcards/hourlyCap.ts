import { KioskError } from '../../../common/contract';
import { HOURLY_LIMIT_REASON } from '../../../common/postcardContract';
import { HOUR_MS, hourStart } from '../../../common/time';

export interface HourlyCap {
  /** Throws KioskError CONFLICT (`reason` hourly_limit, `retryAfterMs` to the next hour) when this hour's limit is used up. */
  check(): void;
  /** Counts one, after the thing it limits succeeded. */
  record(): void;
  view(): { used: number; limit: number; resetsAt: number };
}

/**
 * A count per clock hour against a limit read live from the settings. `seed` gives the count an hour already has
 * when this process first sees it (from the usage counter), so a restart in the middle of an hour does not start
 * the hour again at zero.
 */
export function createHourlyCap(opts: {
  what: string;
  limit: () => number;
  now: () => number;
  seed?: (hourStart: number) => number;
}): HourlyCap {
  let hour = Number.NaN;
  let used = 0;
  const current = (): number => {
    const h = hourStart(opts.now());
    if (h !== hour) {
      hour = h;
      used = opts.seed?.(h) ?? 0;
    }
    return used;
  };
  return {
    check() {
      const limit = opts.limit();
      if (current() < limit) return;
      const resetsAt = hour + HOUR_MS;
      throw new KioskError({
        code: 'CONFLICT',
        reason: HOURLY_LIMIT_REASON,
        message: `this kiosk has made its ${limit} ${opts.what} for this hour; more from ${new Date(resetsAt).toISOString()}`,
        retryAfterMs: resetsAt - opts.now(),
      });
    },
    record() {
      current();
      used += 1;
    },
    view() {
      return { used: current(), limit: opts.limit(), resetsAt: hour + HOUR_MS };
    },
  };
}
