/**
 * The part of Electron 39's API that electron/main and electron/preload use, with the signatures
 * copied from the `electron` package's electron.d.ts (https://www.electronjs.org/docs/latest/api/app
 * and siblings).
 *
 * WHY: `electron` is an optionalDependency whose postinstall downloads the Electron binary; on
 * machines without that download (the build and CI machines here) npm drops the whole package,
 * types included, and `tsc` could not check the main process. tsconfig.node.json maps the module
 * name `electron` to this file. The code was also checked against the real electron.d.ts of
 * electron@39.8.10; when adding a use of a new Electron API, copy its signature from there.
 */

type PermissionRequestName =
  | 'clipboard-read' | 'clipboard-sanitized-write' | 'display-capture' | 'fullscreen' | 'geolocation' | 'idle-detection'
  | 'media' | 'mediaKeySystem' | 'midi' | 'midiSysex' | 'notifications' | 'pointerLock' | 'keyboardLock' | 'openExternal'
  | 'speaker-selection' | 'storage-access' | 'top-level-storage-access' | 'window-management' | 'unknown' | 'fileSystem';
type PermissionCheckName =
  | 'clipboard-read' | 'clipboard-sanitized-write' | 'geolocation' | 'fullscreen' | 'hid' | 'idle-detection' | 'media'
  | 'mediaKeySystem' | 'midi' | 'midiSysex' | 'notifications' | 'openExternal' | 'pointerLock' | 'serial' | 'storage-access'
  | 'top-level-storage-access' | 'usb' | 'deprecated-sync-clipboard-read' | 'fileSystem';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- Electron's own signature
export type Event<Params extends object = {}> = { preventDefault: () => void; readonly defaultPrevented: boolean } & Params;

export interface Input {
  type: string;
  key: string;
  code: string;
  isAutoRepeat: boolean;
  isComposing: boolean;
  shift: boolean;
  control: boolean;
  alt: boolean;
  meta: boolean;
  location: number;
  modifiers: string[];
}

export interface RenderProcessGoneDetails {
  exitCode: number;
  reason: 'clean-exit' | 'abnormal-exit' | 'killed' | 'crashed' | 'oom' | 'launch-failed' | 'integrity-failure' | 'memory-eviction';
}

export interface Details {
  type: 'Utility' | 'Zygote' | 'Sandbox helper' | 'GPU' | 'Pepper Plugin' | 'Pepper Plugin Broker' | 'Unknown';
  reason: 'clean-exit' | 'abnormal-exit' | 'killed' | 'crashed' | 'oom' | 'launch-failed' | 'integrity-failure' | 'memory-eviction';
  exitCode: number;
  serviceName?: string;
  name?: string;
}

export interface WebFrameMain {
  readonly url: string;
  readonly origin: string;
  readonly top: WebFrameMain | null;
  readonly parent: WebFrameMain | null;
}

interface NavigationEventParams {
  url: string;
  isSameDocument: boolean;
  isMainFrame: boolean;
  frame: WebFrameMain | null;
  initiator?: WebFrameMain | null;
}
export type WebContentsWillNavigateEventParams = NavigationEventParams;
export type WebContentsWillFrameNavigateEventParams = NavigationEventParams;
export type WebContentsWillRedirectEventParams = NavigationEventParams;

export interface HandlerDetails {
  url: string;
  frameName: string;
  features: string;
  disposition: 'default' | 'foreground-tab' | 'background-tab' | 'new-window' | 'other';
}
export interface WindowOpenHandlerResponse {
  action: 'allow' | 'deny';
  overrideBrowserWindowOptions?: BrowserWindowConstructorOptions;
  outlivesOpener?: boolean;
}

export interface WebPreferences {
  devTools?: boolean;
  nodeIntegration?: boolean;
  nodeIntegrationInWorker?: boolean;
  nodeIntegrationInSubFrames?: boolean;
  preload?: string;
  sandbox?: boolean;
  webSecurity?: boolean;
  allowRunningInsecureContent?: boolean;
  experimentalFeatures?: boolean;
  backgroundThrottling?: boolean;
  contextIsolation?: boolean;
  webviewTag?: boolean;
  spellcheck?: boolean;
  navigateOnDragDrop?: boolean;
  javascript?: boolean;
  partition?: string;
}

/** https://www.electronjs.org/docs/latest/api/structures/printer-info */
export interface PrinterInfo {
  name: string;
  displayName: string;
  description: string;
  options: Record<string, string>;
}

