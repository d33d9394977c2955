import { mkdirSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamFile } from '../../../../../node/shared/http/streamFile';
import { makeTempDir } from '../../../../fixtures/tempDir';

const { dir, cleanup } = makeTempDir('stream-file-');
const FILE = join(dir, 'narration.opus');
// Opens like a file and fails on the first read (EISDIR): a read error after the response's head is sent.
const UNREADABLE = join(dir, 'unreadable');
const SIZE = 8 * 1024 * 1024;
const readErrors: NodeJS.ErrnoException[] = [];
let server: Server;
let url: string;

beforeAll(async () => {
  writeFileSync(FILE, Buffer.alloc(SIZE, 7));
  mkdirSync(UNREADABLE);
  server = createServer((req, res) => {
    const m = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    const range = m ? { start: Number(m[1]), end: Number(m[2]) } : undefined;
    res.writeHead(range ? 206 : 200, { 'content-length': String(range ? range.end - range.start + 1 : SIZE) });
    const file = req.url === '/unreadable' ? UNREADABLE : req.url === '/gone' ? join(dir, 'gone') : FILE;
    streamFile(res, file, (err) => readErrors.push(err), range);
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
    expect(readErrors).toEqual([]);
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
    // A client going away is routine: nothing is reported for it.
    await new Promise((r) => setTimeout(r, 100));
    expect(readErrors).toEqual([]);
  });

  it('reports a read error that is not the client going away (unreadable, removed), and cuts the response off', async () => {
    const outcome = (name: string) =>
      new Promise<string>((resolve) => {
        get(`${url}${name}`, (res) => {
          res.on('data', () => undefined);
          res.on('end', () => resolve('complete'));
          res.on('error', () => resolve('cut off'));
        }).on('error', () => resolve('cut off'));
      });
    expect(await outcome('unreadable')).toBe('cut off');
    expect(await outcome('gone')).toBe('cut off');
    await settle(() => readErrors.length === 2);
    expect(readErrors.map((e) => e.code)).toEqual(['EISDIR', 'ENOENT']);
  });
});
