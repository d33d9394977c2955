// Types for the electron-builder afterPack hook in electronFuses.mjs (used by its tests).
export interface FuseSettings {
  runAsNode: boolean;
  enableCookieEncryption: boolean;
  enableNodeOptionsEnvironmentVariable: boolean;
  enableNodeCliInspectArguments: boolean;
  enableEmbeddedAsarIntegrityValidation: boolean;
  onlyLoadAppFromAsar: boolean;
  loadBrowserProcessSpecificV8Snapshot: boolean;
  grantFileProtocolExtraPrivileges: boolean;
}
export interface PackContext {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { appInfo: { productFilename: string }; executableName: string };
}
export const FUSES: Readonly<FuseSettings>;
export function fuseConfig(fuses: Readonly<Partial<FuseSettings>>, platform: string, arch: string | undefined): Record<string, unknown>;
export function electronBinary(context: PackContext): string;
export default function afterPack(context: PackContext): Promise<void>;
