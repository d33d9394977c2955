/**
 * The limits and allowed file formats of a content pack, shared by the schema (common/), the zip
 * reader, the validator and the designer CLI (node/kiosk/packs/). One place, so the guide
 * (resources/packs/GUIDE.md) and the code cannot drift apart.
 */

/** Asset kinds, each with the only extensions accepted for it (lower case). */
export const ASSET_EXTENSIONS = {
  image: ['png', 'jpg', 'jpeg'],
  audio: ['mp3', 'opus', 'ogg', 'wav'],
  video: ['webm', 'mp4'],
  text: ['vtt', 'txt'],
  json: ['json'],
} as const;
export type AssetType = keyof typeof ASSET_EXTENSIONS;
export const ASSET_TYPES = Object.keys(ASSET_EXTENSIONS) as AssetType[];

/** The asset kind an extension belongs to, or null when the extension is not accepted. */
export function assetTypeOfPath(path: string): AssetType | null {
  const dot = path.lastIndexOf('.');
  if (dot < 0) return null;
  const ext = path.slice(dot + 1);
  for (const type of ASSET_TYPES) if ((ASSET_EXTENSIONS[type] as readonly string[]).includes(ext)) return type;
  return null;
}

/** "an image", "an audio", "a video": for messages. */
export function withArticle(kind: string): string {
  return /^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`;
}

const MiB = 1024 * 1024;

export const PACK_LIMITS = {
  /** manifest.json itself. */
  manifestBytes: 1 * MiB,
  /** Entries in a zip (files and folders). */
  maxEntries: 2000,
  /** Files in a pack, manifest included. */
  maxFiles: 1500,
  /** Largest single file, by kind. */
  maxFileBytes: { image: 20 * MiB, audio: 40 * MiB, video: 300 * MiB, text: 1 * MiB, json: 1 * MiB } satisfies Record<AssetType, number>,
  /** Largest file of any kind (what the zip reader enforces before it knows the manifest). */
  maxAnyFileBytes: 300 * MiB,
  /** All files of a pack together, inflated. */
  maxTotalBytes: 1024 * MiB,
  /**
   * Zip-bomb guard: inflated/compressed ratio above which an entry is refused, once it has
   * inflated more than `ratioFloorBytes` (small files legitimately compress very well).
   */
  maxRatio: 100,
  ratioFloorBytes: 1 * MiB,
  /** Files on disk not named in `assets` (besides manifest.json): more than this is refused. */
  maxUnreferencedFiles: 10,
  /** Images: decoded dimensions. */
  image: { minSide: 16, maxSide: 8192, maxPixels: 40_000_000 },
  /** Audio: decoded duration in seconds. */
  audio: { minSeconds: 0.1, maxSeconds: 30 * 60 },
  /** A subtitle cue may end at most this many seconds after the audio does. */
  cueSlackSeconds: 1,
  /** Asset paths: length in characters, and folder depth. */
  maxPathLength: 200,
  maxPathDepth: 8,
} as const;
