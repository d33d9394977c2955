import { z } from 'zod';
import { correctShare, ShareIntervalSchema, SmileCorrectionSchema, type SmileCorrection } from './smileShare';
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
  /** smiling / visitors as counted (0..1); null without visitors (the screen shows a dash, never 0 %). */
  share: z.number().min(0).max(1).nullable(),
  /**
   * The share corrected for the classifier's known error (common/smileShare.ts, Rogan–Gladen): what the big screen
   * shows. Null without visitors, or when the summary's `correction` is null.
   */
  correctedShare: z.number().min(0).max(1).nullable(),
  /** 95 % interval of the corrected share: today's figures only (null for hours and days, and when not corrected). */
  interval: ShareIntervalSchema.nullable(),
});
export type SmileFigures = z.infer<typeof SmileFiguresSchema>;

const RolesSchema = {
  entry: SmileFiguresSchema,
  exit: SmileFiguresSchema,
  /** (exit share - entry share) x 100 of the shares shown (corrected when possible): percentage points; null unless both are known. */
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
  /**
   * The smile model and its measured error the shares were corrected with; null when the meter's threshold setting
   * is not the one the model's error was measured at (the shares are then the raw ones).
   */
  correction: SmileCorrectionSchema.nullable(),
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

/**
 * One role's figures: the raw share and, with a correction, the corrected share (and its interval when `interval`,
 * which costs 2,000 Monte Carlo draws).
 */
export function smileFiguresOf(visitors: number, smiling: number, correction: SmileCorrection | null, interval: boolean): SmileFigures {
  // A smiling count above the visitors (only possible from a hand-made record) is capped: a share is never above 100 %.
  const s = Math.min(smiling, visitors);
  const share = shareOf(s, visitors);
  if (!correction || share == null) return { visitors, smiling: s, share, correctedShare: null, interval: null };
  const c = correctShare(s, visitors, correction, interval ? {} : { draws: 0 });
  return { visitors, smiling: s, share, correctedShare: c.correctedShare, interval: c.interval };
}

/** The share a screen shows: corrected when it could be, else as counted. */
export function shownShare(f: SmileFigures): number | null {
  return f.correctedShare ?? f.share;
}

/** Exit share minus entry share in percentage points, or null when either is unknown. */
export function liftPointsOf(entry: number | null, exit: number | null): number | null {
  return entry != null && exit != null ? (exit - entry) * 100 : null;
}
