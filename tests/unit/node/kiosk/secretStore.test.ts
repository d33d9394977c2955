import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createFileSecretStore } from '../../../../node/kiosk/secretStore';
import { tempDir } from '../../../fixtures/upload/kioskHarness';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('file secret store', () => {
  it('sets, reads, clears; the file is owner-only (0600) and disappears when empty', () => {
    const t = tempDir('secrets-');
    cleanups.push(t.cleanup);
    const file = join(t.dir, 'secrets.json');
    const s = createFileSecretStore(file);
    expect(s.isSet('upload.token')).toBe(false);
    expect(s.get('upload.token')).toBeNull();
    s.set('upload.token', 'tok-123456789');
    s.set('other', 'x');
    expect(s.get('upload.token')).toBe('tok-123456789');
    expect(createFileSecretStore(file).get('upload.token')).toBe('tok-123456789');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    s.clear('upload.token');
    expect(s.isSet('upload.token')).toBe(false);
    expect(s.get('other')).toBe('x');
    s.clear('other');
    expect(() => statSync(file)).toThrow();
    expect(() => s.set('upload.token', '')).toThrow(RangeError);
    expect(s.protection).toBe('file-0600');
  });

  it('stores through a codec (the shape Electron safeStorage plugs into), never the plain secret', () => {
    const t = tempDir('secrets-codec-');
    cleanups.push(t.cleanup);
    const file = join(t.dir, 'secrets.json');
    const xor = (b: Buffer): Buffer => Buffer.from(b.map((x) => x ^ 0x5a));
    const s = createFileSecretStore(file, { name: 'test-cipher', encode: (p) => xor(Buffer.from(p)), decode: (b) => xor(b).toString() });
    s.set('upload.token', 'very-secret-token');
    expect(s.get('upload.token')).toBe('very-secret-token');
    expect(readFileSync(file, 'utf8')).not.toContain(Buffer.from('very-secret-token').toString('base64'));
    expect(s.protection).toBe('test-cipher');
  });
});
