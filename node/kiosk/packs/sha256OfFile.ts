import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** A file's SHA-256 (hex) and size in bytes, streamed: a pack zip of hundreds of MB never sits in memory whole. */
export const sha256OfFile = (file: string): Promise<{ sha256: string; size: number }> =>
  new Promise((resolve, reject) => {
    const h = createHash('sha256');
    let size = 0;
    createReadStream(file)
      .on('data', (c: string | Buffer) => {
        size += c.length;
        h.update(c);
      })
      .on('error', reject)
      .on('end', () => resolve({ sha256: h.digest('hex'), size }));
  });
