/**
 * The one fake `electron` module for Vitest (the Electron binary cannot run on the build machines).
 *
 * Use it with `vi.mock('electron', () => import('../../../mocks/electron'))`; import the same file
 * directly to drive it (emit events, read what was recorded) and call `resetElectronMock()` in
 * `beforeEach`. It mirrors the behaviour the main process relies on, including the parts that
 * fail loudly in real Electron: a second `ipcMain.handle` for one channel throws,
 * `registerSchemesAsPrivileged` after `ready` throws, `exposeInMainWorld` twice on one key throws.
 * API reference: https://www.electronjs.org/docs/latest/api/app (and the sibling pages).
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Electron's `Event`: `preventDefault()` plus the event's own fields. */
export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
  [field: string]: unknown;
}
export function fakeEvent(fields: Record<string, unknown> = {}): FakeEvent {
  const e: FakeEvent = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      e.defaultPrevented = true;
    },
  };
  return e;
}

/** https://www.electronjs.org/docs/latest/api/web-frame-main */
export class WebFrameMain {
  constructor(
    public url: string,
    public parent: WebFrameMain | null = null,
  ) {}
  get top(): WebFrameMain {
    return this.parent ? this.parent.top : this;
  }
}

let nextId = 1;

/** https://www.electronjs.org/docs/latest/api/web-contents */
export class WebContents extends EventEmitter {
  readonly id = nextId++;
  /** The session it belongs to (the default one unless its window named a partition). */
  readonly session: Session;
  constructor(ses?: Session) {
    super();
    this.session = ses ?? session.defaultSession;
  }
  readonly mainFrame = new WebFrameMain('');
  readonly loads: string[] = [];
  reloads = 0;
  forcedCrashes = 0;
  crashed = false;
  destroyed = false;
  devToolsOpen = false;
  zoomLevel = 0;
  visualZoomLimits: [number, number] | null = null;
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;

