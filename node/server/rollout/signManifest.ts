import { createPrivateKey, sign } from 'node:crypto';
import { RolloutManifestSchema, type RolloutManifest, type SignedManifest } from '../../../common/pack/signedManifest';

/**
 * Signs a rollout manifest with the server's ed25519 private key (PKCS#8 PEM). The manifest is validated first, so
 * the server can never sign something every kiosk would refuse; the signature covers the exact JSON bytes sent.
 */
export function signManifest(manifest: RolloutManifest, privateKeyPem: string): SignedManifest {
  const m = RolloutManifestSchema.parse(manifest);
  const key = createPrivateKey(privateKeyPem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`the signing key is ${key.asymmetricKeyType}, not ed25519`);
  const bytes = Buffer.from(JSON.stringify(m), 'utf8');
  return { manifest: bytes.toString('base64'), signature: sign(null, bytes, key).toString('base64') };
}
