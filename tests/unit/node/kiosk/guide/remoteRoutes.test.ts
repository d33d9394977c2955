import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../../../node/kiosk/db/openDatabase';
import { createGuideRemote, type GuideRemote } from '../../../../../node/kiosk/guide/guideRemote';
import { guideRemoteRoutes } from '../../../../../node/kiosk/guide/remoteRoutes';
import { createMemoryLogger } from '../../../../../node/kiosk/logger';
import { createCardStore } from '../../../../../node/kiosk/postcards/cardStore';
import { startTakeawayServer, type RunningTakeaway } from '../../../../../node/kiosk/postcards/takeawayServer';
import { phoneGet } from '../../../../fixtures/postcards/phoneClient';
import { makeTempDir } from '../../../../fixtures/tempDir';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const LESSON = {
  title: t('码头课', 'Wharf lesson'),
  steps: [
    { title: t('第一站', 'First'), notes: t('先讲<码头>', 'Start at the wharf'), minutes: 5 },
    { title: t('第二站', 'Second'), notes: t('再讲仓库', 'Then the warehouse'), minutes: 6 },
    { title: t('第三站', 'Third'), notes: t('最后合影', 'A photo to end'), minutes: 2 },
  ],
};

let db: Db;
let cleanup: () => void;
let server: RunningTakeaway;
let remote: GuideRemote;

beforeEach(async () => {
  const tmp = makeTempDir();
  cleanup = tmp.cleanup;
  const log = createMemoryLogger();
  db = openDatabase(join(tmp.dir, 'kiosk.db'), { log });
  const store = createCardStore({ db, dir: join(tmp.dir, 'postcards'), log, expiryMs: () => 3_600_000 });
  remote = createGuideRemote();
  server = await startTakeawayServer({
    store,
    host: '127.0.0.1',
    port: 0,
    log,
    rateLimit: { capacity: 1000, refillPerSecond: 100 },
    routes: guideRemoteRoutes(remote, (id) => (id === 'wharf' ? LESSON : null)),
  });
});
afterEach(async () => {
  await server.close();
  db.close();
  cleanup();
});

/** Pairs like a phone: the QR link's page, its one button, the redirect to the remote. */
async function pairPhone(): Promise<string> {
  const code = remote.startPairing().code;
  const page = await phoneGet(`${server.url}/g/p/${code}`);
  expect(page.status).toBe(200);
  expect(page.body.toString()).toContain('<form method="post">');
  const paired = await phoneGet(`${server.url}/g/p/${code}`, { method: 'POST' });
  expect(paired.status).toBe(303);
  const location = String(paired.headers.location);
  expect(location).toMatch(/^\.\.\/r\/[A-Za-z0-9_-]{43}$/);
  return location.slice('../r/'.length);
}

describe("the guide remote's phone pages", () => {
  it('pairs a phone, shows the step on the kiosk screen with its notes, and queues its taps for the screen', async () => {
    const token = await pairPhone();
    let page = await phoneGet(`${server.url}/g/r/${token}`);
    expect(page.body.toString()).toContain('请在一体机上开始一堂课');

    remote.sync({ lessonId: 'wharf', stepIndex: 1 });
    page = await phoneGet(`${server.url}/g/r/${token}`);
    const html = page.body.toString();
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("form-action 'self'");
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(html).toContain('第 2 步，共 3 步');
    expect(html).toContain('再讲仓库');
    expect(html).toContain('<meta http-equiv="refresh" content="4">');
    // The pack's text is escaped, never markup.
    remote.sync({ lessonId: 'wharf', stepIndex: 0 });
    expect((await phoneGet(`${server.url}/g/r/${token}`)).body.toString()).toContain('先讲&#60;码头&#62;');

    const next = await phoneGet(`${server.url}/g/r/${token}/next`, { method: 'POST' });
    expect(next.status).toBe(303);
    expect(next.headers.location).toBe(`../${token}`);
    const go = await phoneGet(`${server.url}/g/r/${token}/go/2`, { method: 'POST' });
    expect(go.headers.location).toBe(`../../${token}`);
    expect(remote.sync({ lessonId: 'wharf', stepIndex: 1 }).commands).toEqual([{ kind: 'next' }, { kind: 'go', step: 2 }]);
  });

  it('answers the same 404 to a used or wrong code, a wrong token, a GET that would act, and a second phone replaces the first', async () => {
    const code = remote.startPairing().code;
    await phoneGet(`${server.url}/g/p/${code}`, { method: 'POST' });
    const miss = await phoneGet(`${server.url}/c/${'x'.repeat(43)}`);
    expect(miss.status).toBe(404);
    for (const [path, method] of [
      [`/g/p/${code}`, 'GET'],
      [`/g/p/${code}`, 'POST'],
      [`/g/r/${'y'.repeat(43)}`, 'GET'],
      [`/g/r/${'y'.repeat(43)}/next`, 'POST'],
    ] as const) {
      const res = await phoneGet(server.url + path, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.equals(miss.body)).toBe(true);
    }
    const first = await pairPhone();
    expect((await phoneGet(`${server.url}/g/r/${first}/next`)).status).toBe(404);
    expect(remote.sync({ lessonId: null, stepIndex: 0 }).commands).toEqual([]);
    const second = await pairPhone();
    expect((await phoneGet(`${server.url}/g/r/${first}`)).status).toBe(404);
    expect((await phoneGet(`${server.url}/g/r/${second}`)).status).toBe(200);
    // Card paths still refuse POST, other methods still get 405.
    expect((await phoneGet(`${server.url}/c/${'x'.repeat(43)}`, { method: 'POST' })).status).toBe(404);
    expect((await phoneGet(`${server.url}/g/r/${second}`, { method: 'PUT' })).status).toBe(405);
  });
});
