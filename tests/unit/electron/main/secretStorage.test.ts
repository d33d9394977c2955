import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { app, resetElectronMock, safeStorage } from '../../../mocks/electron';
import { createKioskSecretStore } from '../../../../electron/main/secretStorage';
import { makeTempDir } from '../../../fixtures/tempDir';

vi.mock('electron', () => import('../../../mocks/electron'));

let t: ReturnType<typeof makeTempDir>;
beforeEach(async () => {
  resetElectronMock();
  await app.whenReady();
  t = makeTempDir();
});
afterEach(() => t.cleanup());

describe('createKioskSecretStore', () => {
  it('keeps the upload token encrypted by safeStorage, never in plain text on disk', () => {
    const store = createKioskSecretStore(t.dir, 'win32');
    expect(store?.protection).toBe('safeStorage');
    store!.set('upload.token', 'bearer-secret-123');
    const onDisk = readFileSync(join(t.dir, 'secrets.safestorage.json'), 'utf8');
    expect(onDisk).not.toContain('bearer-secret-123');
    expect(createKioskSecretStore(t.dir, 'win32')!.get('upload.token')).toBe('bearer-secret-123');
  });

  it("falls back to the services' 0600 file where safeStorage protects nothing or is unavailable", () => {
    safeStorage.backend = 'basic_text';
    expect(createKioskSecretStore(t.dir, 'linux')).toBeUndefined();
    expect(createKioskSecretStore(t.dir, 'win32')?.protection).toBe('safeStorage');
    safeStorage.available = false;
    expect(createKioskSecretStore(t.dir, 'win32')).toBeUndefined();
  });

  it('does not keep the kiosk from starting when the keychain fails', () => {
    resetElectronMock(); // not ready: the mock's safeStorage throws, as Electron's does
    expect(createKioskSecretStore(t.dir, 'win32')).toBeUndefined();
  });
});
