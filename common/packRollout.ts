import { z } from 'zod';
import { SignedManifestSchema } from './pack/signedManifest';

/**
 * The content-pack rollout between a kiosk and the station and district server, beside the count upload
 * (common/uploadProtocol.ts) and with the same bearer token:
 *   GET  /v1/packs/offer    204: nothing assigned; 200: PackOffer
 *   GET  <offer.download>   the zip; honours `Range: bytes=N-` so a broken download resumes (RFC 9110 §14)
 *   POST /v1/packs/report   PackReport: installed, or failed/refused with the reason
 */
export const PackOfferSchema = z
  .object({
    signed: SignedManifestSchema,
    /** Path on the server (starting with /v1/packs/) of the zip the manifest describes. */
    download: z.string().regex(/^\/v1\/packs\/[A-Za-z0-9._-]{1,200}$/, 'a path under /v1/packs/'),
  })
  .strict();
export type PackOffer = z.infer<typeof PackOfferSchema>;

export const PACK_REPORT_STATUSES = ['installed', 'failed', 'refused'] as const;

export const PackReportSchema = z
  .object({
    packId: z.string().max(63),
    version: z.string().max(80),
    sha256: z.string().max(64),
    status: z.enum(PACK_REPORT_STATUSES),
    /** For failed/refused: a short machine code (BAD_SIGNATURE, EXPIRED, DOWNGRADE, SHA_MISMATCH, INVALID_PACK, …). */
    code: z.string().max(40).nullable(),
    reason: z.string().max(2000).nullable(),
  })
  .strict();
export type PackReport = z.infer<typeof PackReportSchema>;
