import { describe, expect, it, vi } from 'vitest';
import { printWindowOptions } from '../../../../../electron/main/printing/printWindow';
import { SECURE_WEB_PREFERENCES } from '../../../../../electron/main/security/webPreferences';
import { kioskWindowOptions } from '../../../../../electron/main/window';

vi.mock('electron', () => import('../../../../mocks/electron'));

describe('secure web preferences', () => {
  it('are the security checklist: isolated, sandboxed, no Node anywhere, no webview, same-origin policy on', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('are kept whole by every window the kiosk opens (none turns one off)', () => {
    for (const o of [kioskWindowOptions({ preload: '/app/preload.cjs', devTools: true }), printWindowOptions()]) {
      expect(o.webPreferences).toMatchObject(SECURE_WEB_PREFERENCES);
    }
    expect(printWindowOptions().webPreferences).toMatchObject({ javascript: false, devTools: false, partition: 'postcard-print' });
    expect(printWindowOptions().webPreferences).not.toHaveProperty('preload');
  });
});
