import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { ManifestObjectSchema, type Manifest } from '../../../common/pack/manifest';
import { PACK_LIMITS, assetTypeOfPath } from '../../../common/pack/packLimits';
import {
  type AssetReference,
  checkManifestReferences,
  collectReferences,
  jsonPathText,
  listedAssets,
  panoramaNodeImages,
  postcardFrameOverlays,
  usedAssetPaths,
} from '../../../common/pack/packReferences';
import { CARD_ASPECT, CARD_ASPECT_TOLERANCE } from '../../../common/pack/postcardSection';
import { decodeAudio } from './decodeAudio';
import { decodeImage } from './decodeImage';
import type { PackProblem } from './packProblem';
import { SNIFF_BYTES, manifestBytesProblem, needsFullContent, sniffContent } from './sniffContent';
import { walkPackFolder, type FolderFile } from './walkPackFolder';

/**
 * Validates a pack folder (a staged archive, or a designer's working folder) and returns EVERY
 * problem at once, each with its file and JSON path: the schema, the cross-references, each listed
 * asset (present, size, sha256, content matching its extension, images and audio decoded in full,
 * size limits), subtitle cues within their audio, and files nobody references.
 */
export interface PackReport {
  ok: boolean;
  manifest: Manifest | null;
  problems: PackProblem[];
  /** Worth telling a designer, not a reason to refuse the pack. */
  warnings: PackProblem[];
  files: FolderFile[];
}

type Obj = Record<string, unknown>;
const MANIFEST = 'manifest.json';

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function readManifest(dir: string, files: FolderFile[], problems: PackProblem[]): unknown {
  if (!files.some((f) => f.rel === MANIFEST)) {
    problems.push({ file: MANIFEST, path: '', message: 'the pack has no manifest.json at its root' });
    return undefined;
  }
  const bytes = readFileSync(join(dir, MANIFEST));
  const bad = manifestBytesProblem(bytes, PACK_LIMITS.manifestBytes);
  if (bad) {
    problems.push({ file: MANIFEST, path: '', message: `the manifest ${bad}` });
    return undefined;
  }
  return JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, '')) as unknown;
}

export async function validatePack(dir: string, opts: { decodeMedia?: boolean } = {}): Promise<PackReport> {
  const walk = walkPackFolder(dir);
  const problems: PackProblem[] = [...walk.problems];
  const warnings: PackProblem[] = [];
  const raw = readManifest(dir, walk.files, problems);
  const onDisk = new Map(walk.files.map((f) => [f.rel, f]));
  let manifest: Manifest | null = null;
  const durations = new Map<string, number>();

  if (raw !== undefined) {
    const parsed = ManifestObjectSchema.safeParse(raw);
    if (parsed.success) manifest = parsed.data;
    else for (const i of parsed.error.issues) problems.push({ file: MANIFEST, path: jsonPathText(i.path), message: i.message });
    for (const r of checkManifestReferences(raw)) problems.push({ file: MANIFEST, path: jsonPathText(r.path), message: r.message });

    const equirect = panoramaNodeImages(raw);
    const overlays = postcardFrameOverlays(raw);
    for (const asset of listedAssets(raw)) {
      // Decoding is synchronous JavaScript: let the event loop (IPC, the web host) breathe between files.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const entry = ((raw as Obj).assets as Obj[])[asset.index] as Obj;
      const at = (field: string): string => `assets[${asset.index}]${field ? `.${field}` : ''}`;
      const type = assetTypeOfPath(asset.path);
      const file = onDisk.get(asset.path);
      if (!file) {
        problems.push({ file: asset.path, path: at('path'), message: 'is listed in assets but is not in the pack' });
        continue;
      }
      if (typeof entry.bytes === 'number' && entry.bytes !== file.size)
        problems.push({ file: asset.path, path: at('bytes'), message: `is ${file.size} bytes; the manifest says ${entry.bytes}` });
      if (!type) continue; // the schema already reported the extension
      const cap = PACK_LIMITS.maxFileBytes[type];
      if (file.size > cap) {
        problems.push({ file: asset.path, path: at(''), message: `is ${file.size} bytes; ${type} files may have at most ${cap}` });
        continue;
      }
      const full = join(dir, asset.path);
      const ext = asset.path.slice(asset.path.lastIndexOf('.') + 1);
      const inMemory = type === 'image' || type === 'audio' || needsFullContent(ext);
      const bytes = inMemory ? readFileSync(full) : null;
      const sha = bytes ? createHash('sha256').update(bytes).digest('hex') : await sha256File(full);
      if (typeof entry.sha256 === 'string' && entry.sha256 !== sha)
        problems.push({ file: asset.path, path: at('sha256'), message: `has sha256 ${sha}; the manifest says ${entry.sha256}` });
      const head = bytes ?? readHead(full);
      const mismatch = sniffContent(ext, needsFullContent(ext) ? head : head.subarray(0, SNIFF_BYTES));
      if (mismatch) {
        problems.push({ file: asset.path, path: at(''), message: `the file ${mismatch}` });
        continue;
      }
      if (opts.decodeMedia === false || !bytes) continue;
      try {
        if (type === 'image') {
          const info = decodeImage(ext, bytes);
          checkEquirect(asset.path, info, equirect, problems);
          checkCardAspect(asset.path, info, overlays, problems);
        }
        if (type === 'audio') durations.set(asset.path, (await decodeAudio(ext, bytes)).seconds);
      } catch (err) {
        problems.push({ file: asset.path, path: at(''), message: `the ${type} ${(err as Error).message}` });
      }
    }
    checkCueTimes(raw, durations, problems);
    checkUnreferenced(raw, walk.files, problems, warnings);
  }

  const total = walk.files.reduce((n, f) => n + f.size, 0);
  if (total > PACK_LIMITS.maxTotalBytes)
    problems.push({ file: '.', path: '', message: `the pack is ${total} bytes; at most ${PACK_LIMITS.maxTotalBytes} are accepted` });
  return { ok: problems.length === 0, manifest: problems.length === 0 ? manifest : null, problems, warnings, files: walk.files };
}

