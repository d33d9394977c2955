// electron-builder `afterPack` hook (electron-builder.yml): flips the Electron fuses of the packaged
// binary before it is signed, as the Electron security guide recommends
// (https://www.electronjs.org/docs/latest/tutorial/fuses).
//
// WHY a hook: electron-builder 25.1.8 (installed here) has no `electronFuses` option; that key
// arrived in 26.x, which cannot be installed on these machines (it needs Node 22 or a GitHub
// download). The keys below are the ones of that option, so upgrading means moving this table
// into electron-builder.yml under `electronFuses:` and deleting this file.
import { join } from 'node:path';
import electronFuses from '@electron/fuses';

export const FUSES = Object.freeze({
  // No ELECTRON_RUN_AS_NODE: the kiosk binary cannot be used as a plain Node interpreter.
  runAsNode: false,
  enableCookieEncryption: true,
  // NODE_OPTIONS and --inspect would let anyone at the PC inject code into the main process.
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  // app.asar is hashed at start (macOS, Windows) and nothing outside it is loaded as the app.
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  // The kiosk never uses file://; it serves app://kiosk/ (electron/main/appProtocol.ts).
  grantFileProtocolExtraPrivileges: false,
});

/** FUSES in @electron/fuses' form: FuseV1Options index -> value. */
export function fuseConfig(fuses, platform, arch) {
  const { FuseVersion, FuseV1Options } = electronFuses;
  const config = { version: FuseVersion.V1 };
  for (const [key, value] of Object.entries(fuses)) {
    const option = FuseV1Options[key.charAt(0).toUpperCase() + key.slice(1)];
    if (option === undefined) throw new Error(`electronFuses: unknown fuse ${key}`);
    config[option] = value;
  }
  // Flipping fuses breaks the ad-hoc signature of arm64 macOS builds; re-sign ad hoc (real signing comes after).
  if (platform === 'darwin' && arch === 'arm64') config.resetAdHocDarwinSignature = true;
  return config;
}

/** Where the Electron binary is inside the packed app folder, per platform. */
export function electronBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return join(appOutDir, `${name}.app`);
  if (electronPlatformName === 'win32') return join(appOutDir, `${name}.exe`);
  return join(appOutDir, packager.executableName);
}

// electron-builder's Arch enum: 0 ia32, 1 x64, 2 armv7l, 3 arm64, 4 universal.
const ARCH = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

export default async function afterPack(context) {
  const binary = electronBinary(context);
  await electronFuses.flipFuses(binary, fuseConfig(FUSES, context.electronPlatformName, ARCH[context.arch]));
  console.log(`  • electron fuses flipped  file=${binary}`);
}
