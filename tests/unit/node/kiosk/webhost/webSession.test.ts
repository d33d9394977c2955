import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../../../node/kiosk/logger';
import { createServices, type Services } from '../../../../../node/kiosk/services';
import { LaunchUrlReplySchema } from '../../../../../node/kiosk/webhost/launchChannel';
import { SECRET_HEADER, startWebHost, type WebHost } from '../../../../../node/kiosk/webhost/startWebHost';
import { makeTempDir } from '../../../../fixtures/tempDir';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp(
  opts: { secret?: string; now?: () => number } = {},
): Promise<{ host: WebHost; services: Services; log: ReturnType<typeof createMemoryLogger> }> {
  const t = makeTempDir('web-session-');
  cleanups.push(t.cleanup);
  const renderer = join(t.dir, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>kiosk</title>');
  const log = createMemoryLogger();
  const services = createServices({ dataDir: join(t.dir, 'data'), appVersion: '9.9.9', runtime: 'web', log });
  cleanups.push(() => services.close());
  const host = await startWebHost({ dispatcher: services.dispatcher, staticDir: renderer, log, secret: opts.secret, now: opts.now });
  cleanups.push(() => host.close());
  return { host, services, log };
}

/** Raw HTTP so that the Origin header can be set freely. */
function post(host: WebHost, path: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path, method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const nonceOf = (launchUrl: string): string => new URLSearchParams(new URL(launchUrl).hash.slice(1)).get('n') ?? '';
const trade = (host: WebHost, nonce: string, headers: Record<string, string> = {}) =>
  post(host, '/session', JSON.stringify({ nonce }), headers);

describe('web host session: a launch nonce is traded once for the secret', () => {
  it('gives the secret for a fresh nonce, and refuses the same nonce a second time', async () => {
    const secret = 'session-secret-0123456789abcdef';
    const { host, services } = await setUp({ secret });
    const nonce = nonceOf(host.issueLaunchUrl());
    const first = await trade(host, nonce, { origin: host.url.replace(/\/$/, '') });
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).toEqual({ ok: true, value: { secret } });
    const again = await trade(host, nonce);
    expect(again.status).toBe(403);
    expect(JSON.parse(again.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(again.body).not.toContain(secret);
    // The traded secret opens the API; the nonce does not.
    const call = (key: string) => post(host, '/api/getKioskState', '{"payload":{}}', { [SECRET_HEADER]: key });
    expect((await call(secret)).status).toBe(200);
    expect((await call(nonce)).status).toBe(403);
    expect(services.dispatcher).toBeDefined();
  });

  it('refuses a nonce after its minute, on the injected clock', async () => {
    let clock = 1_000_000;
    const { host } = await setUp({ now: () => clock });
    const late = nonceOf(host.issueLaunchUrl());
    const inTime = nonceOf(host.issueLaunchUrl());
    clock += 59_999;
    expect((await trade(host, inTime)).status).toBe(200);
    clock += 1;
    expect((await trade(host, late)).status).toBe(403);
  });

  it('refuses unknown nonces, other origins, other content types, other methods and malformed bodies', async () => {
    const { host } = await setUp();
    expect((await trade(host, 'A'.repeat(43))).status).toBe(403);
    const nonce = nonceOf(host.issueLaunchUrl());
    expect((await trade(host, nonce, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await post(host, '/session', JSON.stringify({ nonce }), { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post(host, '/session', 'x'.repeat(2000))).status).toBe(413);
    expect((await post(host, '/session', '{"nonce": 5}')).status).toBe(400);
    expect((await trade(host, nonce, { host: 'evil.example' })).status).toBe(421);
    // None of those spent it.
    expect((await trade(host, nonce)).status).toBe(200);
  });

  it('never writes the secret or a nonce to its log', async () => {
    const secret = 'logged-secret-0123456789abcdef';
    const { host, log } = await setUp({ secret });
    const nonce = nonceOf(host.issueLaunchUrl());
    await trade(host, nonce);
    await trade(host, nonce);
    const text = JSON.stringify(log.lines);
    expect(log.lines.map((l) => l.event)).toEqual(expect.arrayContaining(['webhost.session_started', 'webhost.session_refused']));
    expect(text).not.toContain(secret);
    expect(text).not.toContain(nonce);
  });
});

describe('web host entry (main.ts)', () => {
  const MAIN = fileURLToPath(new URL('../../../../../node/kiosk/webhost/main.ts', import.meta.url));

  it(
    'prints a launch URL with a nonce only, ignores KIOSK_WEB_SECRET, hands fresh URLs over IPC, and logs no secret',
    { timeout: 60_000 },
    async () => {
      const t = makeTempDir('web-main-');
      cleanups.push(t.cleanup);
      const renderer = join(t.dir, 'renderer');
      mkdirSync(renderer);
      writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>kiosk</title>');
      const planted = 'planted-secret-0123456789abcdef';
      const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
        env: {
          ...process.env,
          KIOSK_DATA_DIR: join(t.dir, 'data'),
          KIOSK_RENDERER_DIR: renderer,
          KIOSK_WEB_PORT: '0',
          KIOSK_WEB_SECRET: planted,
          KIOSK_TAKEAWAY_HOST: '127.0.0.1',
          KIOSK_TAKEAWAY_PORT: '0',
        },
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      });
      const exited = new Promise((r) => child.once('exit', r));
      cleanups.push(async () => {
        child.kill('SIGTERM');
        await exited;
      });
      let stdout = '';
      let stderr = '';
      child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      const listening = await new Promise<{ url: string; launchUrl: string }>((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`web host exited ${code}: ${stderr}`)));
        child.stdout!.on('data', () => {
          const line = stdout.split('\n').find((l) => l.startsWith('{"event":"webhost.listening"'));
          if (line) resolve(JSON.parse(line) as { url: string; launchUrl: string });
        });
      });
      const host = { port: Number(new URL(listening.url).port) } as WebHost;
      const traded = await trade(host, nonceOf(listening.launchUrl));
      expect(traded.status).toBe(200);
      const { secret } = (JSON.parse(traded.body) as { value: { secret: string } }).value;
      expect(secret).not.toBe(planted);
      expect(secret.length).toBeGreaterThanOrEqual(40);

      child.send({ type: 'launchUrl', id: 7 });
      const reply = await new Promise<unknown>((resolve) => child.once('message', resolve));
      const fresh = LaunchUrlReplySchema.parse(reply);
      expect(fresh.id).toBe(7);
      expect(fresh.launchUrl).not.toBe(listening.launchUrl);
      expect((await trade(host, nonceOf(fresh.launchUrl))).status).toBe(200);

      child.kill('SIGTERM');
      await exited;
      const logs = join(t.dir, 'data', 'logs');
      const logText = readdirSync(logs)
        .map((f) => readFileSync(join(logs, f), 'utf8'))
        .join('\n');
      expect(logText).toContain('webhost.session_started');
      for (const text of [stdout, stderr, logText]) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain(planted);
      }
    },
  );
});
