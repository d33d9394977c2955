import { z } from 'zod';

/**
 * The console's content-pack rollout API (node/server/console/rolloutApi.ts), district accounts only: the requests
 * the console sends and the answers it parses. The server builds its answers with these types, so the two sides
 * cannot drift apart.
 */

export const ROLLOUT_TARGET_STATUSES = ['waiting', 'offered', 'installed', 'failed', 'refused', 'superseded'] as const;
export const RolloutTargetStatusSchema = z.enum(ROLLOUT_TARGET_STATUSES);
export type RolloutTargetStatus = z.infer<typeof RolloutTargetStatusSchema>;
export const RolloutStateSchema = z.enum(['running', 'stopped', 'done']);

/** A pack as the server keeps it: named by the SHA-256 of its zip. */
export const StoredPackSchema = z.object({
  sha256: z.string(),
  packId: z.string(),
  version: z.string(),
  size: z.number().int(),
  title: z.string(),
});
export type StoredPack = z.infer<typeof StoredPackSchema>;
export const PackUploadSchema = z.object({ pack: StoredPackSchema });
export const PackListSchema = z.object({ packs: z.array(StoredPackSchema.extend({ uploadedAt: z.string() })) });
export type PackList = z.infer<typeof PackListSchema>;

/** One problem the kiosk's pack validator found (node/kiosk/packs/packProblem.ts has the same shape). */
export const PackProblemSchema = z.object({ file: z.string(), path: z.string(), message: z.string() });
/** The refusals' bodies: 422 lists the validator's problems, 413 the limit, 400 the request's issues. */
export const ApiRefusalSchema = z.object({
  error: z.string(),
  problems: z.array(PackProblemSchema).optional(),
  maxBytes: z.number().optional(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ApiRefusal = z.infer<typeof ApiRefusalSchema>;

const PackRef = z.string().min(1).max(200);
/** `pack`: its SHA-256 or `<id>@<version>`; `waveSize` null: every kiosk in one wave. */
export const StartRolloutRequestSchema = z
  .object({
    pack: PackRef,
    stations: z.array(z.string().max(63)).max(500).default([]),
    kiosks: z.array(z.string().max(63)).max(5000).default([]),
    waveSize: z.number().int().min(1).nullable().default(null),
    advanceShare: z.number().gt(0).max(1).default(0.8),
    stopFailedShare: z.number().gt(0).max(1).default(0.2),
    expiresInDays: z.number().int().min(1).max(365).default(30),
  })
  .strict();
export type StartRolloutRequest = z.input<typeof StartRolloutRequestSchema>;
/** `to` null: the pack the newest earlier rollout installed on the kiosks. */
export const RollbackRequestSchema = z.object({ to: PackRef.nullable().default(null) }).strict();

export const RolloutTargetSchema = z.object({
  kioskId: z.string(),
  stationId: z.string(),
  wave: z.number().int(),
  status: RolloutTargetStatusSchema,
  code: z.string().nullable(),
  reason: z.string().nullable(),
  updatedAt: z.string(),
});
export type RolloutTarget = z.infer<typeof RolloutTargetSchema>;

export const RolloutStatusSchema = z.object({
  id: z.number().int(),
  sha256: z.string(),
  packId: z.string(),
  version: z.string(),
  rollback: z.boolean(),
  state: RolloutStateSchema,
  stopReason: z.string().nullable(),
  targets: z.array(RolloutTargetSchema),
});
export type RolloutStatus = z.infer<typeof RolloutStatusSchema>;
export const RolloutAnswerSchema = z.object({ rollout: RolloutStatusSchema });

export const RolloutSummarySchema = RolloutStatusSchema.omit({ targets: true }).extend({
  createdAt: z.string(),
  /** Kiosks per target status. */
  counts: z.partialRecord(RolloutTargetStatusSchema, z.number().int()),
});
export type RolloutSummary = z.infer<typeof RolloutSummarySchema>;
export const RolloutListSchema = z.object({ rollouts: z.array(RolloutSummarySchema) });

/** The new rollout that carries the older pack (signed as a rollback) and the kiosks it offers it to. */
export const RollbackSchema = z.object({ rolloutId: z.number().int(), pack: StoredPackSchema, kiosks: z.array(z.string()) });
export type Rollback = z.infer<typeof RollbackSchema>;
export const RollbackAnswerSchema = z.object({ rollback: RollbackSchema, rollout: RolloutStatusSchema });
