import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../../../node/kiosk/db/openDatabase';
import { createMemoryLogger } from '../../../../../node/kiosk/logger';
import { inspectCardImage } from '../../../../../node/kiosk/postcards/cardImage';
import { createCardStore, type CardStore } from '../../../../../node/kiosk/postcards/cardStore';
import { clientKey, startTakeawayServer, type RunningTakeaway } from '../../../../../node/kiosk/postcards/takeawayServer';
import { makeJpeg, makePng } from '../../../../fixtures/postcards/cardImages';
import { comparableHeaders, phoneGet } from '../../../../fixtures/postcards/phoneClient';
import { makeTempDir } from '../../../../fixtures/tempDir';

const HOUR = 3_600_000;
let db: Db;
let dir: string;
let cleanup: () => void;
let clock: number;
let store: CardStore;
let server: RunningTakeaway;
let pickedUp: string[];

async function start(rateLimit = { capacity: 1000, refillPerSecond: 100 }, publicBaseUrl: string | null = null): Promise<void> {
  server = await startTakeawayServer({
    store,
    host: '127.0.0.1',
    port: 0,
    publicBaseUrl,
    log: createMemoryLogger(),
    now: () => clock,
    rateLimit,
    onPickedUp: (c) => pickedUp.push(c.id),
  });
}

beforeEach(() => {
  const t = makeTempDir();
  cleanup = t.cleanup;
  clock = Date.UTC(2026, 4, 1, 2, 0, 0);
  pickedUp = [];
  dir = join(t.dir, 'postcards');
  const log = createMemoryLogger();
  db = openDatabase(join(t.dir, 'kiosk.db'), { log, now: () => clock });
  store = createCardStore({ db, dir, log, now: () => clock, expiryMs: () => 24 * HOUR });
});
afterEach(async () => {
  await server?.close();
  db.close();
  cleanup();
});

