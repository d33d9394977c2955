import { app, type BrowserWindow } from 'electron';

/**
 * One kiosk per PC: a second launch (a double-clicked shortcut, a login item firing twice) quits at
 * once and brings the running kiosk's window to the front instead.
 * https://www.electronjs.org/docs/latest/api/app#apprequestsingleinstancelockadditionaldata
 *
 * @returns false when another instance holds the lock (this one is quitting).
 */
export function claimSingleInstance(getWindow: () => BrowserWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => {
    const win = getWindow();
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  return true;
}
