import { statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { streamFile } from '../shared/http/streamFile';
import { contentTypeOf, rangeReply, resolveStaticFile } from './staticFiles';

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
  const reply = rangeReply(String(req.headers.range ?? ''), size);
  res.writeHead(reply.status, {
    ...opts.headers,
    'Content-Type': contentTypeOf(file),
    'Cache-Control': opts.cacheControl,
    'Accept-Ranges': 'bytes',
    ...reply.headers,
  });
  if (req.method === 'HEAD' || !reply.span) {
    res.end();
    return;
  }
  streamFile(res, file, opts.onReadError, reply.span);
}
