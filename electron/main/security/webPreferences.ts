import type { WebPreferences } from 'electron';

/**
 * The security baseline every window of the kiosk starts from, one list for all of them (the kiosk window, the
 * hidden print window), following Electron's checklist
 * (https://www.electronjs.org/docs/latest/tutorial/security#checklist-security-recommendations): isolated,
 * sandboxed renderer without Node anywhere, no <webview>, the same-origin policy on, no mixed content, no
 * experimental features, no navigation by dropping a file, no spellchecker (it downloads dictionaries), no
 * `auxclick` event (a middle click that could open links, https://github.com/doyensec/electronegativity/wiki/AUXCLICK_JS_CHECK).
 * A window adds only what it needs (a preload, a partition, DevTools in development) and must not turn any of these off.
 */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  disableBlinkFeatures: 'Auxclick',
} as const satisfies WebPreferences;
