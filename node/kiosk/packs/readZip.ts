import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl, { type Entry } from 'yauzl';
import { PACK_LIMITS, assetTypeOfPath } from '../../../common/pack/packLimits';
import { isClutter, nameCollisions, unsafeNameReason } from './entryName';
import { PackError, type PackProblem } from './packProblem';
import { SNIFF_BYTES, manifestBytesProblem, needsFullContent, sniffContent } from './sniffContent';

/**
 * Extracts a pack archive into a fresh staging folder, refusing hostile archives.
 * yauzl (https://github.com/thejoshwolfe/yauzl) reads the central directory, never trusts local
 * headers for names, and streams each entry; names are decoded here (decodeStrings: false) so that
 * every rule below is ours and reported with a clear message. Two passes: the whole central directory
 * is checked before a single byte is written; then entries are inflated with caps counted on the
 * bytes actually produced. On any problem the staging folder is removed and a PackError lists them all.
 */
export interface ZipLimits {
  maxEntries: number;
  maxFileBytes: (relPath: string) => number;
  maxTotalBytes: number;
  maxRatio: number;
  ratioFloorBytes: number;
  manifestBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: PACK_LIMITS.maxEntries,
  maxFileBytes: (p) => {
    if (p === 'manifest.json') return PACK_LIMITS.manifestBytes;
    const type = assetTypeOfPath(p);
    return type ? PACK_LIMITS.maxFileBytes[type] : PACK_LIMITS.maxAnyFileBytes;
  },
  maxTotalBytes: PACK_LIMITS.maxTotalBytes,
  maxRatio: PACK_LIMITS.maxRatio,
  ratioFloorBytes: PACK_LIMITS.ratioFloorBytes,
  manifestBytes: PACK_LIMITS.manifestBytes,
};

export interface ReadZipResult {
  /** Extracted files, relative to the staging folder. */
  files: string[];
  /** Entries left out as operating-system clutter (`__MACOSX/`, `.DS_Store`, ...). */
  skipped: string[];
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

interface Planned {
  entry: Entry;
  name: string;
  rel: string;
}

function decodeName(entry: Entry): string | { error: string } {
  const raw = entry.fileNameRaw;
  if (entry.generalPurposeBitFlag & 0x800) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(raw);
    } catch {
      return { error: 'file name is flagged UTF-8 but is not valid UTF-8' };
    }
  }
  // Without the UTF-8 flag a name is CP437 by the spec; only plain ASCII means the same everywhere.
  if (raw.some((b) => b > 0x7e))
    return { error: 'file name is not ASCII and not flagged as UTF-8 (re-create the zip with a UTF-8 aware tool)' };
  return raw.toString('latin1');
}

export async function readZip(zipPath: string, stagingDir: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ReadZipResult> {
  const archive = basename(zipPath);
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(zipPath, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: false,
      validateEntrySizes: true,
      strictFileNames: true,
    });
  } catch (err) {
    throw new PackError([{ file: archive, path: '', message: `not a readable zip archive (${(err as Error).message})` }]);
  }
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new PackError([
        { file: archive, path: '', message: `the archive has ${zip.entryCount} entries; at most ${limits.maxEntries} are accepted` },
      ]);
    }
    const planned = await planEntries(zip, archive, limits);
    mkdirSync(dirname(stagingDir), { recursive: true });
    mkdirSync(stagingDir); // throws if it exists: staging is always fresh
    try {
      return await extract(zip, archive, planned, stagingDir, limits);
    } catch (err) {
      rmSync(stagingDir, { recursive: true, force: true });
      throw err;
    }
  } finally {
    zip.close();
  }
}

