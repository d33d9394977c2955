import { statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { streamFile } from '../../shared/http/streamFile';
import type { Logger } from '../logger';
import { contentTypeOf, parseByteRange, resolveStaticFile } from '../staticFiles';

/**
 * GET/HEAD `/pack/<asset path>` on the web host: a file of the active pack, resolved with the same
 * `resolveStaticFile` the Electron app protocol uses (nothing outside the pack folder, no dot files).
 * Single byte ranges are honoured (RFC 9110 section 14) so that <audio> and <video> can seek.
 * `no-store`: the same URL names another file after a pack swap. A file that cannot be read once its head is sent
 * (a disk error, a pack folder removed mid-read) is logged: the page only sees the media stop.
 */
export function servePackFile(
  req: IncomingMessage,
  res: ServerResponse,
  packDir: string | null,
  urlPath: string,
  headers: Record<string, string>,
  log: Logger,
): void {
  const rel = urlPath.slice('/pack'.length);
  const file = packDir && rel !== '/' ? resolveStaticFile(packDir, rel) : null;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, headers).end();
    return;
  }
  if (!file) {
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
    return;
  }
  const size = statSync(file).size;
  const base = { ...headers, 'Content-Type': contentTypeOf(file), 'Cache-Control': 'no-store', 'Accept-Ranges': 'bytes' };
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
  streamFile(res, file, (err) => log.error('webhost.pack_file_read_failed', { path: rel, error: String(err) }), { start, end });
}
