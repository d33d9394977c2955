import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { makeTempDir } from '../../fixtures/tempDir';

const flipFuses = vi.hoisted(() => vi.fn(async () => 1));
vi.mock('@electron/fuses', async (importActual) => {
  const actual = await importActual<{ default: Record<string, unknown> }>();
  return { default: { ...actual.default, flipFuses } };
});

const { default: afterPack, FUSES, electronBinary, fuseConfig } = await import('../../../scripts/electronFuses.mjs');
const { FuseV1Options, FuseVersion } = (await import('@electron/fuses')).default;

const context = (platform: string, arch = 1) => ({
  appOutDir: '/build/out/unpacked',
  electronPlatformName: platform,
  arch,
  packager: { appInfo: { productFilename: 'Riverside Station Kiosk' }, executableName: 'riverside-station-kiosk' },
});

describe('electron fuses (afterPack hook)', () => {
  beforeEach(() => {
    flipFuses.mockClear();
    vi.spyOn(console, 'log').mockImplementation(() => {});
  });

  it('sets exactly the fuses the Electron security guide recommends', () => {
    // https://www.electronjs.org/docs/latest/tutorial/fuses
    expect(FUSES).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('maps every fuse to its @electron/fuses option, and refuses unknown names', () => {
    const cfg = fuseConfig(FUSES, 'linux', 'x64');
    expect(cfg).toEqual({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
    expect(() => fuseConfig({ ...FUSES, runAsNod: false } as never, 'linux', 'x64')).toThrow(/unknown fuse runAsNod/);
    expect(fuseConfig(FUSES, 'darwin', 'arm64').resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfig(FUSES, 'win32', 'x64').resetAdHocDarwinSignature).toBeUndefined();
  });

  it('finds the Electron binary of each platform', () => {
    expect(electronBinary(context('linux'))).toBe(join('/build/out/unpacked', 'riverside-station-kiosk'));
    expect(electronBinary(context('win32'))).toBe(join('/build/out/unpacked', 'Riverside Station Kiosk.exe'));
    expect(electronBinary(context('darwin'))).toBe(join('/build/out/unpacked', 'Riverside Station Kiosk.app'));
  });

  it('flips the fuses of the packed binary', async () => {
    await afterPack(context('win32'));
    expect(flipFuses).toHaveBeenCalledWith(join('/build/out/unpacked', 'Riverside Station Kiosk.exe'), fuseConfig(FUSES, 'win32', 'x64'));
    await afterPack(context('darwin', 3));
    expect(flipFuses).toHaveBeenLastCalledWith(join('/build/out/unpacked', 'Riverside Station Kiosk.app'), expect.objectContaining({ resetAdHocDarwinSignature: true }));
  });

  it('really rewrites the fuse wire of a binary (a stand-in with the Electron sentinel and default wire)', async () => {
    const real = await vi.importActual<{ default: { flipFuses: typeof flipFuses; getCurrentFuseWire: (p: string) => Promise<Record<string, number>> } }>('@electron/fuses');
    flipFuses.mockImplementationOnce(real.default.flipFuses);
    const tmp = makeTempDir('kiosk-fuses-');
    try {
      const dir = join(tmp.dir, 'linux-unpacked');
      mkdirSync(dir);
      const binary = join(dir, 'riverside-station-kiosk');
      // Electron's sentinel, wire version 1, 8 fuses in their shipped state ('1' on, '0' off).
      const sentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
      writeFileSync(binary, Buffer.concat([Buffer.from('ELF...'), Buffer.from(sentinel), Buffer.from([1, 8]), Buffer.from('10110001'), Buffer.from('...')]));
      await afterPack({ ...context('linux'), appOutDir: dir });
      const bytes = readFileSync(binary);
      const wire = bytes.subarray(bytes.indexOf(sentinel) + sentinel.length + 2, bytes.indexOf(sentinel) + sentinel.length + 10).toString();
      // runAsNode off, cookies encrypted, NODE_OPTIONS off, --inspect off, asar integrity on, asar only, no V8 snapshot, no file:// privileges.
      expect(wire).toBe('01001100');
      expect(bytes.subarray(0, 6).toString()).toBe('ELF...');
    } finally {
      tmp.cleanup();
    }
  });
});
