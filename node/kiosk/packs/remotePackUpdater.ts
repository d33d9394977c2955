import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PackOfferSchema, type PackReport } from '../../../common/packRollout';
import type { RolloutManifest } from '../../../common/pack/signedManifest';
import type { Logger } from '../logger';
import type { AcceptedVersions } from './acceptedVersions';
import { DownloadError, downloadWithResume } from './downloadWithResume';
import { PackError } from './packProblem';
import type { PackStore } from './packStore';
import { ManifestRefusal, verifySignedManifest } from './verifySignedManifest';

export interface RemotePackUpdaterDeps {
  packsDir: string;
  store: PackStore;
  accepted: AcceptedVersions;
  /** The server's base URL and this kiosk's token (the upload settings); null while not provisioned. */
  server: () => { url: string; token: string } | null;
  /** The provisioned ed25519 public key (SPKI PEM); null: this kiosk takes no remote packs. */
  publicKeyPem: () => string | null;
  log: Logger;
  now?: () => number;
  fetch?: typeof fetch;
}

export type UpdateResult =
  | { outcome: 'skipped'; reason: 'not-provisioned' | 'no-key' }
  | { outcome: 'none' }
  | { outcome: 'up-to-date'; packId: string; version: string }
  | { outcome: 'installed'; packId: string; version: string; key: string }
  | { outcome: 'failed' | 'refused'; code: string; reason: string };

/**
 * Polls the station and district server for the pack assigned to this kiosk and installs it: verify the signed
 * manifest (signature, expiry, no downgrade) before downloading anything, download with resume, check size and
 * SHA-256, install through the pack store's atomic install (the renderer swaps packs only at the attract screen),
 * then report the result. Anything that fails leaves the old pack active and is reported with its reason.
 */
export function createRemotePackUpdater(deps: RemotePackUpdaterDeps) {
  const now = deps.now ?? Date.now;
  const doFetch = deps.fetch ?? fetch;
  const downloads = join(deps.packsDir, 'downloads');

  const report = async (base: string, token: string, body: PackReport): Promise<void> => {
    try {
      const res = await doFetch(`${base}/v1/packs/report`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      if (!res.ok) deps.log.warn('packs.remote_report_refused', { status: res.status });
    } catch (err) {
      deps.log.warn('packs.remote_report_failed', { error: (err as Error).message });
    }
  };

  let running: Promise<UpdateResult> | null = null;
  const checkOnce = async (): Promise<UpdateResult> => {
    const server = deps.server();
    if (!server) return { outcome: 'skipped', reason: 'not-provisioned' };
    const key = deps.publicKeyPem();
    if (!key) return { outcome: 'skipped', reason: 'no-key' };
    const base = server.url.replace(/\/+$/, '');
    const auth = { authorization: `Bearer ${server.token}` };
    const res = await doFetch(`${base}/v1/packs/offer`, { headers: auth, signal: AbortSignal.timeout(30_000) });
    if (res.status === 204) return { outcome: 'none' };
    if (!res.ok) return { outcome: 'failed', code: 'HTTP', reason: `the pack offer answered ${res.status}` };
    const offer = PackOfferSchema.safeParse(await res.json().catch(() => null));
    if (!offer.success) return { outcome: 'failed', code: 'MALFORMED', reason: 'the pack offer is not understood' };

    let m: RolloutManifest;
    try {
      m = verifySignedManifest(offer.data.signed, { publicKeyPem: key, now: now(), highestAccepted: deps.accepted.highest });
    } catch (err) {
      if (!(err instanceof ManifestRefusal)) throw err;
      deps.log.warn('packs.remote_refused', { code: err.code, reason: err.message });
      // Nothing in an unverified manifest is trusted, so the report names no pack.
      await report(base, server.token, { packId: '', version: '', sha256: '', status: 'refused', code: err.code, reason: err.message });
      return { outcome: 'refused', code: err.code, reason: err.message };
    }
    const active = deps.store.active();
    if (active && active.id === m.packId && active.version === m.version)
      return { outcome: 'up-to-date', packId: m.packId, version: m.version };

    const ids = { packId: m.packId, version: m.version, sha256: m.sha256 };
    mkdirSync(downloads, { recursive: true, mode: 0o700 });
    const part = join(downloads, `${m.sha256}.part`);
    const zip = join(downloads, `${m.sha256}.zip`);
    try {
      await downloadWithResume({
        url: `${base}${offer.data.download}`,
        headers: auth,
        partFile: part,
        size: m.size,
        sha256: m.sha256,
        fetch: doFetch,
      });
      renameSync(part, zip);
      const entry = await deps.store.install(zip);
      if (entry.id !== m.packId || entry.version !== m.version) {
        // The signed manifest names one pack, the zip holds another: put the old one back.
        deps.store.rollback();
        throw new PackError([
          {
            file: 'manifest.json',
            path: '',
            message: `the zip holds ${entry.id} ${entry.version}, the signed manifest ${m.packId} ${m.version}`,
          },
        ]);
      }
      deps.accepted.record(m.packId, m.version);
      deps.log.info('packs.remote_installed', { ...ids, key: entry.key });
      await report(base, server.token, { ...ids, status: 'installed', code: null, reason: null });
      return { outcome: 'installed', packId: m.packId, version: m.version, key: entry.key };
    } catch (err) {
      const code = err instanceof DownloadError ? err.code : err instanceof PackError ? 'INVALID_PACK' : 'ERROR';
      const reason =
        err instanceof PackError
          ? err.problems.map((p) => `${p.file}${p.path ? ` ${p.path}` : ''}: ${p.message}`).join('; ')
          : (err as Error).message;
      deps.log.warn('packs.remote_failed', { ...ids, code, reason: reason.slice(0, 500) });
      await report(base, server.token, { ...ids, status: 'failed', code, reason: reason.slice(0, 2000) });
      return { outcome: 'failed', code, reason };
    } finally {
      rmSync(zip, { force: true });
    }
  };

  return {
    /** One poll; concurrent calls share the one in flight. */
    checkOnce(): Promise<UpdateResult> {
      running ??= checkOnce().finally(() => {
        running = null;
      });
      return running;
    },
  };
}
export type RemotePackUpdater = ReturnType<typeof createRemotePackUpdater>;
