import { join } from 'node:path';
import { createGuideRemote, type GuideRemote } from './guide/guideRemote';
import { guideRemoteRoutes } from './guide/remoteRoutes';
import { createFileSecretStore } from './secretStore';
import { ensureDataPaths, type DataPaths } from './dataDir';
import { openDatabase, type Db } from './db/openDatabase';
import { createFileLogger, type Logger } from './logger';
import { createSettingsService, type SettingsService } from './settingsService';
import { createUsageCounter, type UsageCounter } from './usageCounter';
import { createPinService, type PinService } from './pinService';
import { createOperatorSessions, type OperatorSessions } from './operatorSessions';
import { createExhibitConfigService, type ExhibitConfigService } from './exhibitConfigService';
import { createDispatcher, type Dispatcher } from './api/dispatcher';
import { createHandlers } from './api/createHandlers';
import { createUploadServices, type UploadServiceOptions, type UploadServices } from './upload/createUploadServices';
import { createPostcardService, type PostcardService } from './postcards/postcardService';
import { createAcceptedVersions } from './packs/acceptedVersions';
import { createPackStore, type PackStore } from './packs/packStore';
import { createRemotePackUpdater, type RemotePackUpdater } from './packs/remotePackUpdater';
import { UPLOAD_TOKEN } from './secretStore';
import { defaultDemoPackDir, packOverrideDir } from './packs/packLocations';
import { applyProvisioningFile } from './provisioning/applyProvisioning';
import { createProvisioningStore, type ProvisioningStore } from './provisioning/provisioningStore';
import { createSmileStatusService, type SmileStatusService } from './smile/smileStatus';

export interface Services extends UploadServices {
  appVersion: string;
  runtime: 'electron' | 'web';
  paths: DataPaths;
  db: Db;
  log: Logger;
  now: () => number;
  settings: SettingsService;
  counter: UsageCounter;
  pin: PinService;
  /** The guide PIN: set by the operator, opens the lesson runner (guide sessions). */
  guidePin: PinService;
  /** The guide's phone as a remote for a lesson (pairing and commands; nothing stored). */
  guideRemote: GuideRemote;
  /** First start time, provisioning record (kiosk name, server key), and whether the first-run PIN is open. */
  provisioning: ProvisioningStore;
  sessions: OperatorSessions;
  exhibitConfig: ExhibitConfigService;
  /** Card store with its expiry sweep (started here); the shells start the take-away server with `startTakeaway()`. */
  postcards: PostcardService;
  /** Content packs: the active pack's folder and manifest, install/activate/rollback, `revision()` to notice a swap. */
  packs: PackStore;
  /** Content packs assigned by the station server: signed, verified, installed at the next poll. */
  remotePacks: RemotePackUpdater;
  /** The smile meter's last camera status report; also feeds health's camera list and backend. */
  smileStatus: SmileStatusService;
  dispatcher: Dispatcher;
  close(): void;
}

export interface ServiceOptions {
  dataDir: string;
  appVersion: string;
  runtime: 'electron' | 'web';
  now?: () => number;
  log?: Logger;
  /** Secret store, health sources and uploader overrides. */
  upload?: UploadServiceOptions;
  /**
   * Content packs: the demo pack folder (default: KIOSK_DEMO_PACK_DIR or resources/demo-pack) and a preview folder
   * (default: KIOSK_PACK_OVERRIDE).
   */
  packs?: { demoPackDir?: string | null; overrideDir?: string | null };
  /** How often to ask the station server for an assigned content pack (default 10 min; 0: never, for tests). */
  remotePackPollMs?: number;
}