/** Pass 1: the central directory only. Nothing is written. */
async function planEntries(zip: yauzl.ZipFile, archive: string, limits: ZipLimits): Promise<{ files: Planned[]; skipped: string[] }> {
  const problems: PackProblem[] = [];
  const entries: { entry: Entry; name: string }[] = [];
  try {
    for await (const entry of zip.eachEntry()) {
      const decoded = decodeName(entry);
      const label = typeof decoded === 'string' ? decoded : entry.fileNameRaw.toString('latin1');
      const bad = (message: string): void => void problems.push({ file: label.slice(0, 300), path: '', message });
      if (typeof decoded !== 'string') {
        bad(decoded.error);
        continue;
      }
      const reason = unsafeNameReason(decoded);
      if (reason) bad(reason);
      if (entry.isEncrypted()) bad('the entry is encrypted; encrypted archives are refused');
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
        bad(`compression method ${entry.compressionMethod} is not supported (only stored and deflate)`);
      const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
      if (mode === S_IFLNK) bad('symbolic links are refused');
      else if (mode !== 0 && mode !== S_IFREG && mode !== S_IFDIR) bad('special files (devices, pipes, sockets) are refused');
      const unicodePath = entry.extraFields.find((f) => f.id === 0x7075);
      if (unicodePath && unicodePath.data.subarray(5).toString('utf8') !== decoded)
        bad('the entry carries a second, different (Info-ZIP Unicode) name');
      if (!reason) entries.push({ entry, name: decoded });
    }
  } catch (err) {
    throw new PackError([...problems, { file: archive, path: '', message: `the zip's directory is corrupt (${(err as Error).message})` }]);
  }
  for (const c of nameCollisions(entries.map((e) => e.name))) problems.push({ file: c.name, path: '', message: c.message });

  // Entries whose data overlap (several names over one deflate stream) are a known zip-bomb trick.
  const byOffset = [...entries].sort((a, b) => a.entry.relativeOffsetOfLocalHeader - b.entry.relativeOffsetOfLocalHeader);
  for (let i = 1; i < byOffset.length; i++) {
    const prev = byOffset[i - 1]!.entry;
    if (
      byOffset[i]!.entry.relativeOffsetOfLocalHeader <
      prev.relativeOffsetOfLocalHeader + 30 + prev.fileNameLength + prev.compressedSize
    ) {
      problems.push({ file: byOffset[i]!.name, path: '', message: 'the entry overlaps another one in the archive (a zip-bomb trick)' });
    }
  }

  const kept = entries.filter((e) => !isClutter(e.name));
  const skipped = entries.filter((e) => isClutter(e.name)).map((e) => e.name);
  const prefix = rootPrefix(kept.map((e) => e.name));
  if (prefix === null)
    problems.push({ file: archive, path: '', message: 'no manifest.json at the root of the archive (or in its one top folder)' });
  const files: Planned[] = [];
  for (const { entry, name } of kept) {
    if (name.endsWith('/')) continue;
    const rel = name.slice(prefix?.length ?? 0);
    if (prefix !== null && !name.startsWith(prefix)) continue;
    const ext = rel.slice(rel.lastIndexOf('.') + 1);
    if (rel !== 'manifest.json' && !assetTypeOfPath(rel))
      problems.push({ file: rel, path: '', message: `packs do not accept .${ext} files` });
    const cap = limits.maxFileBytes(rel);
    if (entry.uncompressedSize > cap)
      problems.push({
        file: rel,
        path: '',
        message: `declares ${entry.uncompressedSize} bytes; at most ${cap} are accepted for this file`,
      });
    files.push({ entry, name, rel });
  }
  if (problems.length) throw new PackError(problems);
  return { files, skipped };
}

/** '' when manifest.json is at the root, 'top/' when everything sits in one folder with the manifest, else null. */
function rootPrefix(names: string[]): string | null {
  if (names.includes('manifest.json')) return '';
  const tops = new Set(names.map((n) => n.split('/')[0]));
  const top = [...tops][0];
  if (tops.size === 1 && top && names.includes(`${top}/manifest.json`)) return `${top}/`;
  return null;
}

/** Pass 2: inflate each file with caps on the bytes actually produced, and check its content. */
async function extract(
  zip: yauzl.ZipFile,
  archive: string,
  plan: { files: Planned[]; skipped: string[] },
  staging: string,
  limits: ZipLimits,
): Promise<ReadZipResult> {
  const root = resolve(staging);
  const problems: PackProblem[] = [];
  let total = 0;
  for (const { entry, rel } of plan.files) {
    const target = resolve(join(root, rel));
    if (!target.startsWith(root + sep)) throw new PackError([{ file: rel, path: '', message: 'resolves outside the staging folder' }]);
    mkdirSync(dirname(target), { recursive: true });
    const cap = limits.maxFileBytes(rel);
    const ext = rel.slice(rel.lastIndexOf('.') + 1);
    const keepAll = rel === 'manifest.json' || needsFullContent(ext);
    const kept: Buffer[] = [];
    let keptBytes = 0;
    let inflated = 0;
    const guard = new Transform({
      transform(chunk: Buffer, _enc, done) {
        inflated += chunk.length;
        total += chunk.length;
        if (inflated > cap)
          return done(new PackError([{ file: rel, path: '', message: `inflates to more than ${cap} bytes (the limit for this file)` }]));
        if (total > limits.maxTotalBytes)
          return done(
            new PackError([{ file: archive, path: '', message: `inflates to more than ${limits.maxTotalBytes} bytes in total` }]),
          );
        if (inflated > limits.ratioFloorBytes && inflated / Math.max(1, entry.compressedSize) > limits.maxRatio) {
          return done(
            new PackError([
              { file: rel, path: '', message: `inflates more than ${limits.maxRatio} times its compressed size (zip bomb?)` },
            ]),
          );
        }
        if (keepAll || keptBytes < SNIFF_BYTES) {
          kept.push(chunk);
          keptBytes += chunk.length;
        }
        done(null, chunk);
      },
    });
    try {
      const source = await zip.openReadStreamPromise(entry);
      await pipeline(source, guard, createWriteStream(target, { flags: 'wx' }));
    } catch (err) {
      if (err instanceof PackError) throw new PackError([...problems, ...err.problems]);
      // yauzl's validateEntrySizes stops an entry that inflates to more (or fewer) bytes than declared.
      const msg = (err as Error).message;
      const lied = /too many bytes in the stream|not enough bytes in the stream/.test(msg);
      const message = lied
        ? `${msg.startsWith('too many') ? 'inflates to more' : 'inflates to fewer'} bytes than its header declares (corrupt or crafted archive)`
        : `cannot be extracted (${msg})`;
      throw new PackError([...problems, { file: rel, path: '', message }]);
    }
    const content = Buffer.concat(kept);
    const bad = rel === 'manifest.json' ? manifestBytesProblem(content, limits.manifestBytes) : sniffContent(ext, content);
    if (bad) problems.push({ file: rel, path: '', message: `the file ${bad}` });
  }
  if (problems.length) throw new PackError(problems);
  return { files: plan.files.map((f) => f.rel), skipped: plan.skipped };
}
