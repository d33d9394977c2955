import { z } from 'zod';

/**
 * The provisioning file: what an installer (or the station and district server's `kiosk add`) hands a new kiosk
 * so that nobody standing at it can claim it first. The kiosk takes it with `npm run kioskctl -- provision <file>`,
 * or reads it once from its data folder (`provisioning.json`) at first start and then deletes it.
 *
 * One schema for both ends: the server writes it, the kiosk parses it.
 */
export const PROVISIONING_FORMAT = 1;

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes, 2-63 characters');

/** An operator PIN as the kiosk stores it (scrypt, see node/kiosk/pinService.ts), so the file never holds the PIN. */
export const PinHashSchema = z
  .object({
    algorithm: z.literal('scrypt'),
    /** base64 */
    hash: z.string().min(16).max(200),
    /** base64 */
    salt: z.string().min(8).max(200),
    params: z
      .object({
        N: z
          .number()
          .int()
          .min(1024)
          .max(1 << 20),
        r: z.number().int().min(1).max(32),
        p: z.number().int().min(1).max(16),
        keylen: z.number().int().min(16).max(64),
      })
      .strict(),
  })
  .strict();
export type PinHash = z.infer<typeof PinHashSchema>;

export const ProvisioningSchema = z
  .object({
    format: z.literal(PROVISIONING_FORMAT),
    stationId: Id,
    kioskId: Id,
    /** Shown in the operator console and the fleet page, e.g. "入口微笑屏 · entrance smile screen". */
    kioskName: z.string().min(1).max(80),
    /**
     * The operator PIN: either its hash, or a one-time PIN that the operator must change at the first sign-in.
     * Exactly one of the two.
     */
    operatorPin: z.union([
      z.object({ hash: PinHashSchema }).strict(),
      z.object({ oneTimePin: z.string().regex(/^\d{6,12}$/, '6-12 digits') }).strict(),
    ]),
    /** The station and district server; null: this kiosk uploads nothing. */
    upload: z
      .object({
        url: z.string().url().max(2000),
        /** A token bound to this kiosk and station on the server. */
        token: z.string().min(24).max(200),
      })
      .strict()
      .nullable(),
    timeZone: z.string().min(1).max(64),
    /** Exhibit ids this kiosk shows (its profile); null keeps the default (all). */
    profile: z
      .array(z.string().regex(/^[a-z][a-z0-9-]{0,39}$/))
      .min(1)
      .max(16)
      .nullable(),
    /** The server's ed25519 public key (SPKI PEM) that signs content-pack manifests; null: no remote packs. */
    serverPublicKey: z.string().max(1000).nullable(),
  })
  .strict();
export type Provisioning = z.infer<typeof ProvisioningSchema>;
