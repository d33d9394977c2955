import { statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { streamFile } from '../shared/http/streamFile';
import { contentTypeOf, parseByteRange, resolveStaticFile } from './staticFiles';

export interface ServeFileOptions {
  /** Headers every answer carries (the web host's security headers). */
  headers: Record<string, string>;
  cacheControl: string;
  /** A file that cannot be read once its head is sent: the client only sees it cut off, so the caller logs it. */
  onReadError: (err: NodeJS.ErrnoException) => void;
}

/**
 * GET/HEAD of the file at `urlPath` under `root` (null: nothing to serve), resolved by `resolveStaticFile` (nothing
 * outside `root`, no dot files). Single byte ranges are honoured (RFC 9110 section 14,
 * https://www.rfc-editor.org/rfc/rfc9110#name-range-requests) so that <audio> and <video> can seek and loop, as the
 * Electron app protocol answers them (appProtocol.ts): a media element that gets no `Accept-Ranges` cannot seek in
 * what it has not cached and stalls.
 */
export function serveFile(req: IncomingMessage, res: ServerResponse, root: string | null, urlPath: string, opts: ServeFileOptions): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, opts.headers).end();
    return;
  }
  const file = root ? resolveStaticFile(root, urlPath) : null;
  if (!file) {
    res.writeHead(404, { ...opts.headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
    return;
  }
  const size = statSync(file).size;
  const base = { ...opts.headers, 'Content-Type': contentTypeOf(file), 'Cache-Control': opts.cacheControl, 'Accept-Ranges': 'bytes' };
  const range = parseByteRange(String(req.headers.range ?? ''), size);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...base, 'Content-Range': `bytes */${size}` }).end();
    return;
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  if (range) {
    res.writeHead(206, { ...base, 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': String(end - start + 1) });
  } else {
    res.writeHead(200, { ...base, 'Content-Length': String(size) });
  }
  if (req.method === 'HEAD' || size === 0) {
    res.end();
    return;
  }
  streamFile(res, file, opts.onReadError, { start, end });
}
