import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createSecureWindow, weakenedPreferences } from '../../../../../electron/main/security/createSecureWindow';
import { SECURE_WEB_PREFERENCES } from '../../../../../electron/main/security/webPreferences';
import { BrowserWindow, resetElectronMock } from '../../../../mocks/electron';

vi.mock('electron', () => import('../../../../mocks/electron'));

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourcesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('createSecureWindow', () => {
  beforeEach(() => resetElectronMock());

  it('opens a window that keeps every secure preference', () => {
    const win = createSecureWindow({ show: false, webPreferences: { ...SECURE_WEB_PREFERENCES, preload: '/app/preload.cjs' } });
    expect(BrowserWindow.instances).toEqual([win]);
    expect(BrowserWindow.last().options).toEqual({
      show: false,
      webPreferences: { ...SECURE_WEB_PREFERENCES, preload: '/app/preload.cjs' },
    });
  });

  it.each([
    ['nodeIntegration on', { nodeIntegration: true }, 'nodeIntegration'],
    ['contextIsolation off', { contextIsolation: false }, 'contextIsolation'],
    ['sandbox off', { sandbox: false }, 'sandbox'],
    ['webviewTag on', { webviewTag: true }, 'webviewTag'],
    ['webSecurity off', { webSecurity: false }, 'webSecurity'],
    ['insecure content', { allowRunningInsecureContent: true }, 'allowRunningInsecureContent'],
    ['Node in workers', { nodeIntegrationInWorker: true }, 'nodeIntegrationInWorker'],
    ['Blink features', { enableBlinkFeatures: 'CSSPseudoHas' }, 'enableBlinkFeatures'],
    ['auxclick back on', { disableBlinkFeatures: '' }, 'disableBlinkFeatures'],
  ])('refuses a window with %s', (_label, over, key) => {
    expect(() => createSecureWindow({ webPreferences: { ...SECURE_WEB_PREFERENCES, ...over } })).toThrow(new RegExp(key));
    expect(BrowserWindow.instances).toEqual([]);
  });

  it('refuses a window that leaves the preferences out (Electron defaults are not enough: webviewTag, spellcheck...)', () => {
    expect(weakenedPreferences(undefined)).toEqual(Object.keys(SECURE_WEB_PREFERENCES));
    expect(() => createSecureWindow({})).toThrow(/contextIsolation, sandbox/);
  });

  it('is the only place in the main process that constructs a BrowserWindow', () => {
    const constructing = sourcesUnder('electron').filter((f) => /new BrowserWindow\s*\(/.test(readFileSync(f, 'utf8')));
    expect(constructing).toEqual([join('electron', 'main', 'security', 'createSecureWindow.ts')]);
  });
});
