import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RolloutManifest } from '../../../../../common/pack/signedManifest';
import { ManifestRefusal, verifySignedManifest } from '../../../../../node/kiosk/packs/verifySignedManifest';
import { signManifest } from '../../../../../node/server/rollout/signManifest';

const pair = () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    pub: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    priv: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
};
const server = pair();
const NOW = Date.parse('2026-12-06T10:00:00Z');
const manifest = (over: Partial<RolloutManifest> = {}): RolloutManifest => ({
  format: 1,
  packId: 'yangpu-riverside',
  version: '1.4.0',
  sha256: 'a'.repeat(64),
  size: 12_345,
  issuedAt: '2026-12-06T09:00:00Z',
  expiresAt: '2026-12-13T09:00:00Z',
  rollback: false,
  ...over,
});
const opts = (highest: string | null = null) => ({ publicKeyPem: server.pub, now: NOW, highestAccepted: () => highest });
const refusal = (fn: () => unknown): ManifestRefusal => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ManifestRefusal) return err;
    throw err;
  }
  throw new Error('expected a refusal');
};

describe('verifySignedManifest', () => {
  it('accepts a manifest signed by the provisioned key and returns its contents', () => {
    const m = verifySignedManifest(signManifest(manifest(), server.priv), opts('1.3.9'));
    expect(m).toMatchObject({ packId: 'yangpu-riverside', version: '1.4.0', size: 12_345 });
  });

  it('refuses a manifest whose bytes were changed after signing', () => {
    const signed = signManifest(manifest(), server.priv);
    const tampered = JSON.parse(Buffer.from(signed.manifest, 'base64').toString('utf8')) as RolloutManifest;
    tampered.sha256 = 'b'.repeat(64);
    const r = refusal(() =>
      verifySignedManifest({ ...signed, manifest: Buffer.from(JSON.stringify(tampered)).toString('base64') }, opts()),
    );
    expect(r.code).toBe('BAD_SIGNATURE');
  });

  it('refuses a manifest signed by another key', () => {
    const other = pair();
    expect(refusal(() => verifySignedManifest(signManifest(manifest(), other.priv), opts())).code).toBe('BAD_SIGNATURE');
  });

  it('refuses an expired manifest', () => {
    const signed = signManifest(manifest({ expiresAt: '2026-12-06T09:59:59Z' }), server.priv);
    expect(refusal(() => verifySignedManifest(signed, opts())).code).toBe('EXPIRED');
  });

  it('refuses a lower version than the highest accepted, unless the server signed it as a rollback', () => {
    expect(refusal(() => verifySignedManifest(signManifest(manifest({ version: '1.3.0' }), server.priv), opts('1.4.0'))).code).toBe(
      'DOWNGRADE',
    );
    expect(refusal(() => verifySignedManifest(signManifest(manifest({ version: '1.4.0-rc.1' }), server.priv), opts('1.4.0'))).code).toBe(
      'DOWNGRADE',
    );
    expect(verifySignedManifest(signManifest(manifest({ version: '1.3.0', rollback: true }), server.priv), opts('1.4.0')).version).toBe(
      '1.3.0',
    );
    // The same version again is not a downgrade (a reinstall after a failed install).
    expect(verifySignedManifest(signManifest(manifest(), server.priv), opts('1.4.0')).version).toBe('1.4.0');
  });

  it('refuses malformed envelopes and keys that are not ed25519', () => {
    expect(refusal(() => verifySignedManifest({ manifest: 'x' }, opts())).code).toBe('MALFORMED');
    expect(refusal(() => verifySignedManifest('nonsense', opts())).code).toBe('MALFORMED');
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const ecPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const r = refusal(() => verifySignedManifest(signManifest(manifest(), server.priv), { ...opts(), publicKeyPem: ecPem }));
    expect(r.code).toBe('BAD_SIGNATURE');
    expect(r.message).toMatch(/not ed25519/);
  });

  it('the server refuses to sign a manifest every kiosk would refuse', () => {
    expect(() => signManifest(manifest({ expiresAt: '2026-12-06T08:00:00Z' }), server.priv)).toThrow(/expiresAt/);
    expect(() => signManifest(manifest({ sha256: 'nothex' }), server.priv)).toThrow();
  });
});