/** Builds every service on one data folder. Both shells (Electron main, web host) call this once. */
export function createServices(opts: ServiceOptions): Services {
  const paths = ensureDataPaths(opts.dataDir);
  const now = opts.now ?? Date.now;
  const log = opts.log ?? createFileLogger(paths.logs, { now });
  const db = openDatabase(paths.database, { log, now });
  // Made here, not in the upload services: the settings service clears the token when the upload URL's origin changes.
  const secrets = opts.upload?.secrets ?? createFileSecretStore(join(paths.root, 'secrets.json'));
  const settings = createSettingsService(db, log, { now, secrets });
  const counter = createUsageCounter(db, () => settings.get().kioskId, now);
  const pin = createPinService(db, log, now);
  const guidePin = createPinService(db, log, now, { table: 'guide_pin' });
  const provisioning = createProvisioningStore(db, now);
  // An installer's provisioning.json in the data folder: applied once, then deleted.
  applyProvisioningFile({ db, settings, pin, secrets, provisioning, log, now }, paths.root);
  const sessions = createOperatorSessions(now);
  const exhibitConfig = createExhibitConfigService(db, log, now);
  const upload = createUploadServices({ db, counter, settings, log, paths, now, appVersion: opts.appVersion }, { ...opts.upload, secrets });
  const guideRemote = createGuideRemote(now);
  const postcards = createPostcardService({
    db,
    dir: paths.postcards,
    log,
    counter,
    now,
    settings: () => exhibitConfig.get('postcard').value,
    timeZone: () => settings.get().timeZone,
    // The guide's phone remote shares the take-away server: the one server phones on the station's Wi-Fi reach.
    takeawayRoutes: guideRemoteRoutes(guideRemote, (id) => packs.active()?.groups?.lessons.find((l) => l.id === id) ?? null),
  });
  // Sweep now (cards that expired while the kiosk was off) and on a timer; no network here.
  postcards.start();
  const packs = createPackStore({
    packsDir: paths.packs,
    demoPackDir: opts.packs?.demoPackDir !== undefined ? opts.packs.demoPackDir : defaultDemoPackDir(),
    overrideDir: opts.packs?.overrideDir !== undefined ? opts.packs.overrideDir : packOverrideDir(),
    log,
    now,
  });
  // A pack the station server assigns: only with upload on, a provisioned server key, and the kiosk's own token.
  const remotePacks = createRemotePackUpdater({
    packsDir: paths.packs,
    store: packs,
    accepted: createAcceptedVersions(paths.packs),
    server: () => {
      const u = settings.get().upload;
      const token = secrets.get(UPLOAD_TOKEN);
      return u.enabled && u.url && token ? { url: u.url, token } : null;
    },
    publicKeyPem: () => provisioning.get()?.serverPublicKey ?? null,
    log,
    now,
  });
  const pollMs = opts.remotePackPollMs ?? 10 * 60_000;
  const remotePackTimer =
    pollMs > 0
      ? setInterval(() => {
          remotePacks.checkOnce().catch((err: unknown) => log.warn('packs.remote_poll_failed', { error: (err as Error).message }));
        }, pollMs)
      : null;
  remotePackTimer?.unref();
  // The heartbeat and health report name the active content pack.
  upload.health.provide({
    postcardTakeaway: () => postcards.takeawayStatus(),
    contentPack: () => {
      const m = packs.active();
      return m ? { id: m.id, version: m.version } : null;
    },
  });
  // The smile meter runs in the kiosk screen; it reports its cameras, and health shows them (stale when it stops).
  const smileStatus = createSmileStatusService({
    now,
    expected: () => settings.get().exhibits.includes('smile') && exhibitConfig.get('smile').value.enabled,
  });
  upload.health.provide({ cameras: () => smileStatus.cameras(), inferenceBackend: () => smileStatus.backend() });
  const services = {
    appVersion: opts.appVersion,
    runtime: opts.runtime,
    paths,
    db,
    log,
    now,
    settings,
    counter,
    pin,
    guidePin,
    guideRemote,
    provisioning,
    sessions,
    exhibitConfig,
    postcards,
    packs,
    remotePacks,
    smileStatus,
    ...upload,
    close() {
      upload.uploader.stop();
      if (remotePackTimer) clearInterval(remotePackTimer);
      postcards.stop();
      // Shells await postcards.stopTakeaway() before close(); this only makes sure no socket outlives the database.
      void postcards.stopTakeaway();
      sessions.closeAll();
      db.close();
    },
  } as Omit<Services, 'dispatcher'> as Services;
  services.dispatcher = createDispatcher(createHandlers(services), (t, access) => sessions.check(t, access), log);
  log.info('services.started', { dataDir: paths.root, runtime: opts.runtime, appVersion: opts.appVersion });
  return services;
}
