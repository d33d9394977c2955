import { z } from 'zod';
import { SmileCameraStateSchema } from './smileStatus';

/**
 * What the smile meter's big screen shows: today's counts at the entry and exit cameras,
 * the share of smiling visitors at each, the lift between them, today hour by hour and the last seven
 * days, all in the kiosk's time zone, read from the hourly usage buckets (so they survive a restart).
 * Counts only: no image, no face, no time finer than an hour. Answer of the public `getSmileSummary`.
 */

export const SmileFiguresSchema = z.strictObject({
  visitors: z.number().int().min(0),
  smiling: z.number().int().min(0),
  /** smiling / visitors (0..1); null without visitors (the screen shows a dash, never 0 %). */
  share: z.number().min(0).max(1).nullable(),
});
export type SmileFigures = z.infer<typeof SmileFiguresSchema>;

const RolesSchema = {
  entry: SmileFiguresSchema,
  exit: SmileFiguresSchema,
  /** (exit share - entry share) x 100: percentage points; null unless both shares are known. */
  liftPoints: z.number().min(-100).max(100).nullable(),
};

export const SmileHourSchema = z.strictObject({
  /** UTC ms of the hour's start. */
  start: z.number(),
  /** Local hour of the day, 0-23. */
  hour: z.number().int().min(0).max(23),
  ...RolesSchema,
});
export type SmileHour = z.infer<typeof SmileHourSchema>;

export const SmileDaySchema = z.strictObject({
  /** Local date, YYYY-MM-DD. */
  date: z.string(),
  ...RolesSchema,
});
export type SmileDay = z.infer<typeof SmileDaySchema>;

export const SMILE_SUMMARY_DAYS = 7;

export const SmileSummarySchema = z.strictObject({
  /** The operator's on/off switch (exhibit config `smile`): off, the screen says so instead of showing zeros. */
  enabled: z.boolean(),
  /** Which camera roles are switched on (a role switched off shows no figure). */
  cameras: z.strictObject({ entry: z.boolean(), exit: z.boolean() }),
  /**
   * What the kiosk screen running the cameras last reported (common/smileStatus.ts), reduced to what a
   * visitor may read: each role's state (null: not reported) and `stale` (no report for a while although
   * the meter should run). The big screen says so instead of showing figures that silently stopped.
   */
  health: z.strictObject({
    stale: z.boolean(),
    entry: SmileCameraStateSchema.nullable(),
    exit: SmileCameraStateSchema.nullable(),
  }),
  timeZone: z.string(),
  /** The local date "today" refers to, and the services' clock when the answer was made. */
  date: z.string(),
  now: z.number(),
  today: z.strictObject(RolesSchema),
  /** Every local hour of today, in order (24 in Shanghai). */
  hourly: z.array(SmileHourSchema).max(25),
  /** The last seven local days, the oldest first, today last. */
  days: z.array(SmileDaySchema).length(SMILE_SUMMARY_DAYS),
});
export type SmileSummary = z.infer<typeof SmileSummarySchema>;

/** smiling / visitors, or null without visitors. */
export function shareOf(smiling: number, visitors: number): number | null {
  return visitors > 0 ? Math.min(1, smiling / visitors) : null;
}

/** Exit share minus entry share in percentage points, or null when either is unknown. */
export function liftPointsOf(entry: number | null, exit: number | null): number | null {
  return entry != null && exit != null ? (exit - entry) * 100 : null;
}
