/**
 * Electron main process entry (bundled to dist/electron/main.cjs). It only wires the modules of
 * this folder together; each of them is small and tested on its own against tests/mocks/electron.ts.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { app, ipcMain, session } from 'electron';
import { APP_FOLDER } from '../../node/kiosk/dataDir';
import { createFileLogger, type Logger } from '../../node/kiosk/logger';
import { takeawayOverridesFromEnv } from '../../node/kiosk/postcards/takeawayEnv';
import { createServices, type Services } from '../../node/kiosk/services';
import { maintenanceUrl } from './appOrigin';
import { handleAppProtocol, registerAppScheme } from './appProtocol';
import { CrashRecovery } from './crashRecovery';
import { installIpc } from './ipc';
import { disablePinchZoom, installLockdown } from './lockdown';
import { installPrinting } from './printing/installPrinting';
import { installSchedule, type Schedule } from './schedule';
import { installNavigationGuards } from './security/navigation';
import { refuseDebugging } from './security/refuseDebugging';
import { installSessionPolicy } from './security/sessionPolicy';
import { createKioskSecretStore } from './secretStorage';
import { claimSingleInstance } from './singleInstance';
import { createKioskWindow } from './window';

export interface KioskMain {
  /** Null when the services could not start (the maintenance screen says why). */
  services: Services | null;
  recovery: CrashRecovery;
  schedule: Schedule | null;
}

const dataDir = process.env.KIOSK_DATA_DIR?.trim() || join(app.getPath('appData'), APP_FOLDER);

// An installed kiosk started with a debugging switch exits before anything else runs; the reason goes
// to stderr and the data folder's log (created here, since the services that normally create it never start).
const refused = refuseDebugging(app, {
  error(event, fields) {
    const logs = join(dataDir, 'logs');
    try {
      mkdirSync(logs, { recursive: true });
    } catch {
      // stderr still gets the line.
    }
    createFileLogger(logs).error(event, fields);
  },
});

// Before `ready`: privileged scheme registration, the sandbox for every renderer and no pinch-zoom
// (https://www.electronjs.org/docs/latest/tutorial/sandbox#enabling-the-sandbox-globally).
// app.exit() ends the process asynchronously, so nothing else is set up after a refusal.
if (!refused) {
  registerAppScheme();
  app.enableSandbox();
  disablePinchZoom();
}

let recovery: CrashRecovery | null = null;

async function start(): Promise<KioskMain> {
  const appDir = app.getAppPath();
  const production = app.isPackaged;
  const windowConfig = { preload: join(appDir, 'dist', 'electron', 'preload.cjs'), devTools: !production };

  // Installed builds ship the demo pack next to app.asar (electron-builder.yml extraResources); KIOSK_DEMO_PACK_DIR still wins.
  const packs =
    production && !process.env.KIOSK_DEMO_PACK_DIR?.trim()
      ? { demoPackDir: join(process.resourcesPath, 'resources', 'demo-pack') }
      : undefined;

  let services: Services | null = null;
  let startupError: string | null = null;
  try {
    // The upload token goes through the OS keychain where there is one (else the 0600 file of the services).
    services = createServices({
      dataDir,
      appVersion: app.getVersion(),
      runtime: 'electron',
      packs,
      upload: { secrets: createKioskSecretStore(dataDir) },
    });
  } catch (err) {
    startupError = err instanceof Error ? err.message : String(err);
  }
  // createFileLogger never throws; if the data folder is unusable the line still reaches stderr.
  const log: Logger = services?.log ?? createFileLogger(join(dataDir, 'logs'));

  installSessionPolicy(app, session.defaultSession);
  installNavigationGuards(app, log);
  handleAppProtocol({ rendererDir: join(appDir, 'dist', 'renderer'), packDir: () => services?.packs.activeDir() ?? null });

  const openWindow = (url?: string) => {
    const win = createKioskWindow(windowConfig, url);
    installLockdown(win, { production, onOperatorQuit: () => app.quit(), log });
    return win;
  };
  // Without services the kiosk can only show why; a re-created window shows that again.
  const homeUrl = services ? undefined : maintenanceUrl('startup-failed', startupError ?? undefined);
  recovery = new CrashRecovery({ createWindow: () => openWindow(homeUrl), log });
  const current = recovery;
  app.on('window-all-closed', () => app.quit());
  app.on('child-process-gone', (_event, details) => log.warn('app.child_process_gone', { type: details.type, reason: details.reason }));

  if (!services) {
    // For example a database written by a newer kiosk version: say so on screen instead of crash-looping.
    log.error('main.services_failed', { dataDir, error: startupError });
    current.watch(openWindow(homeUrl));
    return { services: null, recovery: current, schedule: null };
  }

  installIpc(ipcMain, { dispatcher: services.dispatcher, getWindow: () => current.window(), log });
  current.watch(openWindow());
  const schedule = installSchedule({ settings: services.settings, log, manageLoginItem: production });
  services.health.provide({
    crashStats: () => {
      const s = current.stats();
      return { restarts: s.restarts, lastCrashReason: s.lastReason };
    },
  });
  // Uploads run only once an operator has set a URL and a token, as in the web host.
  services.uploader.start();
  // Postcards: silent printing through a hidden window, and the take-away server on the
  // station Wi-Fi (KIOSK_TAKEAWAY_HOST/PORT override the settings). A take-away that cannot listen
  // is logged and shown on the operator screen; the kiosk and printing carry on without it.
  installPrinting(services.postcards, log);
  let takeawayOverrides: ReturnType<typeof takeawayOverridesFromEnv> = {};
  try {
    takeawayOverrides = takeawayOverridesFromEnv();
  } catch (err) {
    log.error('main.takeaway_env_invalid', { error: (err as Error).message });
  }
  await services.postcards.startTakeaway(takeawayOverrides).catch(() => null);
  const running = services;
  app.on('will-quit', () => {
    schedule.stop();
    // Closes the take-away server's sockets at once; close() then shuts the database.
    void running.postcards.stopTakeaway();
    running.close();
  });
  return { services, recovery: current, schedule };
}

/** Resolves once the kiosk is up (null in a second instance, which quits). Tests await it. */
export const started: Promise<KioskMain | null> =
  !refused && claimSingleInstance(() => recovery?.window() ?? null) ? app.whenReady().then(start) : Promise.resolve(null);
