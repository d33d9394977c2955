import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensurePrivateDir, restrictFile } from './privateFiles';

export const APP_FOLDER = 'riverside-station-kiosk';

/**
 * The platform's per-user application-data folder, as Electron's `app.getPath('appData')` would
 * give it (https://www.electronjs.org/docs/latest/api/app#appgetpathname), computed without Electron
 * so that the web host and the command-line tools find the same folder.
 */
export function platformAppData(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home = homedir(),
): string {
  if (platform === 'win32') return env.APPDATA ?? join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(home, '.config');
}

/** `KIOSK_DATA_DIR` when set (installers and tests), else the app-data folder. */
export function resolveDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home = homedir(),
): string {
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

/** Files in the data folder that hold secrets or visitor-derived data, besides the logs. */
const PRIVATE_FILES = ['kiosk.db', 'kiosk.db-wal', 'kiosk.db-shm', 'secrets.json', 'provisioning.json'];

/**
 * Creates (if needed) and returns the folders of the one data folder, all owner-only (0700), and
 * tightens files an older version created with default modes (privateFiles.ts says why).
 */
export function ensureDataPaths(root: string): DataPaths {
  const paths: DataPaths = {
    root,
    database: join(root, 'kiosk.db'),
    packs: join(root, 'packs'),
    postcards: join(root, 'postcards'),
    logs: join(root, 'logs'),
  };
  for (const dir of [root, paths.packs, paths.postcards, paths.logs]) ensurePrivateDir(dir);
  for (const name of PRIVATE_FILES) restrictFile(join(root, name));
  for (const name of readdirSync(paths.logs)) if (name.endsWith('.log')) restrictFile(join(paths.logs, name));
  return paths;
}
