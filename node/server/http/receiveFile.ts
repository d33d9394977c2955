import { createWriteStream, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { discardRest } from '../../shared/http/readCappedBody';
import { BodyTooLargeError } from './readBody';

/**
 * Streams a request body into `file` (a pack zip can be hundreds of MB: never held in memory), refusing a declared
 * or actual body above `maxBytes` with BodyTooLargeError. A partial file is deleted on any failure. A refused body is
 * read on into nothing (up to `discardLimit` bytes), so the caller's 413 reaches the client rather than a reset.
 */
export async function receiveFile(req: IncomingMessage, file: string, maxBytes: number, discardLimit = 2 * maxBytes): Promise<number> {
  const tooLarge = (): BodyTooLargeError => new BodyTooLargeError(`body larger than ${maxBytes} bytes`);
  if (Number(req.headers['content-length'] ?? '0') > maxBytes) {
    discardRest(req, discardLimit);
    throw tooLarge();
  }
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size <= maxBytes) return done(null, chunk);
      // Not through pipeline(req, …): its error would destroy the request, and with it the socket the 413 needs.
      req.unpipe(limit);
      discardRest(req, discardLimit);
      done(tooLarge());
    },
  });
  req.on('error', (err) => limit.destroy(err));
  req.pipe(limit);
  try {
    await pipeline(limit, createWriteStream(file, { mode: 0o600 }));
    return size;
  } catch (err) {
    rmSync(file, { force: true });
    throw err;
  }
}
