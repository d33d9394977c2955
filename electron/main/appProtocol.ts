import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { protocol } from 'electron';
import { securityHeaders } from '../../node/kiosk/csp';
import { contentTypeOf, rangeReply, resolveStaticFile } from '../../node/kiosk/staticFiles';
import { APP_HOST, APP_SCHEME, PRINT_SCHEME } from './appOrigin';

/**
 * `app://kiosk/`: the renderer's origin instead of file:// (Electron security checklist item 18,
 * https://www.electronjs.org/docs/latest/tutorial/security#18-avoid-usage-of-the-file-protocol-and-prefer-usage-of-custom-protocols).
 * Must run before `app` is ready. `standard` gives it http-like origins and relative URLs,
 * `secure` makes it a secure context (camera access), `supportFetchAPI` lets the renderer fetch
 * pack files, `stream` lets <audio>/<video> stream them.
 * The print window's `kiosk-print` scheme is registered in the same call (Electron allows only one): standard
 * and secure, nothing else, since its pages only show one inlined image.
 * https://www.electronjs.org/docs/latest/api/protocol#protocolregisterschemesasprivilegedcustomschemes
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
    { scheme: PRINT_SCHEME, privileges: { standard: true, secure: true } },
  ]);
}

export interface AppProtocolOptions {
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** The active content pack's folder, served under `/pack/`; null while no pack is active. */
  packDir: () => string | null;
}

const PACK_PREFIX = '/pack/';

const text = (status: number, body: string): Response =>
  new Response(body, { status, headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' } });

/** Maps a request to its file, or to the status to answer with. Pure apart from the file lookups. */
export function resolveAppRequest(req: Request, opts: AppProtocolOptions): { file: string } | { status: 404 | 405 } {
  if (req.method !== 'GET' && req.method !== 'HEAD') return { status: 405 };
  const url = new URL(req.url);
  // Chromium lower-cases the host of a standard scheme; anything else (other host, userinfo, port) is not ours.
  if (url.hostname !== APP_HOST || url.username || url.password || url.port) return { status: 404 };
  let file: string | null;
  if (url.pathname.startsWith(PACK_PREFIX)) {
    const dir = opts.packDir();
    file = dir ? resolveStaticFile(dir, `/${url.pathname.slice(PACK_PREFIX.length)}`) : null;
    // `/pack/` alone would map to the pack's index.html; a pack is data, not a page.
    if (url.pathname === PACK_PREFIX) file = null;
  } else {
    file = resolveStaticFile(opts.rendererDir, url.pathname);
  }
  return file ? { file } : { status: 404 };
}

/**
 * Answers one request: the file with the CSP and security headers, and a single byte range when
 * asked (media elements seek with `Range`). https://www.electronjs.org/docs/latest/api/protocol#protocolhandlescheme-handler
 */
export function serveAppRequest(req: Request, opts: AppProtocolOptions): Response {
  const found = resolveAppRequest(req, opts);
  if ('status' in found) return text(found.status, found.status === 404 ? 'not found' : 'method not allowed');
  const size = statSync(found.file).size;
  const reply = rangeReply(req.headers.get('range'), size);
  const headers = {
    ...securityHeaders(),
    'Content-Type': contentTypeOf(found.file),
    'Cache-Control': 'no-cache',
    'Accept-Ranges': 'bytes',
    ...reply.headers,
  };
  if (req.method === 'HEAD' || !reply.span) return new Response(null, { status: reply.status, headers });
  const body = Readable.toWeb(createReadStream(found.file, reply.span)) as ReadableStream<Uint8Array>;
  return new Response(body, { status: reply.status, headers });
}

/** Installs the handler (after `ready`). */
export function handleAppProtocol(opts: AppProtocolOptions): void {
  protocol.handle(APP_SCHEME, (req) => serveAppRequest(req, opts));
}
