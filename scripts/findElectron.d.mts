// Types for findElectron.mjs (used by its tests).
type FetchLike = (url: string, init: { method: string; redirect: string; signal: AbortSignal }) => Promise<{ status: number }>;
export const PROBE_TIMEOUT_MS: number;
export function installedElectron(pkgDir: string, env?: Record<string, string | undefined>): string | null;
export function downloadUrl(version: string, env?: Record<string, string | undefined>, platform?: string, arch?: string): string;
export function probe(url: string, opts?: { fetchImpl?: FetchLike; timeoutMs?: number }): Promise<string | null>;
export function findElectron(opts: {
  pkgDir: string | null;
  env?: Record<string, string | undefined>;
  fetchImpl?: FetchLike;
  install?: (pkgDir: string) => Promise<number>;
  timeoutMs?: number;
  say?: (line: string) => void;
}): Promise<{ bin: string; reason?: undefined } | { reason: string; bin?: undefined }>;
