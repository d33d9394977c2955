import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMemoryLogger } from '../../../../../node/kiosk/logger';
import { createServices, type Services } from '../../../../../node/kiosk/services';
import { recordKnownDay } from '../../../../fixtures/upload/dashboardData';
import { makeReceiver, tempDir, TOKEN } from '../../../../fixtures/upload/kioskHarness';
import { UPLOAD_TOKEN } from '../../../../../node/kiosk/secretStore';

// Envelope values are checked field by field below; a loose type keeps the assertions readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function kiosk(): {
  s: Services;
  dir: string;
  call: (m: string, payload?: unknown, token?: string | null) => Promise<{ ok: boolean; value?: Loose; error?: Loose }>;
} {
  const t = tempDir('handlers-');
  const s = createServices({ dataDir: join(t.dir, 'kiosk'), appVersion: '1.2.3', runtime: 'web', log: createMemoryLogger() });
  cleanups.push(t.cleanup, () => s.close());
  const op = s.sessions.open().token;
  const call = (m: string, payload: unknown = {}, token: string | null = op) =>
    s.dispatcher.dispatch(m, token ? { payload, operatorToken: token } : { payload }) as Promise<{
      ok: boolean;
      value?: Loose;
      error?: Loose;
    }>;
  return { s, dir: t.dir, call };
}

describe('operator console channels', () => {
  it('all need the operator PIN', async () => {
    const { call } = kiosk();
    for (const m of ['getDashboard', 'exportCsv', 'getHealth', 'getUploadSettings', 'updateUploadSettings', 'uploadNow']) {
      expect((await call(m, {}, null)).error?.code).toBe('UNAUTHORIZED');
    }
  });

  it('the upload token is write-only: set, reported as set, never returned', async () => {
    const { s, call } = kiosk();
    expect((await call('getUploadSettings')).value).toEqual({
      url: null,
      intervalSeconds: 300,
      enabled: false,
      tokenSet: false,
      tokenProtection: 'file-0600',
    });
    const set = await call('updateUploadSettings', { url: 'https://counts.example.org/yangpu', enabled: true, token: 'tok-abcdefgh-123' });
    expect(set.value).toEqual({
      url: 'https://counts.example.org/yangpu',
      intervalSeconds: 300,
      enabled: true,
      tokenSet: true,
      tokenProtection: 'file-0600',
    });
    expect(JSON.stringify(set)).not.toContain('tok-abcdefgh-123');
    expect(JSON.stringify((await call('getSettings')).value)).not.toContain('tok-abcdefgh-123');
    expect(s.secrets.get('upload.token')).toBe('tok-abcdefgh-123');
    expect((await call('updateUploadSettings', { clearToken: true })).value.tokenSet).toBe(false);
  });

  it('refuses plain http off the loopback and a token with spaces, changing nothing', async () => {
    const { call } = kiosk();
    const bad = await call('updateUploadSettings', { url: 'http://counts.example.org', token: 'tok-abcdefgh-123' });
    expect(bad.error?.code).toBe('BAD_REQUEST');
    expect(JSON.stringify(bad.error)).toMatch(/https/);
    expect((await call('getUploadSettings')).value).toMatchObject({ url: null, tokenSet: false });
    expect((await call('updateUploadSettings', { token: 'has space in it' })).error?.code).toBe('BAD_REQUEST');
    expect((await call('updateUploadSettings', { url: 'http://127.0.0.1:8787' })).value.url).toBe('http://127.0.0.1:8787');
    expect((await call('updateUploadSettings', { url: 'https://user:pw@example.org' })).error?.code).toBe('BAD_REQUEST');
  });

  it('dashboard, CSV export and health through the contract', async () => {
    const { s, dir, call } = kiosk();
    recordKnownDay(s);
    const d = await call('getDashboard', { from: '2026-03-02', to: '2026-03-02' });
    expect(d.value.current).toMatchObject({ footfallIn: 11, footfallOut: 8 });
    expect((await call('getDashboard', { from: '2026-03-02', to: '2026-03-01' })).error).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/before it starts/),
    });
    const csv = await call('exportCsv', { from: '2026-03-02', to: '2026-03-02', folder: dir });
    // The day's 7 hourly buckets, then the period's shares: for each camera role with visitors the counted share, the
    // corrected share and its two interval bounds, and the smile model's version, sensitivity and specificity.
    expect(csv.value.rows).toBe(7 + 2 * 4 + 3);
    const text = readFileSync(csv.value.path, 'utf8');
    expect(text).toContain('smile.exit.smiling,6');
    expect(text).toContain('smile.entry.share.corrected.low95,');
    expect((await call('exportCsv', { from: '2026-03-02', to: '2026-03-02', folder: join(dir, 'missing') })).error).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/does not exist/),
    });
    const h = await call('getHealth');
    expect(h.value).toMatchObject({ appVersion: '1.2.3', uploadBacklog: 13, lastSuccessfulUpload: null });
    // The profile runs the smile meter and no kiosk screen has reported yet: both cameras are listed as unknown, never as fine.
    expect(h.value.cameras).toEqual([
      { id: 'smile.entry', state: 'unknown', detail: expect.stringMatching(/no status/) },
      { id: 'smile.exit', state: 'unknown', detail: expect.stringMatching(/no status/) },
    ]);
    // The active content pack comes from the pack store (the built-in demo pack when it is present).
    const active = s.packs.active();
    expect(h.value.contentPack).toEqual(active ? { id: active.id, version: active.version } : null);
    expect(h.value.freeDiskBytes).toBeGreaterThan(0);
  });

  it('a new upload URL on another origin drops the token, so it is never sent there; the same origin keeps it', async () => {
    const t = tempDir('handlers-origin-');
    const sent: { url: string; authorization: string | null }[] = [];
    const fetchSpy = (async (url: string, init: RequestInit) => {
      sent.push({ url, authorization: new Headers(init.headers).get('authorization') });
      return new Response('{}', { status: 500 });
    }) as typeof fetch;
    const s = createServices({
      dataDir: join(t.dir, 'kiosk'),
      appVersion: '1.2.3',
      runtime: 'web',
      log: createMemoryLogger(),
      upload: { uploader: { fetch: fetchSpy } },
    });
    cleanups.push(t.cleanup, () => s.close());
    const op = s.sessions.open().token;
    const call = (m: string, payload: unknown) =>
      s.dispatcher.dispatch(m, { payload, operatorToken: op }) as Promise<{ ok: boolean; value?: Loose; error?: Loose }>;

    await call('updateUploadSettings', { url: 'https://counts.example.org/yangpu', enabled: true, token: TOKEN });
    // Same scheme, host and port (443 is https's default): the token stays.
    expect((await call('updateUploadSettings', { url: 'https://counts.example.org:443/other/path' })).value.tokenSet).toBe(true);
    // Another host, through the general settings channel: gone before the URL is stored.
    const upload = { ...s.settings.get().upload, url: 'https://collector.elsewhere.example' };
    expect((await call('updateSettings', { upload })).ok).toBe(true);
    expect(s.secrets.isSet(UPLOAD_TOKEN)).toBe(false);
    expect((await call('uploadNow', {})).value).toMatchObject({ ok: false, skipped: 'no-token' });
    expect(sent.filter((r) => r.url.startsWith('https://collector.elsewhere.example'))).toEqual([]);
    // Another port or scheme counts as another origin too; a token sent with the new URL is kept.
    s.secrets.set(UPLOAD_TOKEN, TOKEN);
    expect((await call('updateUploadSettings', { url: 'https://collector.elsewhere.example:8443' })).value.tokenSet).toBe(false);
    const both = await call('updateUploadSettings', { url: 'http://127.0.0.1:8787', token: 'second-token-0123456789' });
    expect(both.value).toMatchObject({ url: 'http://127.0.0.1:8787', tokenSet: true });
    expect(s.secrets.get(UPLOAD_TOKEN)).toBe('second-token-0123456789');
    await call('uploadNow', {});
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((r) => r.url.startsWith('http://127.0.0.1:8787/') && r.authorization === 'Bearer second-token-0123456789')).toBe(
      true,
    );
  });

  it('upload now reports its result to the operator', async () => {
    const { s, dir, call } = kiosk();
    expect((await call('uploadNow')).value).toMatchObject({ ok: false, skipped: 'disabled' });
    const rx = await makeReceiver(join(dir, 'rx.db'));
    cleanups.push(rx.close);
    await call('updateUploadSettings', { url: rx.receiver.url, enabled: true, token: TOKEN });
    s.counter.record('session.started', 3);
    expect((await call('uploadNow')).value).toMatchObject({ ok: true, sentBuckets: 1, heartbeatSent: true, backlog: 0 });
    expect(rx.store.totals()).toEqual({ 'session.started': 3 });
    expect((await call('getHealth')).value.lastSuccessfulUpload).toBeGreaterThan(0);
  });
});

