import type { IncomingMessage } from 'node:http';
import { readCappedBody } from '../../shared/http/readCappedBody';

export class BodyTooLargeError extends Error {}

/**
 * Reads a request body up to `maxBytes`; a declared or actual larger body rejects with BodyTooLargeError while the
 * rest is still read into nothing, so the 413 the caller sends reaches the client (readCappedBody says why).
 */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const body = await readCappedBody(req, maxBytes);
  if (!body) throw new BodyTooLargeError(`body larger than ${maxBytes} bytes`);
  return body;
}
