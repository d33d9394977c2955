// Finds the Electron binary for `npm start` without hanging or printing a stack trace where it cannot be had.
//
// WHY not `require('electron')`: since Electron 45 the npm package downloads its binary on first use of that
// path lookup (node_modules/electron/index.js), synchronously, printing the download's stack trace when it fails
// and waiting as long as the network lets it when packets are dropped. Here the installed binary is looked up
// from the package's own path.txt; when it is missing, the download site is asked first with a short timeout, and
// the package's installer runs only when the site answers.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const PROBE_TIMEOUT_MS = 5000;

/** The binary of the installed package (or ELECTRON_OVERRIDE_DIST_PATH), or null when it is not downloaded. */
export function installedElectron(pkgDir, env = process.env) {
  let relative = null;
  try {
    relative = readFileSync(join(pkgDir, 'path.txt'), 'utf8').trim();
  } catch {
    relative = null;
  }
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const bin = join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return existsSync(bin) ? bin : null;
  }
  if (!relative) return null;
  const bin = join(pkgDir, 'dist', relative);
  return existsSync(bin) ? bin : null;
}

/** The zip @electron/get would fetch (https://github.com/electron/get#usage: ELECTRON_MIRROR, ELECTRON_CUSTOM_DIR). */
export function downloadUrl(version, env = process.env, platform = process.platform, arch = process.arch) {
  const mirror = env.ELECTRON_MIRROR || 'https://github.com/electron/electron/releases/download/';
  const dir = env.ELECTRON_CUSTOM_DIR ? env.ELECTRON_CUSTOM_DIR.replace(/\{\{\s*version\s*\}\}/g, version) : `v${version}`;
  return `${mirror.replace(/\/?$/, '/')}${dir}/electron-v${version}-${platform}-${arch}.zip`;
}

/** Null when `url` answers within `timeoutMs` (any HTTP status below 500), else why not. */
export async function probe(url, { fetchImpl = fetch, timeoutMs = PROBE_TIMEOUT_MS } = {}) {
  try {
    const res = await fetchImpl(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    return res.status < 500 ? null : `its download site answers ${res.status}`;
  } catch (err) {
    const timedOut = err?.name === 'TimeoutError' || err?.name === 'AbortError';
    return timedOut ? `its download site did not answer within ${timeoutMs / 1000} s` : 'its download site cannot be reached';
  }
}

/** Runs the package's own installer (progress on the terminal); resolves with its exit code. */
function runInstaller(pkgDir) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(pkgDir, 'install.js')], { stdio: 'inherit' });
    child.once('exit', (code) => resolve(code ?? 1));
    child.once('error', () => resolve(1));
  });
}

/**
 * `{ bin }` for a usable binary, else `{ reason }` in a few words. Downloads (once, with progress) only when the
 * download site answers; ELECTRON_SKIP_BINARY_DOWNLOAD=1 never downloads.
 */
export async function findElectron({
  pkgDir,
  env = process.env,
  fetchImpl = fetch,
  install = runInstaller,
  timeoutMs = PROBE_TIMEOUT_MS,
  say = console.log,
} = {}) {
  if (!pkgDir || !existsSync(join(pkgDir, 'package.json'))) return { reason: 'the electron package is not installed' };
  const found = installedElectron(pkgDir, env);
  if (found) return { bin: found };
  const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD && env.ELECTRON_SKIP_BINARY_DOWNLOAD !== '0') {
    return { reason: `the Electron ${version} binary is not downloaded and ELECTRON_SKIP_BINARY_DOWNLOAD is set` };
  }
  const unreachable = await probe(downloadUrl(version, env), { fetchImpl, timeoutMs });
  if (unreachable) return { reason: `the Electron ${version} binary is not downloaded and ${unreachable}` };
  say(`Downloading Electron ${version} (first start only)...`);
  const code = await install(pkgDir);
  const bin = code === 0 ? installedElectron(pkgDir, env) : null;
  return bin ? { bin } : { reason: `the Electron ${version} download failed` };
}
