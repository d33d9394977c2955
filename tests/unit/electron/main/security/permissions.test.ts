import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetElectronMock, session, WebContents } from '../../../../mocks/electron';
import { decidePermission, installPermissionHandlers, PERMISSION_TABLE } from '../../../../../electron/main/security/permissions';

vi.mock('electron', () => import('../../../../mocks/electron'));

const APP = 'app://kiosk/index.html';
const HOSTILE = [
  'https://app.evil/',
  'app://kiosk.evil/',
  'app://evil/',
  'app://kiosk@evil.com/',
  'http://127.0.0.1:1/',
  'file:///etc/passwd',
  'null',
  '',
];

/** Every permission name in the Electron types the main process compiles against (the installed package's). */
function permissionNamesInTypes(): string[] {
  const dts = readFileSync(createRequire(import.meta.url).resolve('electron/electron.d.ts'), 'utf8');
  // The `permission` parameter of both handlers is an inline union of string literals.
  const unions = [...dts.matchAll(/setPermission(?:Request|Check)Handler\(handler: \(\(webContents: [^,]+, permission: ([^,]+),/g)].map(
    (m) => m[1] as string,
  );
  expect(unions).toHaveLength(2);
  return [...new Set(unions.flatMap((u) => [...u.matchAll(/'([^']+)'/g)].map((m) => m[1] as string)))];
}

describe('permission decision table', () => {
  beforeEach(() => resetElectronMock());

  it('lists every permission Electron can ask about', () => {
    const names = permissionNamesInTypes();
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) expect(Object.keys(PERMISSION_TABLE), name).toContain(name);
  });

  it('grants nothing but media, even to the app main frame', () => {
    for (const [permission, rule] of Object.entries(PERMISSION_TABLE)) {
      const q = { permission, url: APP, isMainFrame: true, mediaTypes: ['video'] };
      expect(decidePermission(q), permission).toBe(rule !== 'deny');
      if (permission !== 'media') expect(rule, permission).toBe('deny');
    }
    expect(decidePermission({ permission: 'some-future-permission', url: APP, isMainFrame: true, mediaTypes: ['video'] })).toBe(false);
    expect(decidePermission({ permission: '__proto__', url: APP, isMainFrame: true, mediaTypes: ['video'] })).toBe(false);
  });

  it('grants the camera (video only) to the app main frame', () => {
    expect(decidePermission({ permission: 'media', url: APP, isMainFrame: true, mediaTypes: ['video'] })).toBe(true);
    expect(decidePermission({ permission: 'media', url: 'app://kiosk', isMainFrame: true, mediaTypes: ['video'] })).toBe(true);
  });

  const refusedMedia: Array<[string, Partial<{ url: string; isMainFrame: boolean; mediaTypes: string[] }>]> = [
    ['audio only', { mediaTypes: ['audio'] }],
    ['audio and video', { mediaTypes: ['video', 'audio'] }],
    ['no media type', { mediaTypes: [] }],
    ['unknown media type', { mediaTypes: ['unknown'] }],
    ['a subframe', { isMainFrame: false }],
    ...HOSTILE.map((url): [string, { url: string }] => [`origin ${url || '(empty)'}`, { url }]),
  ];
  it.each(refusedMedia)('refuses media for %s', (_label, over) => {
    expect(decidePermission({ permission: 'media', url: APP, isMainFrame: true, mediaTypes: ['video'], ...over })).toBe(false);
  });

  it('installs a request handler that applies the table', async () => {
    installPermissionHandlers(session.defaultSession as never);
    const s = session.defaultSession;
    const wc = new WebContents();
    expect(await s.request(wc, 'media', { requestingUrl: APP, isMainFrame: true, mediaTypes: ['video'] })).toBe(true);
    expect(await s.request(wc, 'media', { requestingUrl: APP, isMainFrame: true, mediaTypes: ['audio'] })).toBe(false);
    expect(await s.request(wc, 'media', { requestingUrl: APP, isMainFrame: false, mediaTypes: ['video'] })).toBe(false);
    expect(await s.request(wc, 'media', { requestingUrl: 'https://app.evil/', isMainFrame: true, mediaTypes: ['video'] })).toBe(false);
    for (const p of ['notifications', 'geolocation', 'midi', 'clipboard-read', 'openExternal', 'fullscreen', 'display-capture']) {
      expect(await s.request(wc, p, { requestingUrl: APP, isMainFrame: true }), p).toBe(false);
    }
  });

  it('installs a check handler that applies the table', () => {
    installPermissionHandlers(session.defaultSession as never);
    const check = session.defaultSession.permissionCheckHandler!;
    expect(check(null, 'media', 'app://kiosk', { isMainFrame: true, mediaType: 'video' })).toBe(true);
    expect(check(null, 'media', 'app://kiosk', { isMainFrame: true, mediaType: 'audio' })).toBe(false);
    expect(check(null, 'media', 'app://kiosk', { isMainFrame: true, mediaType: 'unknown' })).toBe(false);
    expect(check(null, 'media', 'app://kiosk', { isMainFrame: true })).toBe(false);
    expect(check(null, 'media', 'app://kiosk', { isMainFrame: false, mediaType: 'video' })).toBe(false);
    expect(check(null, 'media', 'https://app.evil', { isMainFrame: true, mediaType: 'video' })).toBe(false);
    for (const p of ['hid', 'serial', 'usb', 'clipboard-sanitized-write', 'notifications', 'fullscreen']) {
      expect(check(null, p, 'app://kiosk', { isMainFrame: true }), p).toBe(false);
    }
  });
});
