import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app, BrowserWindow, fakeEvent, resetElectronMock, WebContents } from '../../../../mocks/electron';
import { guardNavigation, installNavigationGuards, isAllowedNavigation } from '../../../../../electron/main/security/navigation';
import { createMemoryLogger } from '../../../../../node/kiosk/logger';

vi.mock('electron', () => import('../../../../mocks/electron'));

const HOSTILE = [
  'https://app.evil/',
  'https://app.evil/app://kiosk/',
  'app://kiosk.evil/',
  'app://evil/',
  'app://kiosk@evil.com/',
  'app://kiosk:evil@evil.com/',
  'app://kiosk\\@evil.com/',
  'app://kiosk:8080/',
  'app:kiosk/index.html',
  'app:///kiosk/index.html',
  'javascript:alert(1)',
  'JavaScript:alert(document.domain)',
  'file:///etc/passwd',
  'file://kiosk/etc/passwd',
  'data:text/html,<script>alert(1)</script>',
  'blob:app://kiosk/1234',
  'http://127.0.0.1:1/',
  'http://localhost:5173/',
  'https://kiosk/',
  'chrome://gpu',
  'chrome-extension://abc/',
  'devtools://devtools/bundled/inspector.html',
  'about:blank',
  'about:srcdoc',
  'view-source:app://kiosk/',
  'mailto:a@b.c',
  '',
  'not a url',
];

describe('navigation allow-list', () => {
  beforeEach(() => resetElectronMock());

  it('allows the app origin only', () => {
    for (const url of ['app://kiosk/', 'app://kiosk/index.html#/exhibit/panorama', 'app://kiosk/maintenance.html?reason=crash-loop']) {
      expect(isAllowedNavigation(url, 'app://kiosk'), url).toBe(true);
    }
  });

  it.each(HOSTILE)('refuses %s', (url) => {
    expect(isAllowedNavigation(url, 'app://kiosk')).toBe(false);
  });

  it('prevents will-navigate, will-redirect and will-frame-navigate outside the app, and logs them', () => {
    const wc = new WebContents();
    const log = createMemoryLogger();
    guardNavigation(wc as never, log);
    for (const event of ['will-navigate', 'will-redirect'] as const) {
      const bad = fakeEvent({ url: 'https://app.evil/' });
      wc.emit(event, bad, 'https://app.evil/');
      expect(bad.defaultPrevented, event).toBe(true);
      const good = fakeEvent({ url: 'app://kiosk/#/home' });
      wc.emit(event, good, 'app://kiosk/#/home');
      expect(good.defaultPrevented, event).toBe(false);
    }
    const frame = fakeEvent({ url: 'javascript:alert(1)', isMainFrame: false });
    wc.emit('will-frame-navigate', frame);
    expect(frame.defaultPrevented).toBe(true);
    expect(log.lines.map((l) => l.event)).toEqual([
      'security.navigation_denied',
      'security.navigation_denied',
      'security.navigation_denied',
    ]);
  });

  it('uses the deprecated url argument when the event has none', () => {
    const wc = new WebContents();
    guardNavigation(wc as never);
    const e = fakeEvent();
    wc.emit('will-navigate', e, 'file:///etc/passwd');
    expect(e.defaultPrevented).toBe(true);
  });

  it('denies window.open always, even for app URLs', () => {
    const wc = new WebContents();
    guardNavigation(wc as never);
    expect(wc.tryWindowOpen('https://app.evil/')).toBe('deny');
    expect(wc.tryWindowOpen('app://kiosk/')).toBe('deny');
  });

  it('refuses to attach a webview', () => {
    const wc = new WebContents();
    guardNavigation(wc as never);
    const e = fakeEvent();
    wc.emit('will-attach-webview', e, {}, { src: 'https://app.evil/' });
    expect(e.defaultPrevented).toBe(true);
  });

  it('guards every webContents the app creates', () => {
    installNavigationGuards(app as never);
    const win = new BrowserWindow({});
    expect(win.webContents.tryWindowOpen('https://app.evil/')).toBe('deny');
    const e = fakeEvent({ url: 'chrome://gpu' });
    win.webContents.emit('will-navigate', e, 'chrome://gpu');
    expect(e.defaultPrevented).toBe(true);
  });
});
