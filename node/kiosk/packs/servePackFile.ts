import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger';
import { serveFile } from '../serveFile';

/**
 * GET/HEAD `/pack/<asset path>` on the web host: a file of the active pack, resolved with the same
 * `resolveStaticFile` the Electron app protocol uses (nothing outside the pack folder, no dot files), with single byte
 * ranges (serveFile). `no-store`: the same URL names another file after a pack swap. A file that cannot be read once
 * its head is sent (a disk error, a pack folder removed mid-read) is logged: the page only sees the media stop.
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
  serveFile(req, res, rel !== '/' ? packDir : null, rel, {
    headers,
    cacheControl: 'no-store',
    onReadError: (err) => log.error('webhost.pack_file_read_failed', { path: rel, error: String(err) }),
  });
}
