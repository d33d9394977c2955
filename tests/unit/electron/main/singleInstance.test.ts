import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app, BrowserWindow, fakeEvent, mockState, resetElectronMock } from '../../../mocks/electron';
import { claimSingleInstance } from '../../../../electron/main/singleInstance';

vi.mock('electron', () => import('../../../mocks/electron'));

describe('single instance', () => {
  beforeEach(() => resetElectronMock());

  it('quits when another kiosk holds the lock', () => {
    mockState.singleInstanceLock = false;
    expect(claimSingleInstance(() => null)).toBe(false);
    expect(mockState.quitCalls).toBe(1);
    expect(app.listenerCount('second-instance')).toBe(0);
  });

  it('brings the running window back when a second instance starts', () => {
    const win = new BrowserWindow({ show: false });
    win.minimize();
    expect(claimSingleInstance(() => win as never)).toBe(true);
    expect(mockState.quitCalls).toBe(0);
    app.emit('second-instance', fakeEvent(), ['kiosk'], '/');
    expect(win.isMinimized()).toBe(false);
    expect(win.visible).toBe(true);
    expect(win.focused).toBe(true);
  });

  it('copes with no window (yet, or destroyed)', () => {
    claimSingleInstance(() => null);
    expect(() => app.emit('second-instance', fakeEvent(), [], '/')).not.toThrow();
  });
});
