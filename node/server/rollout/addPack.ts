import { copyFileSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PackError } from '../../kiosk/packs/packProblem';
import { sha256OfFile } from '../../kiosk/packs/sha256OfFile';
import { stagePack } from '../../kiosk/packs/stagePack';
import { validatePack } from '../../kiosk/packs/validatePack';
import type { StoredPack } from '../../../common/consoleRolloutApi';
import type { Queryable } from '../db/Db';

export type { StoredPack };

/** Where a pack's zip lives in the server's data folder. */
export const packZipPath = (dataDir: string, sha256: string): string => join(dataDir, 'packs', `${sha256}.zip`);

/**
 * Takes a built pack zip from an exhibit designer: staged and validated with the kiosk's own code (so the server
 * never offers a pack every kiosk would refuse), then kept under its SHA-256. The same pack id and version with
 * other bytes is refused: a version names one content for ever.
 */
export async function addPack(db: Queryable, dataDir: string, zipFile: string, now = new Date()): Promise<StoredPack> {
  const staging = mkdtempSync(join(tmpdir(), 'server-pack-'));
  try {
    await stagePack(zipFile, join(staging, 'pack'));
    const report = await validatePack(join(staging, 'pack'));
    if (!report.ok || !report.manifest) throw new PackError(report.problems);
    const m = report.manifest;
    const { sha256, size } = await sha256OfFile(zipFile);
    const title = `${m.title['zh-CN']} · ${m.title.en}`;
    const same = await db.query<{ sha256: string }>('SELECT sha256 FROM packs WHERE pack_id = $1 AND version = $2', [m.id, m.version]);
    if (same[0] && same[0].sha256 !== sha256)
      throw new PackError([
        {
          file: 'manifest.json',
          path: 'version',
          message: `${m.id} ${m.version} is already on the server with other content; give the pack a new version`,
        },
      ]);
    mkdirSync(join(dataDir, 'packs'), { recursive: true, mode: 0o700 });
    const target = packZipPath(dataDir, sha256);
    copyFileSync(zipFile, `${target}.tmp`);
    renameSync(`${target}.tmp`, target);
    await db.query(
      'INSERT INTO packs (sha256, pack_id, version, size, title, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (sha256) DO NOTHING',
      [sha256, m.id, m.version, size, title, now],
    );
    return { sha256, packId: m.id, version: m.version, size, title };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
