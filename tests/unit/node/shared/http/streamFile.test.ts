import { readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamFile } from '../../../../../node/shared/http/streamFile';
import { makeTempDir } from '../../../../fixtures/tempDir';

const { dir, cleanup } = makeTempDir('stream-file-');
const FILE = join(dir, 'narration.opus');
const SIZE = 8 * 1024 * 1024;
let server: Server;
let url: string;

beforeAll(async () => {
  writeFileSync(FILE, Buffer.alloc(SIZE, 7));
  server = createServer((req, res) => {
    const m = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    const range = m ? { start: Number(m[1]), end: Number(m[2]) } : undefined;
    res.writeHead(range ? 206 : 200, { 'content-length': String(range ? range.end - range.start + 1 : SIZE) });
    streamFile(res, FILE, range);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  cleanup();
});

/** This process's open descriptors on the file (Linux: /proc/self/fd). */
const openOnFile = (): number =>
  readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === FILE;
    } catch {
      return false;
    }
  }).length;

const settle = async (ok: () => boolean): Promise<void> => {
  for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 20));
};

describe('streamFile', () => {
  it('sends the whole file or the range asked for', async () => {
    const read = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) =>
        get(url, { headers }, (res) => {
          let n = 0;
          res.on('data', (c: Buffer) => (n += c.length));
          res.on('end', () => resolve(n));
        }).on('error', reject),
      );
    expect(await read({})).toBe(SIZE);
    expect(await read({ range: 'bytes=100-1123' })).toBe(1024);
    await settle(() => openOnFile() === 0);
    expect(openOnFile()).toBe(0);
  });

  it('closes the file when the client goes away mid-file: no descriptor left per aborted request', async () => {
    for (let i = 0; i < 20; i++) {
      await new Promise<void>((resolve) => {
        const req = get(url, (res) =>
          res.once('data', () => {
            req.destroy();
            resolve();
          }),
        );
        req.on('error', () => undefined);
      });
    }
    await settle(() => openOnFile() === 0);
    expect(openOnFile()).toBe(0);
  });
});
