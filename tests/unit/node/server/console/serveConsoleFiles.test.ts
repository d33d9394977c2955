import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CONSOLE_CSP, createConsoleFiles } from '../../../../../node/server/console/serveConsoleFiles';
import { HttpError } from '../../../../../node/server/http/respond';

let dir = '';
let server: Server;
let base = '';

/** Raw request: fetch would normalise `..` and encoded dots away before they reach the server. */
const raw = (
  path: string,
  method = 'GET',
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> =>
  new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'console-files-'));
  mkdirSync(join(dir, 'console/assets'), { recursive: true });
  writeFileSync(join(dir, 'console/index.html'), '<!doctype html><title>console</title>');
  writeFileSync(join(dir, 'console/assets/app-1234.js'), 'console.log(1)');
  writeFileSync(join(dir, 'console/assets/app-1234.css'), 'body{}');
  writeFileSync(join(dir, 'console/assets/notes.txt'), 'not served');
  writeFileSync(join(dir, 'secret.json'), '{"secret":true}');
  symlinkSync(join(dir, 'secret.json'), join(dir, 'console/assets/link.json'));
  const files = createConsoleFiles(join(dir, 'console'));
  const missing = createConsoleFiles(join(dir, 'not-built'));
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x.invalid');
    const handler = url.pathname.startsWith('/missing/')
      ? (r: typeof req, s: typeof res, u: URL) => missing(r, s, new URL(u.pathname.slice('/missing'.length), u))
      : files;
    handler(req, res, url).catch((err: unknown) => {
      res.writeHead(err instanceof HttpError ? err.status : 500).end(err instanceof Error ? err.message : '');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

it('serves index.html and assets with their content types, a strict CSP and caching by kind', async () => {
  const index = await raw('/console/');
  expect(index.status).toBe(200);
  expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(index.headers['content-security-policy']).toBe(CONSOLE_CSP);
  expect(CONSOLE_CSP).toContain("script-src 'self'");
  expect(CONSOLE_CSP).not.toContain('unsafe-inline');
  expect(index.headers['cache-control']).toBe('no-store');
  expect(index.headers['x-content-type-options']).toBe('nosniff');
  const js = await raw('/console/assets/app-1234.js');
  expect([js.status, js.headers['content-type'], js.body]).toEqual([200, 'text/javascript; charset=utf-8', 'console.log(1)']);
  expect(js.headers['cache-control']).toContain('immutable');
  expect((await raw('/console/assets/app-1234.css')).headers['content-type']).toBe('text/css; charset=utf-8');
  const head = await raw('/console/assets/app-1234.js', 'HEAD');
  expect([head.status, head.body]).toEqual([200, '']);
});

it('redirects / and /console to the console', async () => {
  for (const p of ['/', '/console']) {
    const r = await raw(p);
    expect([r.status, r.headers.location]).toEqual([302, '/console/']);
  }
});

it('refuses traversal, encoded separators, symbolic links out of the folder, unknown types and other methods', async () => {
  for (const p of [
    '/console/../secret.json',
    '/console/%2e%2e/secret.json',
    '/console/assets/..%2f..%2fsecret.json',
    '/console/assets%5c..%5c..%5csecret.json',
    '/console//etc/passwd',
    '/console/assets/link.json',
    '/console/assets/notes.txt',
    '/console/nothing.js',
    '/console/%00.js',
  ]) {
    const r = await raw(p);
    expect(r.status, p).toBe(404);
    expect(r.body).not.toContain('secret');
  }
  expect((await raw('/console/%E0%A4%A.js')).status).toBe(400);
  expect((await raw('/console/index.html', 'POST')).status).toBe(405);
});

it('says the console is not built when its folder is missing', async () => {
  const r = await raw('/missing/console/');
  expect([r.status, r.body]).toEqual([503, 'the console is not built: run npm run build']);
});
