import { createWriteStream, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BodyTooLargeError } from './readBody';

/**
 * Streams a request body into `file` (a pack zip can be hundreds of MB: never held in memory), refusing a declared
 * or actual body above `maxBytes` with BodyTooLargeError. A partial file is deleted on any failure.
 */
export async function receiveFile(req: IncomingMessage, file: string, maxBytes: number): Promise<number> {
  const tooLarge = (): BodyTooLargeError => new BodyTooLargeError(`body larger than ${maxBytes} bytes`);
  if (Number(req.headers['content-length'] ?? '0') > maxBytes) throw tooLarge();
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      done(size > maxBytes ? tooLarge() : null, chunk);
    },
  });
  try {
    await pipeline(req, limit, createWriteStream(file, { mode: 0o600 }));
    return size;
  } catch (err) {
    rmSync(file, { force: true });
    throw err;
  }
}
