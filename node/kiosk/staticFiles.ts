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

/** How to answer a GET/HEAD of a file of `size` bytes given its `Range` header. */
export interface RangeReply {
  status: 200 | 206 | 416;
  /** The length and range headers of the answer (added to the caller's own). */
  headers: Record<string, string>;
  /** The inclusive byte span to send; null when there is nothing to send (416, or an empty file). */
  span: { start: number; end: number } | null;
}

/**
 * The status, headers and byte span that answer `header` (a request's `Range`, or none) for a file of `size` bytes:
 * 200 with the whole length, 206 with `Content-Range` for a single satisfiable range, and 416 with a
 * `Content-Range` of `*` and the size for one past the end (RFC 9110 sections 14.4 and 15.5.17,
 * https://www.rfc-editor.org/rfc/rfc9110#name-416-range-not-satisfiable). The web host and the Electron app protocol
 * both answer from it, so a media element seeks the same way in either.
 */
export function rangeReply(header: string | null | undefined, size: number): RangeReply {
  const range = parseByteRange(header, size);
  if (range === 'unsatisfiable') {
    return { status: 416, headers: { 'Content-Range': `bytes */${size}`, 'Content-Length': '0' }, span: null };
  }
  if (range) {
    return {
      status: 206,
      headers: { 'Content-Range': `bytes ${range.start}-${range.end}/${size}`, 'Content-Length': String(range.end - range.start + 1) },
      span: range,
    };
  }
  return { status: 200, headers: { 'Content-Length': String(size) }, span: size === 0 ? null : { start: 0, end: size - 1 } };
}
