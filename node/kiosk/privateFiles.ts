import { chmodSync, closeSync, existsSync, fchmodSync, mkdirSync, openSync } from 'node:fs';

/**
 * Owner-only modes for everything in the data folder: the kiosk stands in a public room, and other
 * accounts on its PC (a maintenance login, a service) must not read the database, the logs or the
 * upload token. A mode passed to open/mkdir is filtered by the process umask
 * (https://nodejs.org/api/fs.html#file-modes), so every path is chmod-ed after it is created:
 * the result does not depend on the umask the kiosk was started with.
 *
 * On Windows POSIX modes mean nothing (Node only toggles the read-only flag); the data folder there
 * is in the kiosk user's profile (%APPDATA%), which the profile's ACL already keeps to that user.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const posix = (platform: NodeJS.Platform): boolean => platform !== 'win32';

/** Creates the folder (and parents) if needed; the folder itself ends up 0700. */
export function ensurePrivateDir(dir: string, platform: NodeJS.Platform = process.platform): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (posix(platform)) chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Creates the file empty if it does not exist; either way it ends up 0600. */
export function ensurePrivateFile(file: string, platform: NodeJS.Platform = process.platform): void {
  const fd = openSync(file, 'a', PRIVATE_FILE_MODE);
  try {
    if (posix(platform)) fchmodSync(fd, PRIVATE_FILE_MODE);
  } finally {
    closeSync(fd);
  }
}

/** 0600 for a file that exists (nothing for one that does not). */
export function restrictFile(file: string, platform: NodeJS.Platform = process.platform): void {
  if (posix(platform) && existsSync(file)) chmodSync(file, PRIVATE_FILE_MODE);
}
