import { statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { streamFile } from '../../shared/http/streamFile';
import type { ServerLog } from '../log';

/**
 * Sends a pack zip, honouring one `Range: bytes=N-` or `bytes=N-M` so a kiosk resumes a broken download
 * (https://www.rfc-editor.org/rfc/rfc9110#name-range-requests); any other range form gets the whole file.
 * A zip that cannot be read once its head is sent is logged: the kiosk only sees a download cut short.
 */
export function sendPackZip(res: ServerResponse, file: string, range: string | undefined, log: ServerLog): void {
  const size = statSync(file).size;
  const onReadError = (err: Error): void => log.error('packs.zip_read_failed', { file, error: String(err) });
  const m = range ? /^bytes=(\d+)-(\d*)$/.exec(range) : null;
  const headers = { 'content-type': 'application/zip', 'accept-ranges': 'bytes', 'cache-control': 'no-store' };
  if (m) {
    const start = Number(m[1]);
    const end = m[2] ? Math.min(Number(m[2]), size - 1) : size - 1;
    if (start >= size || start > end) {
      res.writeHead(416, { ...headers, 'content-range': `bytes */${size}` }).end();
      return;
    }
    res.writeHead(206, { ...headers, 'content-length': end - start + 1, 'content-range': `bytes ${start}-${end}/${size}` });
    streamFile(res, file, onReadError, { start, end });
    return;
  }
  res.writeHead(200, { ...headers, 'content-length': size });
  streamFile(res, file, onReadError);
}
