import { existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.wav': 'audio/wav',
  // The smile meter's demo walk-through videos (pack smile.demoVideos).
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
  '.vtt': 'text/vtt; charset=utf-8',
  '.bin': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(file: string): string {
  return MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a URL path to a file inside `root`, or null. Refuses anything that would leave `root`
 * (encoded `..`, backslashes, NUL), hidden files, and directories; `/` is `index.html`.
 */
export function resolveStaticFile(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const rel = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  if (rel.split('/').some((seg) => seg === '..' || seg.startsWith('.'))) return null;
  const base = resolve(root);
  const full = normalize(join(base, rel));
  if (!full.startsWith(base + sep)) return null;
  if (!existsSync(full)) return null;
  try {
    if (!statSync(full).isFile()) return null;
  } catch {
    return null;
  }
  return full;
}

/**
 * A single `Range: bytes=a-b` request header (RFC 9110 section 14.1.2) against a file of `size` bytes:
 * null when absent or not a single byte range (serve the whole file), 'unsatisfiable' for a 416, else
 * the inclusive byte span. `<audio>` and `<video>` need ranges to seek.
 */
export function parseByteRange(header: string | null | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  const range = /^bytes=(\d*)-(\d*)$/.exec(header ?? '');
  if (!range || (!range[1] && !range[2])) return null;
  let start: number;
  let end: number;
  if (range[1]) {
    start = Number(range[1]);
    end = range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
  } else {
    start = Math.max(0, size - Number(range[2]));
    end = size - 1;
  }
  return start > end || start >= size ? 'unsatisfiable' : { start, end };
}
