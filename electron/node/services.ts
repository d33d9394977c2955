import { ensureDataPaths, type DataPaths } from './dataDir';
import { openDatabase, type Db } from './db/openDatabase';
import { createFileLogger, type Logger } from './logger';
import { createSettingsService, type SettingsService } from './settingsService';
import { createUsageCounter, type UsageCounter } from './usageCounter';
import { createPinService, type PinService } from './pinService';
import { createOperatorSessions, type OperatorSessions } from './operatorSessions';
import { createDispatcher, type Dispatcher } from './api/dispatcher';
import { createHandlers } from './api/createHandlers';

export interface Services {
  appVersion: string;
  runtime: 'electron' | 'web';
  paths: DataPaths;
  db: Db;
  log: Logger;
  now: () => number;
  settings: SettingsService;
  counter: UsageCounter;
  pin: PinService;
  sessions: OperatorSessions;
  dispatcher: Dispatcher;
  close(): void;
}

export interface ServiceOptions {
  dataDir: string;
  appVersion: string;
  runtime: 'electron' | 'web';
  now?: () => number;
  log?: Logger;
}

/** Builds every service on one data folder. Both shells (Electron main, web host) call this once. */
export function createServices(opts: ServiceOptions): Services {
  const paths = ensureDataPaths(opts.dataDir);
  const now = opts.now ?? Date.now;
  const log = opts.log ?? createFileLogger(paths.logs, { now });
  const db = openDatabase(paths.database, { log, now });
  const settings = createSettingsService(db, log, { now });
  const counter = createUsageCounter(db, () => settings.get().kioskId, now);
  const pin = createPinService(db, log, now);
  const sessions = createOperatorSessions(now);
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
    sessions,
    close() {
      sessions.closeAll();
      db.close();
    },
  } as Omit<Services, 'dispatcher'> as Services;
  services.dispatcher = createDispatcher(createHandlers(services), (t) => sessions.check(t), log);
  log.info('services.started', { dataDir: paths.root, runtime: opts.runtime, appVersion: opts.appVersion });
  return services;
}
