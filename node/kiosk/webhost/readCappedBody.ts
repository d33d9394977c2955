import type { IncomingMessage } from 'node:http';

/**
 * Reads a request body of at most `maxBytes`: the body, or null when it is larger (as declared, or as it arrives).
 * A larger body is still read to its end, into nothing, so the caller's refusal reaches the client: a server that
 * stops reading while the client is still sending has its socket reset by the kernel once it closes, and the client
 * then sees ECONNRESET instead of the 413 it was sent (TCP answers data for a closed socket with a reset, and a reset
 * drops what the client had received but not yet read). What is thrown away is bounded by `discardLimit` bytes;
 * past it the connection is cut.
 */
export function readCappedBody(req: IncomingMessage, maxBytes: number, discardLimit = 16 * maxBytes): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const discard = (): void => {
      let dropped = 0;
      req.on('data', (c: Buffer) => {
        dropped += c.length;
        if (dropped > discardLimit) req.destroy();
      });
      resolve(null);
    };
    req.on('error', reject);
    if (Number(req.headers['content-length'] ?? 0) > maxBytes) return discard();
    const onData = (c: Buffer): void => {
      size += c.length;
      if (size <= maxBytes) return void chunks.push(c);
      req.off('data', onData);
      chunks.length = 0;
      discard();
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}
