import { z } from 'zod';

/**
 * A content pack offered to a kiosk by the station and district server: a small manifest signed with the server's
 * ed25519 key (RFC 8032). The signature covers the manifest's exact bytes as sent (base64 of the UTF-8 JSON), so
 * neither end has to agree on a canonical JSON form. The kiosk trusts only the public key it was provisioned with
 * (common/provisioning.ts `serverPublicKey`).
 */
export const SIGNED_MANIFEST_FORMAT = 1;

const PackId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes, 2-63 characters');
const SemVer = z.string().regex(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?$/, 'a semantic version such as 1.2.0');

export const RolloutManifestSchema = z
  .object({
    format: z.literal(SIGNED_MANIFEST_FORMAT),
    packId: PackId,
    version: SemVer,
    /** Hex SHA-256 of the pack zip. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    /** Bytes of the pack zip. */
    size: z
      .number()
      .int()
      .min(1)
      .max(2 * 1024 ** 3),
    issuedAt: z.string().datetime(),
    /** After this instant the kiosk refuses the manifest (a stolen old manifest cannot be replayed for ever). */
    expiresAt: z.string().datetime(),
    /**
     * True only for a rollback the server signs as such: it may carry a version lower than the highest the kiosk has
     * accepted for this pack id. Every other manifest must not go below that version.
     */
    rollback: z.boolean(),
  })
  .strict()
  .refine((m) => Date.parse(m.expiresAt) > Date.parse(m.issuedAt), { message: 'expiresAt must be after issuedAt', path: ['expiresAt'] });
export type RolloutManifest = z.infer<typeof RolloutManifestSchema>;

export const SignedManifestSchema = z
  .object({
    /** base64 of the manifest's UTF-8 JSON bytes: exactly what was signed. */
    manifest: z
      .string()
      .min(2)
      .max(8_000)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64'),
    /** base64 of the 64-byte ed25519 signature over the decoded manifest bytes. */
    signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'a base64 ed25519 signature (64 bytes)'),
  })
  .strict();
export type SignedManifest = z.infer<typeof SignedManifestSchema>;
