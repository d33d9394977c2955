import { z } from 'zod';
import { UploadSettingsSchema } from './settings';
import { CorrectedShareSchema, SmileCorrectionSchema } from './smileShare';
import { CameraStateSchema } from './uploadProtocol';
import { TakeawayStatusSchema } from './postcardContract';

/**
 * Request and response schemas of the operator console's channels: dashboard, CSV
 * export, health, upload settings and "upload now". common/contract.ts wires them to channels.
 */

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a YYYY-MM-DD date');
export const DateRangeSchema = z.object({ from: LocalDate, to: LocalDate }).strict();

const PeriodSchema = z.object({ from: z.string(), to: z.string(), days: z.number().int(), startMs: z.number(), endMs: z.number() });
const SummarySchema = z.object({
  footfallIn: z.number(),
  footfallOut: z.number(),
  entrySmiling: z.number(),
  exitSmiling: z.number(),
  entrySmileRatio: z.number().nullable(),
  exitSmileRatio: z.number().nullable(),
  lift: z.number().nullable(),
  /** Raw share, share corrected for the classifier's known error, its 95 % interval and n (common/smileShare.ts). */
  entryShare: CorrectedShareSchema,
  exitShare: CorrectedShareSchema,
  correctedLift: z.number().nullable(),
  usage: z.record(z.string(), z.number()),
});
const ChangeSchema = z.object({
  current: z.number().nullable(),
  previous: z.number().nullable(),
  delta: z.number().nullable(),
  percent: z.number().nullable(),
});
const PointSchema = z.object({
  start: z.number(),
  label: z.string(),
  entryVisitors: z.number(),
  entrySmiling: z.number(),
  exitVisitors: z.number(),
  exitSmiling: z.number(),
});

export const DashboardSchema = z.object({
  timeZone: z.string(),
  period: PeriodSchema,
  previousPeriod: PeriodSchema,
  current: SummarySchema,
  previous: SummarySchema,
  change: z.object({
    footfallIn: ChangeSchema,
    footfallOut: ChangeSchema,
    entrySmileRatio: ChangeSchema,
    exitSmileRatio: ChangeSchema,
    lift: ChangeSchema,
    entryCorrectedShare: ChangeSchema,
    exitCorrectedShare: ChangeSchema,
    correctedLift: ChangeSchema,
    usage: z.record(z.string(), ChangeSchema),
  }),
  series: z.object({ granularity: z.enum(['hour', 'day']), points: z.array(PointSchema) }),
  heatmap: z.array(z.array(z.number()).length(24)).length(7),
  /** The smile model and measured error the shares were corrected with; null: not corrected (threshold not the model's). */
  smileModel: SmileCorrectionSchema.nullable(),
});

export const ExportCsvRequestSchema = DateRangeSchema.extend({ folder: z.string().min(1).max(1000) }).strict();
export const ExportCsvResponseSchema = z.object({ path: z.string(), rows: z.number().int(), bytes: z.number().int() });

export const HealthSchema = z.object({
  appVersion: z.string(),
  stationId: z.string(),
  kioskId: z.string(),
  uptimeSeconds: z.number(),
  restarts: z.number().int(),
  lastCrashReason: z.string().nullable(),
  cameras: z.array(CameraStateSchema),
  inferenceBackend: z.string().nullable(),
  contentPack: z.object({ id: z.string(), version: z.string() }).nullable(),
  freeDiskBytes: z.number().nullable(),
  uploadBacklog: z.number().int(),
  lastSuccessfulUpload: z.number().nullable(),
  lastUploadError: z.string().nullable(),
  lastUploadErrorAt: z.number().nullable(),
  lastHeartbeatAt: z.number().nullable(),
  postcardTakeaway: TakeawayStatusSchema.nullable(),
});

/** What the renderer sees of the upload settings: the token only as "set or not", never its value. */
export const UploadSettingsViewSchema = UploadSettingsSchema.extend({ tokenSet: z.boolean(), tokenProtection: z.string() });

/** `token`: a new token (write-only); `clearToken`: forget it. Omitted fields stay as they are. */
export const UploadSettingsUpdateSchema = UploadSettingsSchema.partial()
  .extend({
    token: z
      .string()
      .regex(/^[\x21-\x7e]{8,500}$/, '8-500 visible ASCII characters')
      .optional(),
    clearToken: z.literal(true).optional(),
  })
  .strict()
  .refine((u) => !(u.token && u.clearToken), 'either a new token or clearToken, not both');

export const UploadResultSchema = z.object({
  ok: z.boolean(),
  skipped: z.enum(['disabled', 'no-url', 'no-token']).nullable(),
  batches: z.number().int(),
  sentBuckets: z.number().int(),
  acknowledgedBuckets: z.number().int(),
  heartbeatSent: z.boolean(),
  backlog: z.number().int(),
  error: z.string().nullable(),
  httpStatus: z.number().int().nullable(),
  nextAttemptInMs: z.number(),
  finishedAt: z.number(),
});
