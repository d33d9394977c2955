import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCappedBody } from '../../../../../node/kiosk/webhost/readCappedBody';

const MAX = 64 * 1024;
let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((req, res) => {
    void readCappedBody(req, MAX, 4 * 1024 * 1024).then((body) => {
      res.writeHead(body ? 200 : 413, { 'content-type': 'text/plain' });
      res.end(body ? `read ${body.length}` : 'too large');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** Sends `bytes` in chunks of 16 KiB, declared (Content-Length) or chunked, and gives the answer or the error. */
function send(bytes: number, declared: boolean): Promise<{ status: number; body: string } | { error: string }> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = declared ? { 'content-length': String(bytes) } : {};
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', (err) => resolve({ error: (err as NodeJS.ErrnoException).code ?? err.message }));
    const chunk = Buffer.alloc(16 * 1024, 0x61);
    let sent = 0;
    const more = (): void => {
      while (sent < bytes) {
        const n = Math.min(chunk.length, bytes - sent);
        sent += n;
        if (!req.write(chunk.subarray(0, n))) return void req.once('drain', more);
      }
      req.end();
    };
    more();
  });
}

describe('readCappedBody', () => {
  it('reads a body up to the limit', async () => {
    expect(await send(MAX, true)).toEqual({ status: 200, body: `read ${MAX}` });
    expect(await send(MAX, false)).toEqual({ status: 200, body: `read ${MAX}` });
  });

  it('answers a larger body, declared or not, with the refusal the client then reads: never a reset', async () => {
    for (let i = 0; i < 10; i++) {
      expect(await send(16 * MAX, true)).toEqual({ status: 413, body: 'too large' });
      expect(await send(16 * MAX, false)).toEqual({ status: 413, body: 'too large' });
    }
  });

  it('cuts a client that goes on sending past what it is willing to throw away', async () => {
    const answer = await send(16 * 1024 * 1024, false);
    expect('error' in answer || answer.status === 413).toBe(true);
    expect(answer).not.toEqual({ status: 200, body: expect.any(String) });
  });
});
