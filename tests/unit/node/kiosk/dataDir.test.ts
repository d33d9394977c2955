import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDataPaths, resolveDataDir } from '../../../../node/kiosk/dataDir';
import { makeTempDir } from '../../../fixtures/tempDir';

describe('data folder', () => {
  it('honours KIOSK_DATA_DIR', () => {
    expect(resolveDataDir({ KIOSK_DATA_DIR: '/srv/kiosk' }, 'linux', '/home/k')).toBe('/srv/kiosk');
  });
  it('uses the platform app-data folder otherwise', () => {
    expect(resolveDataDir({}, 'linux', '/home/k')).toBe('/home/k/.config/riverside-station-kiosk');
    expect(resolveDataDir({ XDG_CONFIG_HOME: '/x/cfg' }, 'linux', '/home/k')).toBe('/x/cfg/riverside-station-kiosk');
    expect(resolveDataDir({ APPDATA: 'C:\\Users\\k\\AppData\\Roaming' }, 'win32', 'C:\\Users\\k')).toContain('riverside-station-kiosk');
    expect(resolveDataDir({}, 'darwin', '/Users/k')).toBe('/Users/k/Library/Application Support/riverside-station-kiosk');
  });
  it('creates the database, packs, postcards and logs locations', () => {
    const t = makeTempDir();
    try {
      const p = ensureDataPaths(join(t.dir, 'data'));
      for (const d of [p.packs, p.postcards, p.logs]) expect(existsSync(d)).toBe(true);
      expect(p.database).toBe(join(t.dir, 'data', 'kiosk.db'));
    } finally {
      t.cleanup();
    }
  });
});
