import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app, BrowserWindow, fakeEvent, resetElectronMock } from '../../../mocks/electron';
import { disablePinchZoom, installLockdown, isBlockedShortcut, isOperatorQuit, type KeyInput } from '../../../../electron/main/lockdown';

vi.mock('electron', () => import('../../../mocks/electron'));

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  type: 'keyDown',
  key: k,
  code: '',
  shift: false,
  control: false,
  alt: false,
  meta: false,
  ...mods,
});

function setup(production: boolean) {
  const win = new BrowserWindow({});
  const onOperatorQuit = vi.fn();
  installLockdown(win as never, { production, onOperatorQuit });
  const press = (input: KeyInput): boolean => {
    const e = fakeEvent();
    win.webContents.emit('before-input-event', e, input);
    return e.defaultPrevented;
  };
  return { win, onOperatorQuit, press };
}

describe('lockdown', () => {
  beforeEach(() => resetElectronMock());

  it('blocks zoom keys in every build', () => {
    for (const production of [true, false]) {
      for (const k of ['+', '=', '-', '_', '0']) {
        expect(isBlockedShortcut(key(k, { control: true }), production), `${k} ${production}`).toBe(true);
        expect(isBlockedShortcut(key(k, { meta: true }), production)).toBe(true);
      }
    }
    expect(isBlockedShortcut(key('0'), true)).toBe(false);
  });

  it('blocks reload, DevTools, close, quit and print in production only', () => {
    const shortcuts = [
      key('F5'),
      key('F12'),
      key('F11'),
      key('r', { control: true }),
      key('R', { control: true, shift: true }),
      key('r', { meta: true }),
      key('I', { control: true, shift: true }),
      key('J', { control: true, shift: true }),
      key('C', { control: true, shift: true }),
      key('w', { control: true }),
      key('q', { meta: true }),
      key('F4', { alt: true }),
      key('F4', { control: true }),
      key('p', { control: true }),
      key('u', { control: true }),
      key('n', { control: true }),
    ];
    for (const s of shortcuts) {
      expect(isBlockedShortcut(s, true), JSON.stringify(s)).toBe(true);
      expect(isBlockedShortcut(s, false), JSON.stringify(s)).toBe(false);
    }
  });

  it('lets typing and editing keys through (operator text fields)', () => {
    for (const s of [
      key('a'),
      key('R'),
      key('5'),
      key('Backspace'),
      key('c', { control: true }),
      key('v', { control: true }),
      key('a', { control: true }),
    ]) {
      expect(isBlockedShortcut(s, true), JSON.stringify(s)).toBe(false);
    }
    expect(isBlockedShortcut({ ...key('F5'), type: 'keyUp' }, true)).toBe(false);
  });

  it('recognises the operator escape Ctrl+Alt+Shift+Q and nothing less', () => {
    expect(isOperatorQuit(key('Q', { control: true, alt: true, shift: true }))).toBe(true);
    expect(isOperatorQuit(key('q', { control: true, alt: true }))).toBe(false);
    expect(isOperatorQuit(key('q', { control: true, shift: true }))).toBe(false);
  });

  it('wires the keys to before-input-event', () => {
    const { press, onOperatorQuit } = setup(true);
    expect(press(key('F5'))).toBe(true);
    expect(press(key('x'))).toBe(false);
    expect(onOperatorQuit).not.toHaveBeenCalled();
    expect(press(key('Q', { control: true, alt: true, shift: true }))).toBe(true);
    expect(onOperatorQuit).toHaveBeenCalledTimes(1);
  });

  it('development builds keep reload but still block zoom', () => {
    const { press } = setup(false);
    expect(press(key('F5'))).toBe(false);
    expect(press(key('=', { control: true }))).toBe(true);
  });

  it('pins visual and page zoom to 1 and resets any zoom change', () => {
    const { win } = setup(true);
    expect(win.webContents.visualZoomLimits).toEqual([1, 1]);
    win.webContents.setZoomLevel(3);
    win.webContents.emit('zoom-changed', fakeEvent(), 'in');
    expect(win.webContents.zoomLevel).toBe(0);
    win.webContents.visualZoomLimits = null;
    win.webContents.emit('did-finish-load');
    expect(win.webContents.visualZoomLimits).toEqual([1, 1]);
  });

  it('suppresses the context menu and closes DevTools in production', () => {
    const { win } = setup(true);
    const e = fakeEvent();
    win.webContents.emit('context-menu', e, {});
    expect(e.defaultPrevented).toBe(true);
    win.webContents.openDevTools();
    win.webContents.emit('devtools-opened');
    expect(win.webContents.isDevToolsOpened()).toBe(false);
  });

  it('turns off Chromium pinch-zoom for the whole app', () => {
    disablePinchZoom();
    expect(app.commandLine.hasSwitch('disable-pinch')).toBe(true);
  });
});
