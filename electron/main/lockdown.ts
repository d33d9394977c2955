import { app, type BrowserWindow, type Input } from 'electron';

/** The keyboard fields `before-input-event` gives (https://www.electronjs.org/docs/latest/api/structures/input). */
export type KeyInput = Pick<Input, 'type' | 'key' | 'code' | 'shift' | 'control' | 'alt' | 'meta'>;

export interface LockdownOptions {
  /** `app.isPackaged`: reload, DevTools and close shortcuts are blocked only in production builds. */
  production: boolean;
  /** The operator escape (see OPERATOR_QUIT). */
  onOperatorQuit: () => void;
  log?: { info(event: string, fields?: Record<string, unknown>): void };
}

/**
 * The documented way out for an operator with a keyboard: Ctrl+Alt+Shift+Q quits the kiosk.
 * Visitors only have the touch screen, so this cannot be hit by accident; without it an operator
 * would have to kill the process or cut the power to reach the desktop.
 */
export const OPERATOR_QUIT = 'Ctrl+Alt+Shift+Q';

const ZOOM_KEYS = new Set(['+', '=', '-', '_', '0', 'Add', 'Subtract']);
const FUNCTION_KEYS = new Set(['F5', 'F11', 'F12']);
// Reload, close, quit, print, save, open, new window/tab, view source. Editing keys (copy, paste,
// select all) stay: the operator settings have text fields.
const CTRL_KEYS = new Set(['r', 'w', 'q', 'p', 's', 'o', 'n', 't', 'u', 'F4']);
// DevTools: Ctrl+Shift+I / J / C.
const CTRL_SHIFT_KEYS = new Set(['i', 'j', 'c']);

const ctrlOrCmd = (i: KeyInput): boolean => i.control || i.meta;
const keyOf = (i: KeyInput): string => (i.key.length === 1 ? i.key.toLowerCase() : i.key);

export function isOperatorQuit(i: KeyInput): boolean {
  return i.type === 'keyDown' && i.control && i.alt && i.shift && keyOf(i) === 'q';
}

/** Whether a key press must not reach Chromium. Zoom keys are blocked in every build. */
export function isBlockedShortcut(i: KeyInput, production: boolean): boolean {
  if (i.type !== 'keyDown' && i.type !== 'rawKeyDown') return false;
  const key = keyOf(i);
  if (ctrlOrCmd(i) && ZOOM_KEYS.has(key)) return true;
  if (!production) return false;
  if (FUNCTION_KEYS.has(key)) return true;
  if (i.alt && key === 'F4') return true;
  if (ctrlOrCmd(i) && CTRL_KEYS.has(key)) return true;
  if (ctrlOrCmd(i) && i.shift && CTRL_SHIFT_KEYS.has(key)) return true;
  return false;
}

/**
 * Chromium's own pinch-zoom on touch screens, off for the whole app; must run before `ready`
 * (https://www.electronjs.org/docs/latest/api/command-line-switches).
 */
export function disablePinchZoom(): void {
  app.commandLine.appendSwitch('disable-pinch');
}

/**
 * No zoom or pinch-zoom, no context menu, no reload/DevTools/close shortcuts (production), no
 * DevTools even if something opens them. File drops cannot navigate: `navigateOnDragDrop` is off
 * and security/navigation.ts denies file:// navigation; the preload also swallows drop events.
 */
export function installLockdown(win: BrowserWindow, opts: LockdownOptions): void {
  const wc = win.webContents;
  const noZoom = (): void => {
    // https://www.electronjs.org/docs/latest/api/web-contents#contentssetvisualzoomlevellimitsminimumlevel-maximumlevel
    void wc.setVisualZoomLevelLimits(1, 1);
    wc.setZoomLevel(0);
  };
  noZoom();
  wc.on('did-finish-load', noZoom);
  wc.on('zoom-changed', () => wc.setZoomLevel(0));
  wc.on('context-menu', (event) => event.preventDefault());
  wc.on('before-input-event', (event, input) => {
    if (isOperatorQuit(input)) {
      event.preventDefault();
      opts.log?.info('lockdown.operator_quit');
      opts.onOperatorQuit();
      return;
    }
    if (isBlockedShortcut(input, opts.production)) event.preventDefault();
  });
  if (opts.production) {
    wc.on('devtools-opened', () => wc.closeDevTools());
  }
}
