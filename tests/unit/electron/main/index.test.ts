import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { contract, METHOD_NAMES } from '../../../../common/contract';
import { makeTempDir } from '../../../fixtures/tempDir';
import { writeValidPack } from '../../../fixtures/packs/makePack';

vi.mock('electron', () => import('../../../mocks/electron'));

type ElectronMock = typeof import('../../../mocks/electron');

/** Evaluates electron/main/index.ts afresh, as a new Electron process would, and waits until it is up. */
async function boot(prepare: (e: ElectronMock) => void = () => {}) {
  vi.resetModules();
  const electron = (await import('electron')) as unknown as ElectronMock;
  electron.resetElectronMock();
  prepare(electron);
  const main = await import('../../../../electron/main/index');
  const kiosk = await main.started;
  return { electron, kiosk };
}

describe('electron/main/index.ts wiring', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let quit: (() => void) | null = null;
  beforeEach(() => {
    tmp = makeTempDir('kiosk-main-');
    vi.stubEnv('KIOSK_DATA_DIR', join(tmp.dir, 'data'));
    // The postcard take-away server on loopback and any free port, never on the machine's LAN.
    vi.stubEnv('KIOSK_TAKEAWAY_HOST', '127.0.0.1');
    vi.stubEnv('KIOSK_TAKEAWAY_PORT', '0');
  });
  afterEach(() => {
    quit?.();
    quit = null;
    vi.unstubAllEnvs();
    tmp.cleanup();
  });

  it('registers the scheme and the sandbox before ready, then installs every handler and opens the kiosk window', async () => {
    const { electron, kiosk } = await boot();
    const { app, protocol, session, ipcMain, BrowserWindow } = electron;
    quit = () => app.emit('will-quit');
    expect(kiosk?.services).not.toBeNull();
    // The mock throws if these run after ready, so passing means the order is right.
    expect(protocol.privileged.map((p) => p.scheme)).toEqual(['app', 'kiosk-print']);
    expect(app.sandboxEnabled).toBe(true);
    expect(app.commandLine.hasSwitch('disable-pinch')).toBe(true);
    expect(protocol.isProtocolHandled('app')).toBe(true);
    expect(session.defaultSession.permissionRequestHandler).toBeTypeOf('function');
    expect(session.defaultSession.permissionCheckHandler).toBeTypeOf('function');
    // The device policy on the default session and on every session created later.
    expect(session.defaultSession.selectDevice('hid', ['d'])).toBeUndefined();
    expect(session.fromPartition('later').selectDevice('usb', ['d'])).toBeUndefined();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(METHOD_NAMES.map((m) => contract[m].channel).sort());

    expect(BrowserWindow.instances).toHaveLength(1);
    const win = BrowserWindow.last();
    expect(win.options).toMatchObject({ kiosk: true, webPreferences: { sandbox: true, contextIsolation: true, devTools: true } });
    expect((win.options.webPreferences as { preload: string }).preload).toBe(
      join(electron.mockState.appPath, 'dist', 'electron', 'preload.cjs'),
    );
    expect(win.webContents.loads).toEqual(['app://kiosk/']);
    // Navigation guard (installed before the window existed), lockdown and crash recovery are attached.
    expect(win.webContents.tryWindowOpen('https://app.evil/')).toBe('deny');
    expect(win.webContents.visualZoomLimits).toEqual([1, 1]);
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(win.webContents.reloads).toBe(1);
    expect(kiosk?.recovery.stats().restarts).toBe(1);
  });

  it('creates the services on KIOSK_DATA_DIR and answers IPC from the kiosk page', async () => {
    const { electron } = await boot();
    quit = () => electron.app.emit('will-quit');
    expect(existsSync(join(tmp.dir, 'data', 'kiosk.db'))).toBe(true);
    const win = electron.BrowserWindow.last();
    const res = await electron.ipcMain.invoke(contract.getKioskState.channel, electron.invokeEvent(win.webContents), { payload: {} });
    expect(res).toMatchObject({ ok: true, value: { runtime: 'electron', appVersion: '0.0.0-mock' } });
  });

  it('starts the postcard take-away server and the silent printer, and stops the server on quit', async () => {
    const { electron, kiosk } = await boot();
    const p = kiosk?.services?.postcards;
    expect(p?.printerKind).toBe('electron');
    const status = p?.takeawayStatus();
    expect(status).toMatchObject({ state: 'listening', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
    expect((await fetch(`${status?.url}/c/${'x'.repeat(43)}`)).status).toBe(404);
    electron.app.emit('will-quit');
    expect(p?.takeaway).toBeNull();
    await expect(fetch(`${status?.url}/`)).rejects.toThrow();
  });

  it('uses the app-data folder when KIOSK_DATA_DIR is not set', async () => {
    vi.stubEnv('KIOSK_DATA_DIR', '');
    const { electron } = await boot((e) => {
      e.mockState.paths.appData = join(tmp.dir, 'appData');
    });
    quit = () => electron.app.emit('will-quit');
    expect(existsSync(join(tmp.dir, 'appData', 'riverside-station-kiosk', 'kiosk.db'))).toBe(true);
  });

  it('quits when the window is gone and closes the services on quit', async () => {
    const { electron, kiosk } = await boot();
    electron.app.emit('window-all-closed');
    expect(electron.mockState.quitCalls).toBe(1);
    electron.app.emit('will-quit');
    expect(kiosk?.services?.db.open).toBe(false);
    expect(kiosk?.schedule?.keepingAwake()).toBe(false);
  });

  it('shows the maintenance screen with the reason when the services cannot start', async () => {
    const blocker = join(tmp.dir, 'not-a-folder');
    writeFileSync(blocker, 'x');
    vi.stubEnv('KIOSK_DATA_DIR', blocker);
    const { electron, kiosk } = await boot();
    expect(kiosk?.services).toBeNull();
    expect(electron.ipcMain.handlers.size).toBe(0);
    expect(electron.protocol.isProtocolHandled('app')).toBe(true);
    const shown = new URL(electron.BrowserWindow.last().webContents.loads.at(-1)!);
    expect(shown.pathname).toBe('/maintenance.html');
    expect(shown.searchParams.get('reason')).toBe('startup-failed');
    expect(shown.searchParams.get('detail')).toMatch(/EEXIST|ENOTDIR|not a directory|file already exists/i);
    // A window re-created by crash recovery shows the same screen, not the app that cannot work.
    const win = electron.BrowserWindow.last();
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(electron.BrowserWindow.instances).toHaveLength(2);
    expect(electron.BrowserWindow.last().webContents.loads[0]).toBe(shown.href);
  });

  it('a second instance quits without opening anything', async () => {
    const { electron, kiosk } = await boot((e) => {
      e.mockState.singleInstanceLock = false;
    });
    expect(kiosk).toBeNull();
    expect(electron.mockState.quitCalls).toBe(1);
    expect(electron.BrowserWindow.instances).toHaveLength(0);
    expect(electron.ipcMain.handlers.size).toBe(0);
  });

  it('reports crash stats to the health service and serves the active pack under app://kiosk/pack/', async () => {
    const preview = join(tmp.dir, 'preview-pack');
    mkdirSync(preview);
    writeFileSync(join(preview, 'hello.txt'), 'from the pack');
    vi.stubEnv('KIOSK_PACK_OVERRIDE', preview);
    const { electron, kiosk } = await boot();
    quit = () => electron.app.emit('will-quit');
    const win = electron.BrowserWindow.last();
    win.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
    expect(kiosk?.services?.health.get()).toMatchObject({ restarts: 1, lastCrashReason: 'renderer-oom' });
    const res = await electron.protocol.handlers.get('app')!(new Request('app://kiosk/pack/hello.txt'));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('from the pack');
  });

  it('an installed build started with --remote-debugging-port exits with code 1 before registering or opening anything, and logs why', async () => {
    const argv = process.argv;
    process.argv = [argv[0] ?? 'electron', '--remote-debugging-port=9222'];
    try {
      const { electron, kiosk } = await boot((e) => {
        e.app.isPackaged = true;
      });
      expect(kiosk).toBeNull();
      expect(electron.mockState.exitCodes).toEqual([1]);
      expect(electron.protocol.privileged).toEqual([]);
      expect(electron.app.sandboxEnabled).toBe(false);
      expect(electron.BrowserWindow.instances).toEqual([]);
      const logs = join(tmp.dir, 'data', 'logs');
      const text = readdirSync(logs)
        .map((f) => readFileSync(join(logs, f), 'utf8'))
        .join('');
      expect(text).toContain('"event":"security.debugging_refused"');
      expect(text).toContain('command-line switch --remote-debugging-port');
    } finally {
      process.argv = argv;
    }
  });

  it('installed builds: no DevTools, and the demo pack is looked for next to app.asar', async () => {
    const resources = join(tmp.dir, 'resources-path');
    const demo = join(resources, 'resources', 'demo-pack');
    mkdirSync(demo, { recursive: true });
    await writeValidPack(demo);
    const original = Object.getOwnPropertyDescriptor(process, 'resourcesPath');
    Object.defineProperty(process, 'resourcesPath', { value: resources, configurable: true });
    try {
      const { electron, kiosk } = await boot((e) => {
        e.app.isPackaged = true;
      });
      quit = () => electron.app.emit('will-quit');
      expect(kiosk?.services?.packs.activeDir()).toBe(demo);
      expect(electron.BrowserWindow.last().options).toMatchObject({ webPreferences: { devTools: false } });
      expect(electron.BrowserWindow.last().webContents.loads).toEqual(['app://kiosk/']);
    } finally {
      if (original) Object.defineProperty(process, 'resourcesPath', original);
      else delete (process as { resourcesPath?: string }).resourcesPath;
    }
  });
});
