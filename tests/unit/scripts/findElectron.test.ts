import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { downloadUrl, findElectron, installedElectron } from '../../../scripts/findElectron.mjs';
import { makeTempDir } from '../../fixtures/tempDir';

let tmp: ReturnType<typeof makeTempDir>;
let pkgDir: string;
beforeEach(() => {
  tmp = makeTempDir('find-electron-');
  // An electron package as npm installs it since Electron 45: no binary, no path.txt.
  pkgDir = join(tmp.dir, 'electron');
  mkdirSync(pkgDir);
  writeFileSync(join(pkgDir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.6.1' }));
});
afterEach(() => tmp.cleanup());

/** What the package's installer leaves behind. */
function putBinary(dir: string) {
  mkdirSync(join(dir, 'dist'), { recursive: true });
  writeFileSync(join(dir, 'dist', 'electron'), '');
  writeFileSync(join(dir, 'path.txt'), 'electron');
}

const noInstall = async () => {
  throw new Error('the installer must not run');
};

describe('findElectron (npm start)', () => {
  it('uses a downloaded binary without asking the network', async () => {
    putBinary(pkgDir);
    const fetchImpl = async () => {
      throw new Error('no network expected');
    };
    expect(await findElectron({ pkgDir, env: {}, fetchImpl, install: noInstall })).toEqual({ bin: join(pkgDir, 'dist', 'electron') });
  });

  it('falls back at once, with one reason and no download, when the download site cannot be reached', async () => {
    const fetchImpl = async () => {
      throw new TypeError('fetch failed');
    };
    const said: string[] = [];
    const r = await findElectron({ pkgDir, env: {}, fetchImpl, install: noInstall, say: (l) => said.push(l) });
    expect(r).toEqual({ reason: 'the Electron 45.6.1 binary is not downloaded and its download site cannot be reached' });
    expect(said).toEqual([]);
  });

  it('does not hang when the network drops packets: the probe gives up after its timeout', async () => {
    // A fetch that never answers unless aborted, like a firewall that drops packets.
    const fetchImpl = (_url: string, init: { signal: AbortSignal }) =>
      new Promise<{ status: number }>((_resolve, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason)));
    const t0 = Date.now();
    const r = await findElectron({ pkgDir, env: {}, fetchImpl, install: noInstall, timeoutMs: 200 });
    expect(r).toEqual({ reason: 'the Electron 45.6.1 binary is not downloaded and its download site did not answer within 0.2 s' });
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('downloads through the package installer when the site answers, then uses the binary', async () => {
    const asked: string[] = [];
    const fetchImpl = async (url: string, init: { method: string }) => {
      asked.push(`${init.method} ${url}`);
      return { status: 302 };
    };
    const said: string[] = [];
    const install = async (dir: string) => {
      putBinary(dir);
      return 0;
    };
    const r = await findElectron({ pkgDir, env: {}, fetchImpl, install, say: (l) => said.push(l) });
    expect(r).toEqual({ bin: join(pkgDir, 'dist', 'electron') });
    expect(asked).toEqual([`HEAD ${downloadUrl('45.6.1', {})}`]);
    expect(said).toEqual(['Downloading Electron 45.6.1 (first start only)...']);
  });

  it('reports a failed download, or a missing package, in a few words', async () => {
    expect(await findElectron({ pkgDir: join(tmp.dir, 'absent'), env: {}, install: noInstall })).toEqual({
      reason: 'the electron package is not installed',
    });
    expect(await findElectron({ pkgDir: null, env: {}, install: noInstall })).toEqual({ reason: 'the electron package is not installed' });
    const r = await findElectron({ pkgDir, env: {}, fetchImpl: async () => ({ status: 200 }), install: async () => 1, say: () => {} });
    expect(r).toEqual({ reason: 'the Electron 45.6.1 download failed' });
  });

  it('never downloads with ELECTRON_SKIP_BINARY_DOWNLOAD, and honours ELECTRON_OVERRIDE_DIST_PATH and ELECTRON_MIRROR', async () => {
    const fetchImpl = async () => ({ status: 200 });
    expect(await findElectron({ pkgDir, env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, fetchImpl, install: noInstall })).toEqual({
      reason: 'the Electron 45.6.1 binary is not downloaded and ELECTRON_SKIP_BINARY_DOWNLOAD is set',
    });
    const override = join(tmp.dir, 'override');
    mkdirSync(override);
    writeFileSync(join(override, 'electron'), '');
    expect(installedElectron(pkgDir, { ELECTRON_OVERRIDE_DIST_PATH: override })).toBe(join(override, 'electron'));
    expect(downloadUrl('45.6.1', { ELECTRON_MIRROR: 'https://npmmirror.com/mirrors/electron/' }, 'linux', 'x64')).toBe(
      'https://npmmirror.com/mirrors/electron/v45.6.1/electron-v45.6.1-linux-x64.zip',
    );
    expect(downloadUrl('45.6.1', {}, 'win32', 'x64')).toBe(
      'https://github.com/electron/electron/releases/download/v45.6.1/electron-v45.6.1-win32-x64.zip',
    );
  });

  it('start.mjs never loads the electron package (whose main module downloads on first use)', () => {
    const start = readFileSync('scripts/start.mjs', 'utf8');
    expect(start).not.toMatch(/require\(\s*['"]electron['"]\s*\)/);
    expect(start).toContain('findElectron({ pkgDir: electronPackageDir() })');
  });
});