describe('take-away server', () => {
  it('serves a saved card to a phone at its QR URL: a bilingual page and the exact image', async () => {
    await start();
    const bytes = makeJpeg(600, 405);
    const card = store.save({ bytes, mime: 'image/jpeg' });
    const url = server.cardUrl(card.token);
    expect(url).toBe(`${server.url}/c/${card.token}`);

    const page = await phoneGet(url);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = page.body.toString('utf8');
    expect(html).toContain('保存');
    expect(html).toContain('Save');
    expect(html).toContain(`<img src="${card.token}/card.jpg" width="600" height="405"`);
    expect(html).toContain(`href="${card.token}/card.jpg" download="riverside-postcard.jpg"`);
    expect(html).not.toMatch(/<script/i);
    expect(pickedUp).toEqual([]); // the page alone is not a pick-up

    const img = await phoneGet(`${url}/card.jpg`);
    expect(img.status).toBe(200);
    expect(img.headers['content-type']).toBe('image/jpeg');
    expect(Number(img.headers['content-length'])).toBe(bytes.length);
    expect(img.body.equals(bytes)).toBe(true);
    expect(inspectCardImage(img.body, 'image/jpeg')).toMatchObject({ width: 600, height: 405 });
    expect(img.headers['cache-control']).toBe(`private, max-age=${24 * 3600}`);
    expect(pickedUp).toEqual([card.id]);
    await phoneGet(`${url}/card.jpg`);
    expect(pickedUp).toEqual([card.id]); // counted once
  });

  it('sends strict security headers on every answer', async () => {
    await start();
    const card = store.save({ bytes: makePng(100, 100), mime: 'image/png' });
    for (const r of [
      await phoneGet(server.cardUrl(card.token)),
      await phoneGet(`${server.cardUrl(card.token)}/card.png`),
      await phoneGet(`${server.url}/nope`),
    ]) {
      expect(r.headers['content-security-policy']).toMatch(
        /^default-src 'none'; img-src 'self'; style-src 'sha256-[A-Za-z0-9+/=]+'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'$/,
      );
      expect(r.headers['referrer-policy']).toBe('no-referrer');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.headers['cache-control']).toMatch(/no-store|private, max-age=\d+/);
    }
    const page = await phoneGet(server.cardUrl(card.token));
    expect(page.headers['cache-control']).toBe('no-store');
  });

  it('answers an expired token exactly like a wrong one, and deletes the files', async () => {
    await start();
    const card = store.save({ bytes: makeJpeg(200, 135), mime: 'image/jpeg' });
    const wrong = `${server.url}/c/${'Q'.repeat(43)}`;
    clock += 24 * HOUR; // expired, not swept yet
    const expiredPage = await phoneGet(server.cardUrl(card.token));
    const expiredImage = await phoneGet(`${server.cardUrl(card.token)}/card.jpg`);
    const wrongPage = await phoneGet(wrong);
    const wrongImage = await phoneGet(`${wrong}/card.jpg`);
    store.sweep();
    expect(readdirSync(dir).filter((n) => n !== 'print')).toEqual([]);
    const sweptPage = await phoneGet(server.cardUrl(card.token));
    for (const r of [expiredPage, expiredImage, wrongImage, sweptPage]) {
      expect(r.status).toBe(404);
      expect(comparableHeaders(r.headers)).toEqual(comparableHeaders(wrongPage.headers));
      expect(r.body.equals(wrongPage.body)).toBe(true);
    }
    expect(wrongPage.status).toBe(404);
    expect(pickedUp).toEqual([]);
  });

  it('refuses traversal, other files of the folder, listings and every other path', async () => {
    await start();
    const card = store.save({ bytes: makeJpeg(200, 135), mime: 'image/jpeg' });
    const reserved = store.reserve();
    const photo = store.save({ bytes: makePng(80, 80), mime: 'image/png', kind: 'photo' });
    const t = card.token;
    const miss = (await phoneGet(`${server.url}/c/${'Z'.repeat(43)}`)).body;
    const paths = [
      '/',
      '/c',
      '/c/',
      '/c/?list',
      '/postcards/',
      '/print/',
      '/kiosk.db',
      `/${card.id}.jpg`,
      `/c/${card.id}.jpg`,
      '/c/../kiosk.db',
      '/c/%2e%2e/kiosk.db',
      '/c/%2E%2E%2Fkiosk.db',
      '/c/..%2f..%2fkiosk.db',
      '/c/..\\..\\kiosk.db',
      `/c/${t}/../../kiosk.db`,
      `/c/${t}/..%2f${card.id}.jpg`,
      `/c/${t}%2fcard.jpg`,
      `/c/${t}/card.png`,
      `/c/${t}/card.jpg/`,
      `/c/${t}/`,
      `/c/${t}/card.jpeg`,
      `/c/${t}/${card.id}.jpg`,
      `//c/${t}`,
      `/C/${t}`,
      `/c/${t}x`,
      `/c/${t.slice(1)}`,
      `/c/${reserved.token}`,
      `/c/${photo.token}`,
      `/c/${photo.token}/card.png`,
      '/favicon.ico',
      '/robots.txt',
    ];
    for (const path of paths) {
      const r = await phoneGet(server.url, { path });
      expect({ path, status: r.status }).toEqual({ path, status: 404 });
      expect(r.body.equals(miss)).toBe(true);
    }
    // A query string is ignored, not a way around the rules.
    expect((await phoneGet(server.url, { path: `/c/${t}?x=../kiosk.db` })).status).toBe(200);
  });

  it('allows GET and HEAD only, and HEAD sends the same headers without a body', async () => {
    await start();
    const card = store.save({ bytes: makeJpeg(200, 135), mime: 'image/jpeg' });
    const url = `${server.cardUrl(card.token)}/card.jpg`;
    const before = readdirSync(dir).sort();
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE']) {
      const r = await phoneGet(url, { method, body: method === 'TRACE' ? undefined : 'payload' });
      expect({ method, status: r.status, allow: r.headers.allow }).toEqual({ method, status: 405, allow: 'GET, HEAD' });
    }
    expect(readdirSync(dir).sort()).toEqual(before); // nothing uploaded
    const head = await phoneGet(url, { method: 'HEAD' });
    const get = await phoneGet(url);
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(comparableHeaders(head.headers)).toEqual(comparableHeaders(get.headers));
    expect(pickedUp).toEqual([card.id]); // the HEAD did not count as a pick-up; the GET did
  });

  it('rate limits each client with 429 and Retry-After, and recovers as the bucket refills', async () => {
    await start({ capacity: 5, refillPerSecond: 1 });
    const card = store.save({ bytes: makeJpeg(200, 135), mime: 'image/jpeg' });
    const url = server.cardUrl(card.token);
    for (let i = 0; i < 5; i++) expect((await phoneGet(url)).status).toBe(200);
    const limited = await phoneGet(url);
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
    expect((await phoneGet(`${server.url}/c/${'Q'.repeat(43)}`)).status).toBe(429); // guessing costs the same
    clock += 1000;
    expect((await phoneGet(url)).status).toBe(200);
    expect((await phoneGet(url)).status).toBe(429);
    clock += 5000;
    for (let i = 0; i < 5; i++) expect((await phoneGet(url)).status).toBe(200);
  });

  it('puts the configured public base URL in card links', async () => {
    await start(undefined, 'https://portal.example.org/kiosk');
    expect(server.cardUrl('T'.repeat(43))).toBe(`https://portal.example.org/kiosk/c/${'T'.repeat(43)}`);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('groups IPv6 privacy addresses by /64 and unwraps IPv4-mapped addresses', () => {
    expect(clientKey('::ffff:192.168.4.23')).toBe('192.168.4.23');
    expect(clientKey('2001:db8:0:1:aaaa:bbbb:cccc:dddd')).toBe(clientKey('2001:db8:0:1:1111:2222:3333:4444'));
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('2001:db8:0:2::1')).not.toBe(clientKey('2001:db8:0:1::1'));
  });
});
