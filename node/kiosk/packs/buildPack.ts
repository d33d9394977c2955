import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { assetTypeOfPath } from '../../../common/pack/packLimits';
import { collectReferences, listedAssets } from '../../../common/pack/packReferences';
import { PackError } from './packProblem';
import { walkPackFolder } from './walkPackFolder';

/**
 * The designer's `build`: fills `assets` in a pack folder's manifest.json (size, sha256, kind) from
 * the files the manifest references, then writes the zip with yazl (https://github.com/thejoshwolfe/yazl).
 * Already-compressed media are stored, text is deflated.
 */
export interface FillResult {
  /** Referenced (or listed) paths with no file. */
  missing: string[];
  /** Files in the folder that nothing references: left out of the zip. */
  leftOut: string[];
  /** Paths written to `assets`, in order. */
  assets: string[];
}

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

export async function fillAssets(dir: string): Promise<FillResult> {
  const file = join(dir, 'manifest.json');
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as Record<string, unknown>;
  } catch (err) {
    throw new PackError([{ file: 'manifest.json', path: '', message: `cannot be read as JSON (${(err as Error).message})` }]);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new PackError([{ file: 'manifest.json', path: '', message: 'must hold a JSON object' }]);
  const paths = [...new Set([...listedAssets(raw).map((a) => a.path), ...collectReferences(raw).map((r) => r.asset)])];
  const missing: string[] = [];
  const assets: Record<string, unknown>[] = [];
  for (const p of paths) {
    const full = join(dir, p);
    if (!existsSync(full) || !statSync(full).isFile()) {
      missing.push(p);
      continue;
    }
    assets.push({ path: p, bytes: statSync(full).size, sha256: await sha256(full), type: assetTypeOfPath(p) ?? 'unknown' });
  }
  const listed = new Set([...assets.map((a) => a.path as string), 'manifest.json']);
  const leftOut = walkPackFolder(dir)
    .files.map((f) => f.rel)
    .filter((rel) => !listed.has(rel));
  const out = Object.fromEntries(Object.entries({ ...raw, assets }).sort(([a], [b]) => order(a) - order(b)));
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  return { missing, leftOut, assets: assets.map((a) => a.path as string) };
}

const KEY_ORDER = ['$schema', 'schemaVersion', 'id', 'version', 'title', 'author', 'date', 'assets'];
const order = (k: string): number => (KEY_ORDER.includes(k) ? KEY_ORDER.indexOf(k) : KEY_ORDER.length);

const STORED = new Set(['png', 'jpg', 'jpeg', 'mp3', 'opus', 'ogg', 'webm', 'mp4']);

/** Writes manifest.json and `files` of `dir` into `out` (through a temporary file, renamed at the end). */
export async function writePackZip(dir: string, files: string[], out: string): Promise<void> {
  const zip = new yazl.ZipFile();
  const mtime = new Date('2000-01-01T00:00:00Z'); // reproducible zips: same folder, same bytes
  for (const rel of ['manifest.json', ...files]) {
    zip.addFile(join(dir, rel), rel, { compress: !STORED.has(rel.slice(rel.lastIndexOf('.') + 1)), mtime, mode: 0o100644 });
  }
  zip.end();
  const tmp = `${out}.tmp-${process.pid}`;
  try {
    await pipeline(zip.outputStream, createWriteStream(tmp));
    renameSync(tmp, out);
  } finally {
    rmSync(tmp, { force: true });
  }
}
