import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const APP_FOLDER = 'riverside-station-kiosk';

/**
 * The platform's per-user application-data folder, as Electron's `app.getPath('appData')` would
 * give it (https://www.electronjs.org/docs/latest/api/app#appgetpathname), computed without Electron
 * so that the web host and the command-line tools find the same folder.
 */
export function platformAppData(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (platform === 'win32') return env.APPDATA ?? join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(home, '.config');
}

/** `KIOSK_DATA_DIR` when set (installers and tests), else the app-data folder. */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  const override = env.KIOSK_DATA_DIR?.trim();
  if (override) return resolve(override);
  return join(platformAppData(env, platform, home), APP_FOLDER);
}

export interface DataPaths {
  root: string;
  database: string;
  packs: string;
  postcards: string;
  logs: string;
}

/** Creates (if needed) and returns the folders of the one data folder. */
export function ensureDataPaths(root: string): DataPaths {
  const paths: DataPaths = {
    root,
    database: join(root, 'kiosk.db'),
    packs: join(root, 'packs'),
    postcards: join(root, 'postcards'),
    logs: join(root, 'logs'),
  };
  for (const dir of [root, paths.packs, paths.postcards, paths.logs]) mkdirSync(dir, { recursive: true });
  return paths;
}
