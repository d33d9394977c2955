import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { z } from 'zod';
import { atomicWriteFile } from './atomicWrite';

const FileSchema = z.record(z.string(), z.string());

export interface AcceptedVersions {
  /** The highest version of `packId` installed from a signed manifest, or null. */
  highest(packId: string): string | null;
  /** Records an installed version; the highest never goes down (a signed rollback does not lower it). */
  record(packId: string, version: string): void;
}

/**
 * The no-downgrade memory of remote pack installs, in `<packsDir>/accepted.json` (replaced atomically). A file
 * beside the packs rather than a database table: it belongs with what it protects, and a copy of the data folder
 * carries both. An unreadable file is treated as empty only if it does not exist; otherwise it throws, so a
 * damaged file never silently re-opens downgrades.
 */
export function createAcceptedVersions(packsDir: string): AcceptedVersions {
  const file = join(packsDir, 'accepted.json');
  const read = (): Record<string, string> => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw err;
    }
    return FileSchema.parse(JSON.parse(text));
  };
  return {
    highest: (packId) => read()[packId] ?? null,
    record(packId, version) {
      const all = read();
      const old = all[packId];
      if (old && semver.gte(old, version)) return;
      all[packId] = version;
      atomicWriteFile(file, `${JSON.stringify(all, null, 2)}\n`);
    },
  };
}
