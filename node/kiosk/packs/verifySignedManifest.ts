import { createPublicKey, verify } from 'node:crypto';
import semver from 'semver';
import { RolloutManifestSchema, SignedManifestSchema, type RolloutManifest } from '../../../common/pack/signedManifest';

export type ManifestRefusalCode = 'MALFORMED' | 'BAD_SIGNATURE' | 'EXPIRED' | 'DOWNGRADE';

/** Why the kiosk refused a manifest; the updater reports `code` and `message` to the server. */
export class ManifestRefusal extends Error {
  constructor(
    readonly code: ManifestRefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'ManifestRefusal';
  }
}

export interface VerifyOptions {
  /** The server's ed25519 public key (SPKI PEM) from the kiosk's provisioning file. */
  publicKeyPem: string;
  now: number;
  /** The highest version of this pack id the kiosk has accepted so far, or null. */
  highestAccepted: (packId: string) => string | null;
}

/**
 * Checks a signed manifest the way a kiosk must before it downloads anything: the signature against the provisioned
 * key (Node's `crypto.verify` with a null algorithm for ed25519, https://nodejs.org/api/crypto.html#cryptoverifyalgorithm-data-key-signature-callback),
 * then the manifest's shape, its expiry, and the no-downgrade rule (a lower version only in a manifest signed as a
 * rollback). The order matters: nothing inside an unverified manifest is trusted, not even its error messages.
 */
export function verifySignedManifest(input: unknown, opts: VerifyOptions): RolloutManifest {
  const envelope = SignedManifestSchema.safeParse(input);
  if (!envelope.success)
    throw new ManifestRefusal(
      'MALFORMED',
      `not a signed manifest: ${envelope.error.issues.map((i) => `${i.path.join('.') || '.'} ${i.message}`).join('; ')}`,
    );
  const bytes = Buffer.from(envelope.data.manifest, 'base64');
  const signature = Buffer.from(envelope.data.signature, 'base64');
  let key;
  try {
    key = createPublicKey(opts.publicKeyPem);
  } catch (err) {
    throw new ManifestRefusal('BAD_SIGNATURE', `the provisioned server key cannot be read (${(err as Error).message})`);
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new ManifestRefusal('BAD_SIGNATURE', `the provisioned server key is ${key.asymmetricKeyType}, not ed25519`);
  if (!verify(null, bytes, key, signature))
    throw new ManifestRefusal('BAD_SIGNATURE', 'the signature does not match the server key this kiosk was provisioned with');
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new ManifestRefusal('MALFORMED', 'the signed manifest is not JSON');
  }
  const parsed = RolloutManifestSchema.safeParse(json);
  if (!parsed.success)
    throw new ManifestRefusal(
      'MALFORMED',
      `the signed manifest is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.') || '.'} ${i.message}`).join('; ')}`,
    );
  const m = parsed.data;
  if (Date.parse(m.expiresAt) <= opts.now)
    throw new ManifestRefusal('EXPIRED', `the manifest for ${m.packId} ${m.version} expired at ${m.expiresAt}`);
  const highest = opts.highestAccepted(m.packId);
  if (highest && semver.lt(m.version, highest) && !m.rollback) {
    throw new ManifestRefusal(
      'DOWNGRADE',
      `${m.packId} ${m.version} is lower than ${highest}, already accepted, and the manifest is not a signed rollback`,
    );
  }
  return m;
}
