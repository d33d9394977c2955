import type { IncomingMessage } from 'node:http';

/**
 * Reads the rest of a request into nothing, so a refusal sent now reaches the client: a server that stops reading
 * while the client is still sending has its socket reset by the kernel once it closes, and the client then sees
 * ECONNRESET instead of the answer it was sent (TCP answers data for a closed socket with a reset, and a reset drops
 * what the client had received but not yet read). Past `limit` bytes thrown away the connection is cut.
 */
export function discardRest(req: IncomingMessage, limit: number): void {
  let dropped = 0;
  req.on('data', (c: Buffer) => {
    dropped += c.length;
    if (dropped > limit) req.destroy();
  });
  req.resume();
}

/**
 * Reads a request body of at most `maxBytes`: the body, or null when it is larger (as declared, or as it arrives).
 * A larger body is still read to its end into nothing (discardRest), at most `discardLimit` bytes of it.
 */
export function readCappedBody(req: IncomingMessage, maxBytes: number, discardLimit = 16 * maxBytes): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const refuse = (): void => {
      discardRest(req, discardLimit);
      resolve(null);
    };
    req.on('error', reject);
    if (Number(req.headers['content-length'] ?? 0) > maxBytes) return refuse();
    const onData = (c: Buffer): void => {
      size += c.length;
      if (size <= maxBytes) return void chunks.push(c);
      req.off('data', onData);
      chunks.length = 0;
      refuse();
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}