describe('operator console over the web host (HTTP, as the renderer calls it)', () => {
  it('counts recorded through the counter API show on the dashboard and in the CSV export', async () => {
    const t = tempDir('handlers-http-');
    cleanups.push(t.cleanup);
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const { SECRET_HEADER, startWebHost } = await import('../../../../../node/kiosk/webhost/startWebHost');
    const { localDateOf } = await import('../../../../../common/time');
    const renderer = join(t.dir, 'renderer');
    mkdirSync(renderer);
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>kiosk</title>');
    // A fixed clock: the counts and "today" cannot straddle a midnight.
    const s = createServices({
      dataDir: join(t.dir, 'data'),
      appVersion: '1.0.0',
      runtime: 'web',
      log: createMemoryLogger(),
      now: () => Date.parse('2026-03-02T04:00:00Z'),
    });
    cleanups.push(() => s.close());
    const secret = 'http-secret-0123456789abcdef';
    const host = await startWebHost({ dispatcher: s.dispatcher, staticDir: renderer, log: s.log, secret });
    cleanups.push(() => host.close());
    const api = async (method: string, payload: unknown, operatorToken?: string): Promise<Loose> => {
      const res = await fetch(`${host.url}api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SECRET_HEADER]: secret },
        body: JSON.stringify(operatorToken ? { payload, operatorToken } : { payload }),
      });
      return res.json();
    };
    for (const [metric, amount] of [
      ['smile.entry.visitors', 12],
      ['smile.entry.smiling', 3],
      ['smile.exit.visitors', 10],
      ['smile.exit.smiling', 5],
    ] as const) {
      expect((await api('recordUsage', { metric, amount })).ok).toBe(true);
    }
    const { token } = (await api('setupPin', { pin: '246810' })).value as { token: string };
    const today = localDateOf(s.now(), 'Asia/Shanghai');
    expect(today).toBe('2026-03-02');
    const d = await api('getDashboard', { from: today, to: today }, token);
    expect(d.value.current).toMatchObject({ footfallIn: 12, footfallOut: 10, entrySmileRatio: 0.25, exitSmileRatio: 0.5, lift: 0.25 });
    const csv = await api('exportCsv', { from: today, to: today, folder: t.dir }, token);
    const text = readFileSync(csv.value.path, 'utf8');
    expect(text).toContain('smile.entry.visitors,12');
    expect(text).toContain('smile.exit.smiling,5');
    expect((await api('getDashboard', { from: today, to: today })).error.code).toBe('UNAUTHORIZED');
  });
});
