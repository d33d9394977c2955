import { createPublicKey } from 'node:crypto';
import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { issuesOf } from '../../../common/contract';
import { ProvisioningSchema, type PinHash, type Provisioning } from '../../../common/provisioning';
import { SettingsSchema, type Settings } from '../../../common/settings';
import type { Db } from '../db/openDatabase';
import type { Logger } from '../logger';
import { hashPinSync, type PinService } from '../pinService';
import { UPLOAD_TOKEN, type SecretStore } from '../secretStore';
import type { SettingsService } from '../settingsService';
import type { ProvisioningStore } from './provisioningStore';

/** The file an installer may leave in the data folder; read at start, applied, then deleted. */
export const PROVISIONING_FILE = 'provisioning.json';

export class ProvisioningError extends Error {
  constructor(
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(issues.length ? `${message}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}` : message);
    this.name = 'ProvisioningError';
  }
}

export interface ProvisioningDeps {
  db: Db;
  settings: SettingsService;
  pin: PinService;
  secrets: SecretStore;
  provisioning: ProvisioningStore;
  log: Logger;
  now: () => number;
}

/** Parses a provisioning file's text (JSON, common/provisioning.ts); throws ProvisioningError naming every problem. */
export function parseProvisioning(text: string): Provisioning {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    // V8's message quotes the text around the error, which may be the token: only the position is kept.
    const at = /position (\d+)/.exec((err as Error).message);
    throw new ProvisioningError(`not JSON${at ? ` (error at character ${at[1]})` : ''}`);
  }
  const p = ProvisioningSchema.safeParse(raw);
  if (!p.success) throw new ProvisioningError('invalid provisioning file', issuesOf(p.error));
  return p.data;
}

function checkPinHash(h: PinHash): void {
  // A hash whose length does not match its key length could never verify: the kiosk would be locked out.
  if (Buffer.from(h.hash, 'base64').length !== h.params.keylen) {
    throw new ProvisioningError('invalid provisioning file', [
      { path: 'operatorPin.hash.hash', message: `must decode to ${h.params.keylen} bytes (params.keylen)` },
    ]);
  }
}

function checkServerKey(pem: string | null): void {
  if (pem === null) return;
  let type: string | undefined;
  try {
    type = createPublicKey(pem).asymmetricKeyType;
  } catch (err) {
    throw new ProvisioningError('invalid provisioning file', [
      { path: 'serverPublicKey', message: `not a public key (${(err as Error).message})` },
    ]);
  }
  if (type !== 'ed25519')
    throw new ProvisioningError('invalid provisioning file', [
      { path: 'serverPublicKey', message: `an ed25519 key is needed, got ${type}` },
    ]);
}

/**
 * Applies a provisioning file: ids, time zone, profile, upload URL and token, operator PIN, kiosk name and the
 * server's public key. Everything is checked first; then all of it is written in one database transaction,
 * the token (a file, secretStore.ts) last inside it, so a failure anywhere leaves the kiosk as it was.
 */
export function applyProvisioning(d: ProvisioningDeps, p: Provisioning, source: string): void {
  const current = d.settings.get();
  const next = SettingsSchema.safeParse({
    ...current,
    stationId: p.stationId,
    kioskId: p.kioskId,
    timeZone: p.timeZone,
    exhibits: p.profile ?? current.exhibits,
    upload: p.upload ? { ...current.upload, url: p.upload.url, enabled: true } : { ...current.upload, url: null, enabled: false },
  } satisfies Record<keyof Settings, unknown>);
  if (!next.success) throw new ProvisioningError('provisioning file does not make valid settings', issuesOf(next.error));
  if ('hash' in p.operatorPin) checkPinHash(p.operatorPin.hash);
  checkServerKey(p.serverPublicKey);
  const pinHash = 'hash' in p.operatorPin ? p.operatorPin.hash : hashPinSync(p.operatorPin.oneTimePin);
  const { version: _v, ...patch } = next.data;

  let tokenWritten = false;
  try {
    d.db.transaction(() => {
      d.settings.update(patch);
      d.pin.replaceHash(pinHash, { mustChange: !('hash' in p.operatorPin) });
      d.provisioning.record({ provisionedAt: d.now(), kioskName: p.kioskName, serverPublicKey: p.serverPublicKey });
      if (p.upload) {
        d.secrets.set(UPLOAD_TOKEN, p.upload.token);
        tokenWritten = true;
      } else d.secrets.clear(UPLOAD_TOKEN);
    })();
  } catch (err) {
    // Rolled back: the settings in memory follow the database again, and a token already written goes.
    d.settings.reload();
    if (tokenWritten) d.secrets.clear(UPLOAD_TOKEN);
    throw err;
  }
  d.log.info('provisioning.applied', {
    source,
    stationId: p.stationId,
    kioskId: p.kioskId,
    pin: 'hash' in p.operatorPin ? 'hash' : 'one-time',
    upload: p.upload !== null,
    serverKey: p.serverPublicKey !== null,
  });
}

/**
 * At start: a `provisioning.json` in the data folder is applied, then deleted (it holds the upload token and
 * maybe a one-time PIN). An invalid one is logged with every problem and left in place for the installer to
 * fix; the kiosk stays as it was (unprovisioned on a first start). Returns whether one was applied.
 */
export function applyProvisioningFile(d: ProvisioningDeps, dataDir: string): boolean {
  const file = join(dataDir, PROVISIONING_FILE);
  if (!existsSync(file)) return false;
  try {
    applyProvisioning(d, parseProvisioning(readFileSync(file, 'utf8')), file);
  } catch (err) {
    const issues = err instanceof ProvisioningError ? err.issues : [];
    d.log.error('provisioning.invalid', { file, message: (err as Error).message, issues });
    return false;
  }
  try {
    unlinkSync(file);
  } catch (err) {
    d.log.error('provisioning.file_not_deleted', { file, message: (err as Error).message });
  }
  return true;
}