/** https://www.electronjs.org/docs/latest/api/web-contents#contentsprintoptions-callback (pageSize in microns). */
export interface WebContentsPrintOptions {
  silent?: boolean;
  printBackground?: boolean;
  deviceName?: string;
  color?: boolean;
  margins?: { marginType?: 'default' | 'none' | 'printableArea' | 'custom'; top?: number; bottom?: number; left?: number; right?: number };
  landscape?: boolean;
  scaleFactor?: number;
  copies?: number;
  pageSize?: 'A0' | 'A1' | 'A2' | 'A3' | 'A4' | 'A5' | 'A6' | 'Legal' | 'Letter' | 'Tabloid' | { width: number; height: number };
  usePrinterDefaultPageSize?: boolean;
}

export interface BrowserWindowConstructorOptions {
  width?: number;
  height?: number;
  show?: boolean;
  frame?: boolean;
  kiosk?: boolean;
  fullscreen?: boolean;
  title?: string;
  autoHideMenuBar?: boolean;
  backgroundColor?: string;
  webPreferences?: WebPreferences;
}

export class WebContents extends NodeJS.EventEmitter {
  readonly id: number;
  readonly mainFrame: WebFrameMain;
  on(event: 'will-navigate', listener: (details: Event<WebContentsWillNavigateEventParams>, url: string, isInPlace: boolean, isMainFrame: boolean, frameProcessId: number, frameRoutingId: number) => void): this;
  on(event: 'will-redirect', listener: (details: Event<WebContentsWillRedirectEventParams>, url: string, isInPlace: boolean, isMainFrame: boolean, frameProcessId: number, frameRoutingId: number) => void): this;
  on(event: 'will-frame-navigate', listener: (details: Event<WebContentsWillFrameNavigateEventParams>) => void): this;
  on(event: 'will-attach-webview', listener: (event: Event, webPreferences: WebPreferences, params: Record<string, string>) => void): this;
  on(event: 'render-process-gone', listener: (event: Event, details: RenderProcessGoneDetails) => void): this;
  on(event: 'before-input-event', listener: (event: Event, input: Input) => void): this;
  on(event: 'context-menu', listener: (event: Event, params: Record<string, unknown>) => void): this;
  on(event: 'zoom-changed', listener: (event: Event, zoomDirection: 'in' | 'out') => void): this;
  on(event: 'did-finish-load' | 'devtools-opened', listener: () => void): this;
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void;
  loadURL(url: string): Promise<void>;
  getURL(): string;
  reload(): void;
  isCrashed(): boolean;
  isDestroyed(): boolean;
  forcefullyCrashRenderer(): void;
  setVisualZoomLevelLimits(minimumLevel: number, maximumLevel: number): Promise<void>;
  setZoomLevel(level: number): void;
  closeDevTools(): void;
  loadFile(filePath: string): Promise<void>;
  print(options?: WebContentsPrintOptions, callback?: (success: boolean, failureReason: string) => void): void;
  getPrintersAsync(): Promise<PrinterInfo[]>;
}

export class BrowserWindow extends NodeJS.EventEmitter {
  constructor(options?: BrowserWindowConstructorOptions);
  static getAllWindows(): BrowserWindow[];
  readonly webContents: WebContents;
  on(event: 'ready-to-show' | 'unresponsive' | 'responsive' | 'closed', listener: () => void): this;
  once(event: 'ready-to-show' | 'unresponsive' | 'responsive' | 'closed', listener: () => void): this;
  loadURL(url: string): Promise<void>;
  loadFile(filePath: string): Promise<void>;
  reload(): void;
  show(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
  isDestroyed(): boolean;
  destroy(): void;
}

export interface IpcMainInvokeEvent extends Event {
  processId: number;
  frameId: number;
  sender: WebContents;
  senderFrame: WebFrameMain | null;
}
export interface IpcMain extends NodeJS.EventEmitter {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Electron's own signature
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: any[]) => Promise<any> | any): void;
  removeHandler(channel: string): void;
}

export interface Settings {
  openAtLogin?: boolean;
  openAsHidden?: boolean;
  path?: string;
  args?: string[];
}

export interface CommandLine {
  appendSwitch(the_switch: string, value?: string): void;
  hasSwitch(the_switch: string): boolean;
}

