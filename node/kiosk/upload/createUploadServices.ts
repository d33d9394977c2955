import { join } from 'node:path';
import type { DataPaths } from '../dataDir';
import type { Db } from '../db/openDatabase';
import { createHealthService, type HealthService, type HealthSources } from '../health';
import type { Logger } from '../logger';
import { createFileSecretStore, UPLOAD_TOKEN, type SecretStore } from '../secretStore';
import type { SettingsService } from '../settingsService';
import type { UsageCounter } from '../usageCounter';
import { createOutbox, type Outbox } from './outbox';
import { createUploader, type Uploader, type UploaderDeps } from './uploader';

export interface UploadServices {
  secrets: SecretStore;
  outbox: Outbox;
  health: HealthService;
  /** Started by the shells (Electron main, web host), never by unit tests. */
  uploader: Uploader;
}

export interface UploadServiceOptions {
  /** Electron main passes a safeStorage-backed store; plain Node uses a 0600 file in the data folder. */
  secrets?: SecretStore;
  healthSources?: HealthSources;
  /** Test and tool overrides of the uploader's clocks, network and limits. */
  uploader?: Partial<
    Pick<UploaderDeps, 'fetch' | 'monoNow' | 'random' | 'timers' | 'batchSize' | 'requestTimeoutMs' | 'backoff' | 'maxSleepMs'>
  >;
}

/** The outbox, secret store, health and uploader, built on the services' database. */
export function createUploadServices(
  base: { db: Db; counter: UsageCounter; settings: SettingsService; log: Logger; paths: DataPaths; now: () => number; appVersion: string },
  opts: UploadServiceOptions = {},
): UploadServices {
  const secrets = opts.secrets ?? createFileSecretStore(join(base.paths.root, 'secrets.json'));
  const outbox = createOutbox(base.db, base.counter, base.now);
  const ids = (): { stationId: string; kioskId: string } => {
    const s = base.settings.get();
    return { stationId: s.stationId, kioskId: s.kioskId };
  };
  const health = createHealthService({
    appVersion: base.appVersion,
    dataDir: base.paths.root,
    outbox,
    ids,
    now: base.now,
    sources: opts.healthSources,
  });
  const uploader = createUploader({
    outbox,
    config: () => {
      const s = base.settings.get();
      return { url: s.upload.url, enabled: s.upload.enabled, intervalMs: s.upload.intervalSeconds * 1000, stationId: s.stationId };
    },
    token: () => secrets.get(UPLOAD_TOKEN),
    heartbeat: () => health.heartbeat(),
    log: base.log,
    wallNow: base.now,
    ...opts.uploader,
  });
  return { secrets, outbox, health, uploader };
}
