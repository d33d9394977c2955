import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, Menu, resetElectronMock } from '../../../mocks/electron';
import { createKioskWindow, kioskWindowOptions } from '../../../../electron/main/window';

vi.mock('electron', () => import('../../../mocks/electron'));

describe('kiosk window', () => {
  beforeEach(() => resetElectronMock());

  it('is a fullscreen kiosk without menu, hidden until painted', () => {
    const o = kioskWindowOptions({ preload: '/app/dist/electron/preload.cjs', devTools: false });
    expect(o).toMatchObject({ kiosk: true, fullscreen: true, autoHideMenuBar: true, show: false });
    expect(o.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('locks the renderer down (security checklist)', () => {
    const prefs = kioskWindowOptions({ preload: '/app/dist/electron/preload.cjs', devTools: false }).webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      devTools: false,
      navigateOnDragDrop: false,
    });
  });

  it('keeps DevTools only when asked (development builds)', () => {
    expect(kioskWindowOptions({ preload: 'p', devTools: true }).webPreferences?.devTools).toBe(true);
  });

  it('creates the window with those options, removes the menu, loads the app and shows on ready-to-show', () => {
    const cfg = { preload: '/x/preload.cjs', devTools: false };
    createKioskWindow(cfg);
    const win = BrowserWindow.last();
    expect(win.options).toEqual(kioskWindowOptions(cfg));
    expect(Menu.applicationMenu).toBeNull();
    expect(win.webContents.loads).toEqual(['app://kiosk/']);
    expect(win.visible).toBe(false);
    win.emit('ready-to-show');
    expect(win.visible).toBe(true);
    expect(win.focused).toBe(true);
  });

  it('can open on another app URL (the maintenance screen)', () => {
    createKioskWindow({ preload: 'p', devTools: false }, 'app://kiosk/maintenance.html?reason=x');
    expect(BrowserWindow.last().webContents.loads).toEqual(['app://kiosk/maintenance.html?reason=x']);
  });
});