export interface App extends NodeJS.EventEmitter {
  readonly commandLine: CommandLine;
  on(event: 'web-contents-created', listener: (event: Event, webContents: WebContents) => void): this;
  on(event: 'second-instance', listener: (event: Event, argv: string[], workingDirectory: string, additionalData: unknown) => void): this;
  on(event: 'child-process-gone', listener: (event: Event, details: Details) => void): this;
  on(event: 'window-all-closed' | 'will-quit' | 'before-quit' | 'ready', listener: (event: Event) => void): this;
  readonly isPackaged: boolean;
  whenReady(): Promise<void>;
  requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean;
  quit(): void;
  exit(exitCode?: number): void;
  enableSandbox(): void;
  getPath(name: 'home' | 'appData' | 'userData' | 'sessionData' | 'temp' | 'exe' | 'module' | 'desktop' | 'documents' | 'downloads' | 'logs' | 'crashDumps'): string;
  getAppPath(): string;
  getVersion(): string;
  setLoginItemSettings(settings: Settings): void;
}

export interface PermissionRequest {
  isMainFrame: boolean;
  requestingUrl: string;
}
export interface MediaAccessPermissionRequest extends PermissionRequest {
  mediaTypes?: Array<'video' | 'audio'>;
  securityOrigin?: string;
}
export interface OpenExternalPermissionRequest extends PermissionRequest {
  externalURL?: string;
}
export interface FilesystemPermissionRequest extends PermissionRequest {
  filePath?: string;
  isDirectory?: boolean;
  fileAccessType?: 'writable' | 'readable';
}
export interface PermissionCheckHandlerHandlerDetails {
  embeddingOrigin?: string;
  securityOrigin?: string;
  mediaType?: 'video' | 'audio' | 'unknown';
  requestingUrl?: string;
  isMainFrame: boolean;
}
export interface DevicePermissionHandlerHandlerDetails {
  deviceType: 'hid' | 'serial' | 'usb';
  origin: string;
}

export interface Session extends NodeJS.EventEmitter {
  setPermissionRequestHandler(
    handler:
      | ((
          webContents: WebContents,
          permission: PermissionRequestName,
          callback: (permissionGranted: boolean) => void,
          details: PermissionRequest | FilesystemPermissionRequest | MediaAccessPermissionRequest | OpenExternalPermissionRequest,
        ) => void)
      | null,
  ): void;
  setPermissionCheckHandler(
    handler: ((webContents: WebContents | null, permission: PermissionCheckName, requestingOrigin: string, details: PermissionCheckHandlerHandlerDetails) => boolean) | null,
  ): void;
  setDevicePermissionHandler(handler: ((details: DevicePermissionHandlerHandlerDetails) => boolean) | null): void;
}

export interface Privileges {
  standard?: boolean;
  secure?: boolean;
  bypassCSP?: boolean;
  allowServiceWorkers?: boolean;
  supportFetchAPI?: boolean;
  corsEnabled?: boolean;
  stream?: boolean;
  codeCache?: boolean;
}
export interface CustomScheme {
  scheme: string;
  privileges?: Privileges;
}
export interface Protocol {
  registerSchemesAsPrivileged(customSchemes: CustomScheme[]): void;
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
  unhandle(scheme: string): void;
}

export interface PowerSaveBlocker {
  start(type: 'prevent-app-suspension' | 'prevent-display-sleep'): number;
  stop(id: number): boolean;
  isStarted(id: number): boolean;
}

export class Menu {
  static setApplicationMenu(menu: Menu | null): void;
}

export interface ContextBridge {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Electron's own signature
  exposeInMainWorld(apiKey: string, api: any): void;
}
export interface IpcRenderer extends NodeJS.EventEmitter {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Electron's own signature
  invoke(channel: string, ...args: any[]): Promise<any>;
}

/** https://www.electronjs.org/docs/latest/api/safe-storage */
export interface SafeStorage {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means no keyring, i.e. no real protection. */
  getSelectedStorageBackend(): string;
}

export const app: App;
export const safeStorage: SafeStorage;
export const ipcMain: IpcMain;
export const protocol: Protocol;
export const powerSaveBlocker: PowerSaveBlocker;
export const session: { readonly defaultSession: Session };
export const contextBridge: ContextBridge;
export const ipcRenderer: IpcRenderer;

declare global {
  namespace NodeJS {
    interface Process {
      /** The packaged app's resources folder (next to app.asar); Electron only. */
      readonly resourcesPath: string;
    }
  }
}
