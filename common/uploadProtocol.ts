import { z } from 'zod';

/**
 * The wire format between a kiosk and a count receiver, shared by the uploader and the
 * reference receiver so that neither can drift from the other. The same protocol is written down
 * for other implementers in resources/api/upload-openapi.yaml.
 *
 * Only hourly buckets and a heartbeat ever leave the kiosk: no per-visitor rows, no images, no logs.
 */

export const PROTOCOL_VERSION = 1;
/** The most buckets one POST /v1/buckets may carry. */
export const MAX_BUCKETS_PER_BATCH = 1000;

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes, 2-63 characters');
/** A metric name as the kiosk records it; the receiver does not need to know the kiosk's list. */
const Metric = z.string().regex(/^[a-z][a-z0-9_.]{0,79}$/, 'a dotted lower-case metric name');
/** The UTC hour a bucket starts at, e.g. `2026-11-23T04:00:00Z`. */
export const HourSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:00:00(\.000)?Z$/, 'an ISO 8601 UTC hour like 2026-11-23T04:00:00Z');

export const WireBucketSchema = z
  .object({
    kioskId: Id,
    metric: Metric,
    hour: HourSchema,
    value: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    /** Grows by one each time the kiosk changes the bucket; the receiver keeps the highest. */
    revision: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  })
  .strict();
export type WireBucket = z.infer<typeof WireBucketSchema>;

export const BucketBatchSchema = z
  .object({
    protocol: z.literal(PROTOCOL_VERSION),
    stationId: Id,
    buckets: z.array(WireBucketSchema).min(1).max(MAX_BUCKETS_PER_BATCH),
  })
  .strict();
export type BucketBatch = z.infer<typeof BucketBatchSchema>;

/** The receiver's answer: for each bucket, the revision it now holds (never lower than what it had). */
export const BucketAckSchema = z.object({
  accepted: z.array(
    z.object({ kioskId: z.string(), metric: z.string(), hour: z.string(), revision: z.number().int().min(0) }).passthrough(),
  ),
});
export type BucketAck = z.infer<typeof BucketAckSchema>;

export const CameraStateSchema = z.object({
  id: z.string().max(80),
  state: z.enum(['ok', 'missing', 'error', 'disabled', 'unknown']),
  detail: z.string().max(300).nullable(),
});

export const HeartbeatSchema = z
  .object({
    protocol: z.literal(PROTOCOL_VERSION),
    stationId: Id,
    kioskId: Id,
    /** The kiosk's wall clock when it sent this (the receiver can spot a skewed clock). */
    sentAt: z.string().datetime(),
    appVersion: z.string().max(40),
    uptimeSeconds: z.number().min(0),
    restarts: z.number().int().min(0),
    lastCrashReason: z.string().max(500).nullable(),
    cameras: z.array(CameraStateSchema).max(16),
    inferenceBackend: z.string().max(80).nullable(),
    contentPack: z.object({ id: z.string().max(120), version: z.string().max(40) }).nullable(),
    freeDiskBytes: z.number().min(0).nullable(),
    uploadBacklog: z.number().int().min(0),
    lastSuccessfulUpload: z.string().datetime().nullable(),
    /**
     * The smile model the kiosk counts with and its measured error, so that a server can correct the uploaded raw
     * smiling counts the way the kiosk's screens do (Rogan–Gladen, common/smileShare.ts). Optional: kiosks from
     * before it still validate. `positives`/`negatives`: the faces Se and Sp were measured on (their uncertainty).
     */
    smileModel: z
      .object({
        version: z.number().int().min(1),
        sensitivity: z.number().min(0).max(1),
        specificity: z.number().min(0).max(1),
        positives: z.number().int().min(1).optional(),
        negatives: z.number().int().min(1).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type Heartbeat = z.infer<typeof HeartbeatSchema>;

export const HeartbeatAckSchema = z.object({ received: z.literal(true) });

/** Unix ms at the start of a UTC hour -> the wire's `hour`. */
export function hourToWire(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** The wire's `hour` -> Unix ms. */
export function hourFromWire(hour: string): number {
  return Date.parse(hour);
}
