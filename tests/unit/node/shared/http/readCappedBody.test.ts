import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCappedBody } from '../../../../../node/shared/http/readCappedBody';
import { sendInChunks } from '../../../../fixtures/http/sendInChunks';

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

const send = (bytes: number, declared: boolean) => sendInChunks(`http://127.0.0.1:${port}/`, bytes, declared);

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
