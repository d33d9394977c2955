import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { createServices, type Services } from '../../../../../node/kiosk/services';
import { createMemoryLogger } from '../../../../../node/kiosk/logger';
import { SECRET_HEADER, startWebHost, type WebHost } from '../../../../../node/kiosk/webhost/startWebHost';
import { CONTENT_SECURITY_POLICY } from '../../../../../node/kiosk/csp';
import { makeTempDir } from '../../../../fixtures/tempDir';

let services: Services;
let host: WebHost;
let cleanup: () => void;
const SECRET = 'test-secret-0123456789abcdef';

beforeAll(async () => {
  const t = makeTempDir();
  cleanup = t.cleanup;
  const renderer = join(t.dir, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(join(renderer, 'clip.webm'), '0123456789');
  services = createServices({ dataDir: join(t.dir, 'data'), appVersion: '9.9.9', runtime: 'web', log: createMemoryLogger() });
  host = await startWebHost({ dispatcher: services.dispatcher, staticDir: renderer, log: services.log, secret: SECRET });
});
afterAll(async () => {
  await host.close();
  services.close();
  cleanup();
});

/** Raw HTTP so that the Host and Origin headers can be set freely (fetch forbids that). */
function raw(
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const api = (method: string, body: unknown, headers: Record<string, string> = {}) =>
  raw(`/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SECRET_HEADER]: SECRET, ...headers },
    body: JSON.stringify(body),
  });

describe('web host', () => {
  it('binds to loopback and gives launch URLs carrying a fresh nonce in the fragment, never the secret', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const [a, b] = [host.issueLaunchUrl(), host.issueLaunchUrl()];
    expect(a).toMatch(new RegExp(`^${host.url}#n=[A-Za-z0-9_-]{43}$`));
    expect(b).not.toBe(a);
    expect(a + b).not.toContain(SECRET);
  });

  it('refuses to bind anywhere but loopback', async () => {
    await expect(startWebHost({ dispatcher: services.dispatcher, staticDir: '.', log: services.log, host: '0.0.0.0' })).rejects.toThrow(
      /loopback only/,
    );
  });

  it('serves the contract with the secret', async () => {
    const r = await api('getKioskState', { payload: {} });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { appVersion: '9.9.9', runtime: 'web', pinSet: false } });
  });

  it('refuses calls without the secret or with a wrong one, and does not act on them', async () => {
    const before = services.counter.totals(0, Number.MAX_SAFE_INTEGER)['session.started'] ?? 0;
    const none = await raw('/api/recordUsage', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"payload":{"metric":"session.started"}}',
    });
    expect(none.status).toBe(403);
    const wrong = await api('recordUsage', { payload: { metric: 'session.started' } }, { [SECRET_HEADER]: 'nope' });
    expect(wrong.status).toBe(403);
    expect(JSON.parse(wrong.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(services.counter.totals(0, Number.MAX_SAFE_INTEGER)['session.started'] ?? 0).toBe(before);
  });

  it('refuses foreign Host headers (DNS rebinding) and foreign origins', async () => {
    expect((await api('getKioskState', { payload: {} }, { host: 'evil.example:80' })).status).toBe(421);
    expect((await api('getKioskState', { payload: {} }, { origin: 'http://127.0.0.1:1' })).status).toBe(403);
    expect((await api('getKioskState', { payload: {} }, { origin: `http://localhost:${host.port}` })).status).toBe(200);
  });

  it('answers bad calls with typed errors and HTTP status', async () => {
    expect(JSON.parse((await api('launchMissiles', { payload: {} })).body)).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    const bad = await raw('/api/recordUsage', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SECRET_HEADER]: SECRET },
      body: '{oops',
    });
    expect(bad.status).toBe(400);
    expect((await raw('/api/getKioskState', { headers: { [SECRET_HEADER]: SECRET } })).status).toBe(405);
    expect(
      (await raw('/api/getKioskState', { method: 'POST', headers: { [SECRET_HEADER]: SECRET, 'content-type': 'text/plain' }, body: '{}' }))
        .status,
    ).toBe(415);
    const big = await raw('/api/recordUsage', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SECRET_HEADER]: SECRET },
      body: JSON.stringify({ payload: { metric: 'x'.repeat(600_000) } }),
    });
    expect(big.status).toBe(413);
    // The postcard channel carries a print-resolution image, so its limit is higher: the same size reaches the schema check.
    const card = await raw('/api/savePostcard', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SECRET_HEADER]: SECRET },
      body: JSON.stringify({ payload: { imageBase64: 'x'.repeat(600_000) } }),
    });
    expect(card.status).toBe(400);
    expect(JSON.parse(card.body)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', issues: expect.any(Array) } });
    expect((await api('getSettings', { payload: {} })).status).toBe(401);
  });

  it('runs the operator flow over HTTP: set PIN, then operator calls with the token', async () => {
    const setup = JSON.parse((await api('setupPin', { payload: { pin: '2468' } })).body);
    expect(setup.ok).toBe(true);
    const token = setup.value.token as string;
    const s = await api('getSettings', { payload: {}, operatorToken: token });
    expect(JSON.parse(s.body)).toMatchObject({ ok: true, value: { stationId: 'yangpu-qinhuangdao-rd' } });
    const wrong = await api('unlockOperator', { payload: { pin: '0000' } });
    expect(wrong.status).toBe(403);
    expect(JSON.parse(wrong.body)).toMatchObject({ error: { code: 'PIN_WRONG', attemptsLeft: 4 } });
  });

  it('serves the renderer with the CSP and security headers, and nothing outside it', async () => {
    const page = await raw('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.body).toContain('<title>kiosk</title>');
    expect((await raw('/../../etc/passwd')).status).toBe(404);
    expect((await raw('/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
    expect((await raw('/', { method: 'POST' })).status).toBe(405);
  });

  it('answers byte ranges of its own files, as the Electron app protocol does, so a <video> of it can seek', async () => {
    const whole = await raw('/clip.webm');
    expect(whole.status).toBe(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.headers['content-length']).toBe('10');
    expect(whole.headers['content-type']).toBe('video/webm');
    const part = await raw('/clip.webm', { headers: { range: 'bytes=3-5' } });
    expect(part.status).toBe(206);
    expect(part.body).toBe('345');
    expect(part.headers['content-range']).toBe('bytes 3-5/10');
    expect(part.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    const tail = await raw('/clip.webm', { headers: { range: 'bytes=-2' } });
    expect([tail.status, tail.body]).toEqual([206, '89']);
    const beyond = await raw('/clip.webm', { headers: { range: 'bytes=10-' } });
    expect([beyond.status, beyond.headers['content-range']]).toEqual([416, 'bytes */10']);
    // The page itself: revalidated each time, while Vite's hashed assets are cached for good.
    expect((await raw('/')).headers['cache-control']).toBe('no-cache');
  });
});
