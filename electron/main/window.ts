import { Menu, type BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import { APP_URL } from './appOrigin';
import { createSecureWindow } from './security/createSecureWindow';
import { SECURE_WEB_PREFERENCES } from './security/webPreferences';

/** Matches the attract screen's background, so nothing flashes white before the first paint. */
export const KIOSK_BACKGROUND = '#0b1f2a';

export interface KioskWindowConfig {
  /** Absolute path of the bundled preload (dist/electron/preload.cjs). */
  preload: string;
  /** `!app.isPackaged`: DevTools exist only in development builds. */
  devTools: boolean;
}

/**
 * The kiosk window's options, pure so the test can read every flag. Each webPreferences entry
 * follows the Electron security checklist (https://www.electronjs.org/docs/latest/tutorial/security):
 * isolated, sandboxed renderer without Node, no <webview>, same-origin policy on.
 */
export function kioskWindowOptions(cfg: KioskWindowConfig): BrowserWindowConstructorOptions {
  return {
    kiosk: true,
    fullscreen: true,
    frame: false,
    autoHideMenuBar: true,
    // Shown on 'ready-to-show' (https://www.electronjs.org/docs/latest/api/browser-window#using-the-ready-to-show-event).
    show: false,
    backgroundColor: KIOSK_BACKGROUND,
    title: 'Riverside Station Kiosk',
    webPreferences: {
      ...SECURE_WEB_PREFERENCES,
      preload: cfg.preload,
      devTools: cfg.devTools,
      // A kiosk's only window is always in front; timers must not be throttled when it is covered.
      backgroundThrottling: false,
    },
  };
}

/** Creates the kiosk window (no application menu), loads `url` and shows it once it has painted. */
export function createKioskWindow(cfg: KioskWindowConfig, url: string = APP_URL): BrowserWindow {
  Menu.setApplicationMenu(null);
  const win = createSecureWindow(kioskWindowOptions(cfg));
  win.once('ready-to-show', () => {
    win.show();
    win.focus();
  });
  void win.loadURL(url);
  return win;
}
