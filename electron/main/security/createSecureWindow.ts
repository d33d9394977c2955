import { BrowserWindow, type BrowserWindowConstructorOptions, type WebPreferences } from 'electron';
import { SECURE_WEB_PREFERENCES } from './webPreferences';

/** Preferences a window may never set at all: they switch on Blink features outside the checklist. */
const FORBIDDEN_PREFERENCES = ['enableBlinkFeatures'] as const;

/** The secure preferences a window's options would change or drop, and the forbidden ones it sets. Empty when it keeps them all. */
export function weakenedPreferences(prefs: WebPreferences | undefined): string[] {
  const p = (prefs ?? {}) as Record<string, unknown>;
  const changed = Object.entries(SECURE_WEB_PREFERENCES)
    .filter(([key, value]) => p[key] !== value)
    .map(([key]) => key);
  return [...changed, ...FORBIDDEN_PREFERENCES.filter((key) => p[key] !== undefined)];
}

/**
 * The only way the main process opens a window: it refuses options that leave out or turn off any of
 * SECURE_WEB_PREFERENCES (context isolation, sandbox, no Node, no <webview>, web security...), so a
 * window added later cannot quietly weaken them
 * (https://www.electronjs.org/docs/latest/tutorial/security#checklist-security-recommendations).
 */
export function createSecureWindow(options: BrowserWindowConstructorOptions): BrowserWindow {
  const weakened = weakenedPreferences(options.webPreferences);
  if (weakened.length > 0) throw new Error(`refusing a window that weakens its web preferences: ${weakened.join(', ')}`);
  return new BrowserWindow({
    ...options,
    webPreferences: {
      ...options.webPreferences,
      // Stated again, last, as literals: nothing spread above can override them, and a static scanner
      // (Electronegativity, scripts/scanElectron.mjs) sees the values the window really gets.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
}