  /** What its session's protocol handlers answered to `loadURL` (a URL of a scheme that session handles). */
  readonly served: Array<{ url: string; status: number; headers: Record<string, string>; text: string }> = [];
  async loadURL(url: string): Promise<void> {
    this.loads.push(url);
    this.mainFrame.url = url;
    this.crashed = false;
    // Only the custom schemes of this webContents' own session are served here, as in Chromium.
    const handler = this.session.protocol.handlers.get(url.slice(0, Math.max(0, url.indexOf(':'))));
    if (!handler) return;
    const res = await handler(new Request(url));
    this.served.push({ url, status: res.status, headers: Object.fromEntries(res.headers), text: await res.text() });
  }
  /** Records the file's URL in `loads` and its text in `loadedFiles`, read at load time as Chromium would. */
  readonly loadedFiles: Array<{ path: string; text: string }> = [];
  loadFile(path: string): Promise<void> {
    try {
      this.loadedFiles.push({ path, text: readFileSync(path, 'utf8') });
    } catch (err) {
      return Promise.reject(new Error(`ERR_FILE_NOT_FOUND (-6) loading '${pathToFileURL(path).href}': ${(err as Error).message}`));
    }
    return this.loadURL(pathToFileURL(path).href);
  }
  /** `print()` options, in order; answers with `mockState.printResult` on the next turn, as Chromium does asynchronously. */
  readonly prints: Array<Record<string, unknown>> = [];
  print(options: Record<string, unknown> = {}, callback?: (success: boolean, failureReason: string) => void): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.prints.push(options);
    const { success, failureReason } = mockState.printResult;
    setImmediate(() => callback?.(success, failureReason));
  }
  /** https://www.electronjs.org/docs/latest/api/structures/printer-info */
  getPrintersAsync(): Promise<Array<{ name: string; displayName: string; description: string; options: Record<string, string> }>> {
    return Promise.resolve(structuredClone(mockState.printers));
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  reload(): void {
    this.reloads += 1;
    this.crashed = false;
  }
  isCrashed(): boolean {
    return this.crashed;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  forcefullyCrashRenderer(): void {
    this.forcedCrashes += 1;
    this.crashed = true;
  }
  setWindowOpenHandler(handler: WebContents['windowOpenHandler']): void {
    this.windowOpenHandler = handler;
  }
  setVisualZoomLevelLimits(min: number, max: number): Promise<void> {
    this.visualZoomLimits = [min, max];
    return Promise.resolve();
  }
  setZoomLevel(level: number): void {
    this.zoomLevel = level;
  }
  getZoomLevel(): number {
    return this.zoomLevel;
  }
  openDevTools(): void {
    this.devToolsOpen = true;
  }
  closeDevTools(): void {
    this.devToolsOpen = false;
  }
  isDevToolsOpened(): boolean {
    return this.devToolsOpen;
  }
  focus(): void {}
  /**
   * Test helper: the device a page's `navigator.bluetooth.requestDevice()` gets. Without a listener Electron cancels;
   * a listener that does not call preventDefault() lets it pick the first device
   * (https://www.electronjs.org/docs/latest/api/web-contents#event-select-bluetooth-device).
   */
  selectBluetoothDevice(deviceIds: string[]): string | undefined {
    if (this.listenerCount('select-bluetooth-device') === 0) return undefined;
    const e = fakeEvent();
    let chosen = '';
    this.emit(
      'select-bluetooth-device',
      e,
      deviceIds.map((deviceId) => ({ deviceId, deviceName: deviceId })),
      (id: string) => {
        chosen = id;
      },
    );
    if (!e.defaultPrevented) return deviceIds[0];
    return chosen || undefined;
  }
  /** Test helper: what `window.open(url)` in the page would get. */
  tryWindowOpen(url: string): 'allow' | 'deny' {
    return this.windowOpenHandler ? this.windowOpenHandler({ url }).action : 'allow';
  }
}

/** https://www.electronjs.org/docs/latest/api/browser-window */
export class BrowserWindow extends EventEmitter {
  static readonly instances: BrowserWindow[] = [];
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.instances.filter((w) => !w.destroyed);
  }
  static last(): BrowserWindow {
    const w = BrowserWindow.instances.at(-1);
    if (!w) throw new Error('electron mock: no BrowserWindow was created');
    return w;
  }

  readonly webContents: WebContents;
  visible: boolean;
  focused = false;
  minimized = false;
  destroyed = false;
  kiosk: boolean;

  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    const prefs = (options.webPreferences ?? {}) as { session?: Session; partition?: string };
    this.webContents = new WebContents(
      prefs.session ?? (prefs.partition ? session.fromPartition(prefs.partition) : session.defaultSession),
    );
    this.visible = options.show !== false;
    this.kiosk = options.kiosk === true;
    BrowserWindow.instances.push(this);
    app.emit('web-contents-created', fakeEvent(), this.webContents);
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  loadFile(path: string): Promise<void> {
    return this.webContents.loadFile(path);
  }
  reload(): void {
    this.webContents.reload();
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  isVisible(): boolean {
    return this.visible;
  }
  focus(): void {
    this.focused = true;
  }
  restore(): void {
    this.minimized = false;
  }
  minimize(): void {
    this.minimized = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  setKiosk(flag: boolean): void {
    this.kiosk = flag;
  }
  isKiosk(): boolean {
    return this.kiosk;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  close(): void {
    const e = fakeEvent();
    this.emit('close', e);
    if (!e.defaultPrevented) this.destroy();
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

interface MockState {
  ready: boolean;
  readyPromise: Promise<void> | null;
  singleInstanceLock: boolean;
  paths: Record<string, string>;
  appPath: string;
  quitCalls: number;
  /** The codes `app.exit()` was called with. */
  exitCodes: number[];
  loginItemSettings: Array<Record<string, unknown>>;
  /** What `webContents.getPrintersAsync()` returns. */
  printers: Array<{ name: string; displayName: string; description: string; options: Record<string, string> }>;
  /** What `webContents.print()` calls back with. */
  printResult: { success: boolean; failureReason: string };
}
export const mockState: MockState = {
  ready: false,
  readyPromise: null,
  singleInstanceLock: true,
  paths: {},
  appPath: process.cwd(),
  quitCalls: 0,
  exitCodes: [],
  loginItemSettings: [],
  printers: [],
  printResult: { success: true, failureReason: '' },
};

class App extends EventEmitter {
  isPackaged = false;
  readonly commandLine = {
    switches: new Map<string, string>(),
    appendSwitch(name: string, value = ''): void {
      if (mockState.ready) throw new Error(`electron mock: --${name} appended after ready has no effect`);
      this.switches.set(name, value);
    },
    hasSwitch(name: string): boolean {
      return this.switches.has(name);
    },
  };
  sandboxEnabled = false;
  enableSandbox(): void {
    if (mockState.ready) throw new Error('app.enableSandbox() can only be called before app is ready');
    this.sandboxEnabled = true;
  }
  whenReady(): Promise<void> {
    mockState.readyPromise ??= Promise.resolve().then(() => {
      mockState.ready = true;
      this.emit('ready');
    });
    return mockState.readyPromise;
  }
  isReady(): boolean {
    return mockState.ready;
  }
  requestSingleInstanceLock(): boolean {
    return mockState.singleInstanceLock;
  }
  quit(): void {
    mockState.quitCalls += 1;
  }
  exit(exitCode = 0): void {
    mockState.quitCalls += 1;
    mockState.exitCodes.push(exitCode);
  }
  getPath(name: string): string {
    return mockState.paths[name] ?? join(tmpdir(), 'electron-mock', name);
  }
  getAppPath(): string {
    return mockState.appPath;
  }
  getVersion(): string {
    return '0.0.0-mock';
  }
  setLoginItemSettings(settings: Record<string, unknown>): void {
    mockState.loginItemSettings.push(settings);
  }
}
export const app = new App();

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;
class IpcMain extends EventEmitter {
  readonly handlers = new Map<string, InvokeHandler>();
  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Test helper: call a handler the way Electron does, rejecting like `ipcRenderer.invoke` when none exists. */
  async invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`No handler registered for '${channel}'`);
    return h(event, ...args);
  }
}
export const ipcMain = new IpcMain();

/** The event `ipcMain.handle` gets from a frame of `sender` (the main frame unless `frame` is given). */
export function invokeEvent(sender: WebContents, frame: WebFrameMain | null = sender.mainFrame): Record<string, unknown> {
  return { sender, senderFrame: frame, processId: 1, frameId: 1 };
}

type ProtocolHandler = (request: Request) => Response | Promise<Response>;
/** https://www.electronjs.org/docs/latest/api/protocol: the module is the default session's; every session has one. */
function makeProtocol() {
  return {
    handlers: new Map<string, ProtocolHandler>(),
    handle(scheme: string, handler: ProtocolHandler): void {
      if (!mockState.ready) throw new Error('protocol.handle can only be used after app is ready');
      if (this.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
      this.handlers.set(scheme, handler);
    },
    unhandle(scheme: string): void {
      this.handlers.delete(scheme);
    },
    isProtocolHandled(scheme: string): boolean {
      return this.handlers.has(scheme);
    },
  };
}
type SessionProtocol = ReturnType<typeof makeProtocol>;
export const protocol = Object.assign(makeProtocol(), {
  privileged: [] as Array<{ scheme: string; privileges?: Record<string, boolean> }>,
  privilegedCalls: 0,
  /** "can only be used before the ready event ... and can be called only once" (Electron docs). */
  registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges?: Record<string, boolean> }>): void {
    if (mockState.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    if (this.privilegedCalls++ > 0) throw new Error('electron mock: registerSchemesAsPrivileged can be called only once');
    this.privileged.push(...schemes);
  },
});

type PermissionRequestHandler = (
  wc: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: Record<string, unknown>,
) => void;
type PermissionCheckHandler = (wc: unknown, permission: string, origin: string, details: Record<string, unknown>) => boolean;
/** https://www.electronjs.org/docs/latest/api/session */
export class Session extends EventEmitter {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  devicePermissionHandler: ((details: Record<string, unknown>) => boolean) | null = null;
  usbProtectedClassesHandler: ((details: { protectedClasses: string[] }) => string[]) | null = null;
  bluetoothPairingHandler:
    ((details: Record<string, unknown>, callback: (response: { confirmed: boolean; pin?: string }) => void) => void) | null = null;
  readonly protocol: SessionProtocol;
  readonly webRequest = {
    headersReceived: [] as unknown[],
    onHeadersReceived(listener: unknown): void {
      this.headersReceived.push(listener);
    },
  };
  constructor(
    readonly partition: string,
    proto: SessionProtocol = makeProtocol(),
  ) {
    super();
    this.protocol = proto;
  }
  setPermissionRequestHandler(h: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = h;
  }
  setPermissionCheckHandler(h: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = h;
  }
  setDevicePermissionHandler(h: ((details: Record<string, unknown>) => boolean) | null): void {
    this.devicePermissionHandler = h;
  }
  setUSBProtectedClassesHandler(h: Session['usbProtectedClassesHandler']): void {
    this.usbProtectedClassesHandler = h;
  }
  setBluetoothPairingHandler(h: Session['bluetoothPairingHandler']): void {
    this.bluetoothPairingHandler = h;
  }
  /** Test helper: resolves with what the installed request handler granted (Electron's default is to grant). */
  request(wc: unknown, permission: string, details: Record<string, unknown>): Promise<boolean> {
    const h = this.permissionRequestHandler;
    if (!h) return Promise.resolve(true);
    return new Promise((resolve) => h(wc, permission, resolve, details));
  }
  /**
   * Test helper: what a page's `navigator.hid/usb.requestDevice()` or `navigator.serial.requestPort()` gets. Without a
   * listener Chromium cancels the request; with one that does not call preventDefault() it picks the first device
   * (https://www.electronjs.org/docs/latest/api/session#event-select-hid-device); otherwise what the callback chose.
   */
  selectDevice(kind: 'hid' | 'usb' | 'serial', deviceIds: string[], wc: unknown = null): string | undefined {
    const name = kind === 'serial' ? 'select-serial-port' : `select-${kind}-device`;
    if (this.listenerCount(name) === 0) return undefined;
    const e = fakeEvent();
    let chosen: string | undefined | null = null;
    const callback = (id?: string | null) => {
      chosen = id ?? undefined;
    };
    if (kind === 'serial')
      this.emit(
        name,
        e,
        deviceIds.map((portId) => ({ portId, portName: portId })),
        wc,
        callback,
      );
    else this.emit(name, e, { deviceList: deviceIds.map((deviceId) => ({ deviceId })), frame: null }, callback);
    if (!e.defaultPrevented) return deviceIds[0];
    return chosen === '' ? undefined : (chosen ?? undefined);
  }
}
const partitions = new Map<string, Session>();
export const session = {
  defaultSession: new Session('', protocol),
  /** "Session can only be received when app is ready"; one Session per partition string. */
  fromPartition(partition: string): Session {
    if (!mockState.ready) throw new Error('Session can only be received when app is ready');
    if (partition === '') return this.defaultSession;
    let s = partitions.get(partition);
    if (!s) {
      s = new Session(partition);
      partitions.set(partition, s);
      app.emit('session-created', s);
    }
    return s;
  },
};

export const powerSaveBlocker = {
  nextId: 1,
  active: new Map<number, string>(),
  history: [] as Array<{ action: 'start' | 'stop'; id: number; type?: string }>,
  start(type: string): number {
    const id = this.nextId++;
    this.active.set(id, type);
    this.history.push({ action: 'start', id, type });
    return id;
  },
  stop(id: number): boolean {
    this.history.push({ action: 'stop', id });
    return this.active.delete(id);
  },
  isStarted(id: number): boolean {
    return this.active.has(id);
  },
};

/** Reversible but not plain: enough to prove the bytes on disk are not the secret. */
export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret',
  isEncryptionAvailable(): boolean {
    if (!mockState.ready) throw new Error('safeStorage is only usable after app ready');
    return this.available;
  },
  encryptString(plain: string): Buffer {
    return Buffer.from(`enc:${Buffer.from(plain, 'utf8').reverse().toString('base64')}`);
  },
  decryptString(stored: Buffer): string {
    const text = stored.toString('utf8');
    if (!text.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(text.slice(4), 'base64').reverse().toString('utf8');
  },
  getSelectedStorageBackend(): string {
    return this.backend;
  },
};

export const Menu = {
  applicationMenu: undefined as unknown,
  setApplicationMenu(menu: unknown): void {
    this.applicationMenu = menu;
  },
  getApplicationMenu(): unknown {
    return this.applicationMenu ?? null;
  },
};

export const net = {
  fetch: (input: string | Request, init?: RequestInit): Promise<Response> => fetch(input, init),
  isOnline: (): boolean => false,
};

/** Preload side: https://www.electronjs.org/docs/latest/api/context-bridge */
export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    if (this.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
    this.exposed.set(key, api);
  },
};

/** Preload side: `invoke` reaches the handler registered with `ipcMain.handle` from the last window's main frame. */
export const ipcRenderer = {
  invocations: [] as Array<{ channel: string; args: unknown[] }>,
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push({ channel, args });
    const sender = BrowserWindow.instances.at(-1)?.webContents ?? new WebContents();
    return ipcMain.invoke(channel, invokeEvent(sender), ...args);
  },
};

/** Puts every fake back to its start state (objects are mutated in place: modules hold references). */
export function resetElectronMock(): void {
  for (const e of [app, ipcMain, session.defaultSession]) e.removeAllListeners();
  BrowserWindow.instances.length = 0;
  Object.assign(mockState, {
    ready: false,
    readyPromise: null,
    singleInstanceLock: true,
    paths: {},
    appPath: process.cwd(),
    quitCalls: 0,
    exitCodes: [],
    loginItemSettings: [],
    printers: [],
    printResult: { success: true, failureReason: '' },
  });
  app.isPackaged = false;
  app.sandboxEnabled = false;
  app.commandLine.switches.clear();
  ipcMain.handlers.clear();
  const s = session.defaultSession;
  s.permissionRequestHandler = null;
  s.permissionCheckHandler = null;
  s.devicePermissionHandler = null;
  s.usbProtectedClassesHandler = null;
  s.bluetoothPairingHandler = null;
  s.webRequest.headersReceived.length = 0;
  partitions.clear();
  protocol.privileged.length = 0;
  protocol.privilegedCalls = 0;
  protocol.handlers.clear();
  powerSaveBlocker.active.clear();
  powerSaveBlocker.history.length = 0;
  Menu.applicationMenu = undefined;
  contextBridge.exposed.clear();
  ipcRenderer.invocations.length = 0;
  safeStorage.available = true;
  safeStorage.backend = 'gnome_libsecret';
}

export default {
  app,
  BrowserWindow,
  ipcMain,
  ipcRenderer,
  contextBridge,
  session,
  Session,
  protocol,
  powerSaveBlocker,
  safeStorage,
  Menu,
  net,
  WebContents,
  WebFrameMain,
};