/** A panorama node's picture is equirectangular: 360° across, 180° down, so exactly twice as wide as high. */
function checkEquirect(asset: string, info: { width: number; height: number }, equirect: AssetReference[], problems: PackProblem[]): void {
  if (info.width === 2 * info.height) return;
  for (const ref of equirect) {
    if (ref.asset === asset)
      problems.push({
        file: asset,
        path: jsonPathText(ref.path),
        message: `is ${info.width}x${info.height} px; an equirectangular panorama must be exactly twice as wide as high`,
      });
  }
}

/** A postcard frame overlay covers the whole card (148 x 100 mm), so it must have the card's shape. */
function checkCardAspect(
  asset: string,
  info: { width: number; height: number },
  overlays: AssetReference[],
  problems: PackProblem[],
): void {
  if (Math.abs(info.width / info.height / CARD_ASPECT - 1) <= CARD_ASPECT_TOLERANCE) return;
  for (const ref of overlays) {
    if (ref.asset === asset)
      problems.push({
        file: asset,
        path: jsonPathText(ref.path),
        message: `is ${info.width}x${info.height} px; a frame overlay must have the card's aspect ratio 148:100 (e.g. 1748x1181)`,
      });
  }
}

function readHead(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    return buf.subarray(0, readSync(fd, buf, 0, SNIFF_BYTES, 0));
  } finally {
    closeSync(fd);
  }
}

/** A narration's last cue may not end (much) after its audio does. */
function checkCueTimes(raw: unknown, durations: Map<string, number>, problems: PackProblem[]): void {
  for (const ref of collectReferences(raw)) {
    const seconds = durations.get(ref.asset);
    if (ref.expect !== 'audio' || seconds === undefined) continue;
    const trackPath = ref.path.slice(0, -1);
    let track: unknown = raw;
    for (const key of trackPath) track = (track as Obj | undefined)?.[key as string];
    const cues = (track as Obj | undefined)?.cues;
    if (!Array.isArray(cues)) continue;
    cues.forEach((c: unknown, k) => {
      const end = (c as Obj | null)?.end;
      if (typeof end === 'number' && end > seconds + PACK_LIMITS.cueSlackSeconds) {
        problems.push({
          file: ref.asset,
          path: jsonPathText([...trackPath, 'cues', k, 'end']),
          message: `cue ends at ${end}s but the audio lasts ${seconds.toFixed(2)}s`,
        });
      }
    });
  }
}

/** Files no one lists are junk: a few are tolerated (with a warning), more are refused. */
function checkUnreferenced(raw: unknown, files: FolderFile[], problems: PackProblem[], warnings: PackProblem[]): void {
  const listed = new Set(listedAssets(raw).map((a) => a.path));
  const junk = files.filter((f) => f.rel !== MANIFEST && !listed.has(f.rel)).map((f) => f.rel);
  if (junk.length > PACK_LIMITS.maxUnreferencedFiles) {
    problems.push({
      file: '.',
      path: 'assets',
      message: `${junk.length} files are not listed in assets (at most ${PACK_LIMITS.maxUnreferencedFiles} are tolerated): ${junk.slice(0, 20).join(', ')}${junk.length > 20 ? ', ...' : ''}`,
    });
  } else for (const rel of junk) warnings.push({ file: rel, path: '', message: 'is not listed in assets and will not be used' });
  const used = usedAssetPaths(raw);
  for (const a of listedAssets(raw))
    if (!used.has(a.path))
      warnings.push({ file: a.path, path: `assets[${a.index}]`, message: 'is listed in assets but no section uses it' });
}
