import { readFile, realpath } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HttpError } from '../http/respond';

const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
/** Where `npm run build` puts the console's pages (web/console/vite.config.ts), from this folder under node/server/console. */
export const DEFAULT_CONSOLE_DIR = resolve(here, '../../..', process.env.KIOSK_DIST ?? 'dist', 'console');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/**
 * The console pages' policy: scripts and styles from the server itself only (no inline script; the echarts canvas
 * sets element styles through the CSSOM, which `style-src 'self'` allows), calls to the same origin only, no framing
 * (https://developer.mozilla.org/docs/Web/HTTP/Headers/Content-Security-Policy).
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': CONSOLE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/**
 * Serves the built console (`/console/…`) from `root`: GET and HEAD only, known file types only, and a path that
 * must stay inside `root` after decoding and resolving symbolic links (no `..`, no encoded slashes). The pages route
 * in the URL's hash, so the only HTML is index.html. Hashed assets are cached for a year; index.html never.
 */
export function createConsoleFiles(root: string) {
  let realRoot: Promise<string> | null = null;
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      throw new HttpError(405, 'the console pages are read with GET', {}, { allow: 'GET, HEAD' });
    if (url.pathname === '/' || url.pathname === '/console') {
      res.writeHead(302, { location: '/console/', 'cache-control': 'no-store' }).end();
      return;
    }
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname.slice('/console/'.length));
    } catch {
      throw new HttpError(400, 'bad path');
    }
    if (rel === '') rel = 'index.html';
    if (rel.includes('\0') || rel.includes('\\') || rel.split('/').some((p) => p === '..' || p === '.' || p === ''))
      throw new HttpError(404, 'no such file');
    const type = TYPES[extname(rel).toLowerCase()];
    if (!type) throw new HttpError(404, 'no such file');
    realRoot ??= realpath(root).catch(() => {
      realRoot = null;
      throw new HttpError(503, 'the console is not built: run npm run build');
    });
    const base = await realRoot;
    let file: string;
    let body: Buffer;
    try {
      file = await realpath(join(base, rel));
      if (!file.startsWith(base + sep)) throw new Error('outside');
      body = await readFile(file);
    } catch {
      throw new HttpError(404, 'no such file');
    }
    res.writeHead(200, {
      'content-type': type,
      'content-length': body.length,
      'cache-control': rel === 'index.html' ? 'no-store' : rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...SECURITY_HEADERS,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
