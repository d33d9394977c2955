import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { makeTempDir } from '../fixtures/tempDir';

/** electron-builder.yml is checked here because it cannot be exercised: the Electron binary cannot be downloaded on these machines. */
const config = parse(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown> & {
  files: string[];
  directories: { output: string };
  extraResources: Array<{ from: string; to: string }>;
  linux: { target: string[]; category: string; maintainer: string; executableName: string };
  win: { target: Array<{ target: string; arch: string[] }> };
  nsis: { oneClick: boolean; perMachine: boolean };
  electronFuses: Record<string, boolean>;
};
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  main: string;
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
};
const buildScript = readFileSync('scripts/build-node.mjs', 'utf8');

/** The esbuild outfile of an entry point in scripts/build-node.mjs. */
function outfileOf(entry: string): string | undefined {
  // Each entry names its entry point, then its outfile (on one line or several, as the formatter lays it out).
  const at = buildScript.indexOf(`entryPoints: ['${entry}']`);
  const entryObject = at < 0 ? '' : buildScript.slice(at);
  // The build writes into `${out}` (dist/ unless KIOSK_DIST names another folder for a parallel build).
  return /outfile: `\$\{out\}\/([^`]+)`/.exec(entryObject)?.[1]?.replace(/^/, 'dist/');
}

describe('electron-builder.yml', () => {
  it('is valid for the installed electron-builder (its own schema check)', async () => {
    // The validator electron-builder runs before packaging, resolved the way electron-builder resolves it.
    const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
    const { validateConfiguration } = fromBuilder('app-builder-lib/out/util/config/config') as {
      validateConfiguration: (c: unknown, logger: unknown) => Promise<void>;
    };
    const { DebugLogger } = createRequire(fromBuilder.resolve('app-builder-lib'))('builder-util') as {
      DebugLogger: new (enabled: boolean) => unknown;
    };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    // The check is real: an unknown key, or an unknown fuse name, is refused.
    await expect(validateConfiguration({ ...config, electronFuse: { runAsNode: false } }, new DebugLogger(false))).rejects.toThrow(
      /Invalid configuration/,
    );
    await expect(
      validateConfiguration({ ...config, electronFuses: { ...config.electronFuses, runAsNod: false } }, new DebugLogger(false)),
    ).rejects.toThrow(/Invalid configuration/);
    // Loading electron-builder takes seconds on a busy 2-core machine.
  }, 60_000);

  it('names the app and writes installers to out/', () => {
    expect(config.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    expect(config.productName).toBe('Riverside Station Kiosk');
    expect(config.directories.output).toBe('out');
  });

  it('packs the build output and package.json into an asar, without source maps', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(expect.arrayContaining(['dist/**', 'package.json', '!dist/**/*.map']));
  });

  it("points package.json's main at the file the build writes for electron/main/index.ts", () => {
    expect(outfileOf('electron/main/index.ts')).toBe(pkg.main);
    expect(pkg.main.startsWith('dist/')).toBe(true);
    expect(pkg.main.endsWith('.map')).toBe(false);
    // The preload path the main process loads (electron/main/index.ts) is what the build writes too.
    expect(outfileOf('electron/preload/index.ts')).toBe('dist/electron/preload.cjs');
    expect(readFileSync('electron/main/index.ts', 'utf8')).toContain("join(appDir, 'dist', 'electron', 'preload.cjs')");
    expect(pkg.scripts.package).toContain('electron-builder --config electron-builder.yml');
  });

  it('ships the demo content pack as an extra resource', () => {
    expect(config.extraResources).toEqual(expect.arrayContaining([expect.objectContaining({ from: 'resources/', to: 'resources/' })]));
    expect(existsSync('resources')).toBe(true);
  });

  it('builds an AppImage and a deb for Linux, with the metadata a deb needs', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBeTruthy();
    expect(config.linux.maintainer).toMatch(/<[^>]+@[^>]+>/);
    expect(config.linux.executableName).toMatch(/^[a-z0-9-]+$/);
  });

  it('builds a per-machine NSIS installer for Windows x64', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true });
  });

  it('sets exactly the fuses the Electron security guide recommends', () => {
    // https://www.electronjs.org/docs/latest/tutorial/fuses
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config).not.toHaveProperty('afterPack');
  });

  it("electron-builder turns them into @electron/fuses' wire, which really rewrites a binary's fuses", async () => {
    const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
    const { PlatformPackager } = fromBuilder('app-builder-lib') as {
      PlatformPackager: { prototype: { generateFuseConfig(this: unknown, fuses: unknown): Promise<Record<string | number, unknown>> } };
    };
    const fuseConfig = await PlatformPackager.prototype.generateFuseConfig.call({}, config.electronFuses);
    const fuses = createRequire(fromBuilder.resolve('app-builder-lib'))('@electron/fuses') as typeof import('@electron/fuses');
    const { FuseV1Options, FuseVersion } = fuses;
    expect(fuseConfig).toEqual({
      version: FuseVersion.V1,
      resetAdHocDarwinSignature: undefined,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
    const tmp = makeTempDir('kiosk-fuses-');
    try {
      const binary = join(tmp.dir, 'riverside-station-kiosk');
      // Electron's sentinel, wire version 1, 8 fuses in their shipped state ('1' on, '0' off).
      const sentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
      writeFileSync(
        binary,
        Buffer.concat([Buffer.from('ELF...'), Buffer.from(sentinel), Buffer.from([1, 8]), Buffer.from('10110001'), Buffer.from('...')]),
      );
      await fuses.flipFuses(binary, fuseConfig as never);
      const bytes = readFileSync(binary);
      const at = bytes.indexOf(sentinel) + sentinel.length + 2;
      // runAsNode off, cookies encrypted, NODE_OPTIONS off, --inspect off, asar integrity on, asar only, no V8 snapshot, no file:// privileges.
      expect(bytes.subarray(at, at + 8).toString()).toBe('01001100');
      expect(bytes.subarray(0, 6).toString()).toBe('ELF...');
    } finally {
      tmp.cleanup();
    }
  });
});
