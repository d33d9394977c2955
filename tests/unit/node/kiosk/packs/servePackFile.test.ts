import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../../../node/kiosk/logger';
import { servePackFile } from '../../../../../node/kiosk/packs/servePackFile';

let dir: string;
let active: string | null;
let server: Server;
let base: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pack-serve-'));
  mkdirSync(join(dir, 'pack', 'audio'), { recursive: true });
  writeFileSync(join(dir, 'pack', 'audio', 'a.mp3'), Buffer.from('0123456789'));
  writeFileSync(join(dir, 'secret.txt'), 'outside the pack');
  active = join(dir, 'pack');
  server = createServer((req, res) =>
    servePackFile(req, res, active, (req.url ?? '/').split('?')[0] ?? '/', { 'X-Test': '1' }, createMemoryLogger()),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('servePackFile', () => {
  it('serves a file of the active pack with its type, no caching, and byte ranges', async () => {
    const full = await fetch(`${base}/pack/audio/a.mp3`);
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('audio/mpeg');
    expect(full.headers.get('cache-control')).toBe('no-store');
    expect(full.headers.get('accept-ranges')).toBe('bytes');
    expect(await full.text()).toBe('0123456789');
    const part = await fetch(`${base}/pack/audio/a.mp3`, { headers: { range: 'bytes=2-4' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 2-4/10');
    expect(await part.text()).toBe('234');
    const tail = await fetch(`${base}/pack/audio/a.mp3`, { headers: { range: 'bytes=-3' } });
    expect(await tail.text()).toBe('789');
    expect((await fetch(`${base}/pack/audio/a.mp3`, { headers: { range: 'bytes=20-' } })).status).toBe(416);
  });

  it('refuses anything outside the pack, and answers 404 when no pack is active', async () => {
    for (const path of [
      '/pack/../secret.txt',
      '/pack/%2e%2e/secret.txt',
      '/pack/audio%5c..%5c..%5csecret.txt',
      '/pack/',
      '/pack/missing.png',
    ]) {
      expect((await fetch(`${base}${path}`)).status, path).toBe(404);
    }
    active = null;
    expect((await fetch(`${base}/pack/audio/a.mp3`)).status).toBe(404);
    active = join(dir, 'pack');
    expect((await fetch(`${base}/pack/audio/a.mp3`, { method: 'POST' })).status).toBe(405);
  });
});
