import { test as base, expect, type Page } from '@playwright/test';
import { shippedSmileCorrection } from '../../common/smile/smileModel';
import { correctShare } from '../../common/smileShare';
import {
  consolePageFixture,
  DISTRICT,
  FLEET,
  seriousViolations,
  signIn,
  startConsoleServer,
  STATION,
  upload,
  type ConsoleServer,
} from './serverConsoleFixture';

/**
 * The server's console pages in Chromium against the real server (PGlite in a temp folder, the console built by
 * `npm run build`): sign-in, the station, district and fleet pages with figures uploaded through the kiosk upload
 * API, a station account kept to its station, both languages, a 390 px phone, axe-core, and no CSP violation.
 */
const DAY = '2026-03-01'; // a Sunday; the day before is the previous period of a one-day range
const at = (hourShanghai: number, day = DAY): string => `${day}T${String(hourShanghai - 8).padStart(2, '0')}:00:00Z`;
const b = (kioskId: string, metric: string, hour: string, value: number) => ({ kioskId, metric, hour, value, revision: 1 });
const heartbeat = (stationId: string, kioskId: string, over: Record<string, unknown> = {}) => ({
  protocol: 1,
  stationId,
  kioskId,
  sentAt: new Date().toISOString(),
  appVersion: '1.4.2',
  uptimeSeconds: 7200,
  restarts: 2,
  lastCrashReason: null,
  cameras: [{ id: 'entry', state: 'ok', detail: null }],
  inferenceBackend: 'wasm',
  contentPack: { id: 'yangpu', version: '2.1.0' },
  freeDiskBytes: 5 * 1024 ** 3,
  uploadBacklog: 4,
  lastSuccessfulUpload: null,
  smileModel: {
    version: shippedSmileCorrection.version,
    sensitivity: shippedSmileCorrection.sensitivity,
    specificity: shippedSmileCorrection.specificity,
  },
  ...over,
});

const test = base.extend<{ consolePage: Page }, { server: ConsoleServer }>({
  server: [
    async ({}, use) => {
      const s = await startConsoleServer({
        ...FLEET,
        // A kiosk that never reported: the fleet page lists it as silent.
        kiosks: [...FLEET.kiosks, ['silent-d', 'yp-bridge', '未上线屏']],
      });
      // The entry camera sits on entry-a, the exit camera on exit-b: the station page counts them together.
      await upload(s.url, '/v1/buckets', s.tokens['entry-a']!, {
        protocol: 1,
        stationId: 'qhd-wharf',
        buckets: [
          b('entry-a', 'smile.entry.visitors', at(10), 30),
          b('entry-a', 'smile.entry.smiling', at(10), 12),
          b('entry-a', 'smile.entry.visitors', at(11), 10),
          b('entry-a', 'smile.entry.smiling', at(11), 4),
          b('entry-a', 'exhibit.history.opened', at(10), 3),
          b('entry-a', 'smile.entry.visitors', at(10, '2026-02-28'), 20),
          b('entry-a', 'smile.entry.smiling', at(10, '2026-02-28'), 5),
        ],
      });
      await upload(s.url, '/v1/buckets', s.tokens['exit-b']!, {
        protocol: 1,
        stationId: 'qhd-wharf',
        buckets: [
          b('exit-b', 'smile.exit.visitors', at(11), 25),
          b('exit-b', 'smile.exit.smiling', at(11), 15),
          b('exit-b', 'exhibit.smile.opened', at(12), 2),
        ],
      });
      await upload(s.url, '/v1/buckets', s.tokens['bridge-c']!, {
        protocol: 1,
        stationId: 'yp-bridge',
        buckets: [b('bridge-c', 'smile.entry.visitors', at(9), 7), b('bridge-c', 'smile.entry.smiling', at(9), 3)],
      });
      await upload(s.url, '/v1/heartbeat', s.tokens['entry-a']!, heartbeat('qhd-wharf', 'entry-a', { uploadBacklog: 9 }));
      await upload(s.url, '/v1/heartbeat', s.tokens['entry-a']!, heartbeat('qhd-wharf', 'entry-a'));
      await upload(
        s.url,
        '/v1/heartbeat',
        s.tokens['exit-b']!,
        heartbeat('qhd-wharf', 'exit-b', { cameras: [{ id: 'exit', state: 'error', detail: 'no frames' }] }),
      );
      await upload(s.url, '/v1/heartbeat', s.tokens['bridge-c']!, heartbeat('yp-bridge', 'bridge-c'));
      // bridge-c has been silent for three hours since (the server's clock is the real one: its last heartbeat is moved back).
      await s.db.query("UPDATE heartbeats SET received_at = now() - interval '3 hours 5 minutes' WHERE kiosk_id = 'bridge-c'");
      await use(s);
      await s.close();
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  // A wrong password and a refused station are answered 401/403, which Chromium logs as failed loads.
  consolePage: consolePageFixture(/status of 40[13]/),
});

const pct = (x: number | null) => new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 1 }).format(x as number);

test('sign-in says why it failed, and the server sends the pages with a strict CSP', async ({ consolePage: page, server }) => {
  const res = await page.goto(`${server.url}/console/`);
  expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toHaveText('请输入用户名和密码。');
  await page.getByTestId('login-name').fill(DISTRICT[0]);
  await page.getByTestId('login-password').fill('not the password');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toHaveText('用户名或密码不正确。');
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId('login-password').fill(DISTRICT[1]);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('district-page')).toBeVisible();
  // A session that ended (here: the cookie is gone) brings the sign-in back at the next call.
  await page.context().clearCookies();
  await page.getByTestId('range-30').click();
  await expect(page.getByTestId('login-form')).toBeVisible();
});

test('station page: footfall from both kiosks, corrected shares against the day before, heat map, exhibit use, CSV', async ({
  consolePage: page,
  server,
}) => {
  await signIn(page, server.url, DISTRICT, `/station/qhd-wharf?from=${DAY}&to=${DAY}`);
  await expect(page.getByTestId('page-title')).toHaveText('秦皇岛路码头');
  await expect(page.getByTestId('kpi-visitors-in').getByTestId('kpi-value')).toHaveText('40');
  await expect(page.getByTestId('kpi-visitors-in').getByTestId('kpi-change')).toContainText('+100%');
  await expect(page.getByTestId('kpi-visitors-out').getByTestId('kpi-value')).toHaveText('25');
  const entry = correctShare(16, 40, shippedSmileCorrection);
  const exit = correctShare(15, 25, shippedSmileCorrection);
  await expect(page.getByTestId('kpi-entry-share').getByTestId('kpi-value')).toHaveText(pct(entry.correctedShare));
  await expect(page.getByTestId('kpi-entry-share').getByTestId('kpi-detail')).toContainText(`原始 40%（16/40）`);
  await expect(page.getByTestId('kpi-exit-share').getByTestId('kpi-value')).toHaveText(pct(exit.correctedShare));
  const lift = new Intl.NumberFormat('zh-CN', { signDisplay: 'exceptZero', maximumFractionDigits: 1 }).format(
    Math.round((exit.correctedShare! - entry.correctedShare!) * 1000) / 10,
  );
  await expect(page.getByTestId('kpi-lift').getByTestId('kpi-value')).toHaveText(`${lift} 个百分点`);
  await expect(page.getByTestId('chart-footfall').locator('canvas').first()).toBeVisible();
  await expect(page.getByTestId('chart-heatmap').locator('canvas').first()).toBeVisible();
  await expect(page.getByTestId('usage-exhibit.history.opened')).toContainText('打开“回首滨江”');
  await expect(page.getByTestId('usage-exhibit.history.opened').getByTestId('usage-total')).toHaveText('3');
  await expect(page.getByTestId('usage-exhibit.smile.opened').getByTestId('usage-total')).toHaveText('2');
  const href = await page.getByTestId('csv-link').getAttribute('href');
  expect(href).toBe(`/console/api/stations/qhd-wharf/export.csv?from=${DAY}&to=2026-03-02`);
  const csv = await page.request.get(`${server.url}${href}`);
  expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
  expect(await csv.text()).toContain('qhd-wharf,exit-b,smile.exit.visitors,25');
  expect(await seriousViolations(page)).toEqual([]);

  // English: the same figures in the other language.
  await page.getByTestId('lang-en').click();
  await expect(page.getByTestId('kpi-visitors-in')).toContainText('Visitors in');
  await expect(page.getByTestId('kpi-entry-share').getByTestId('kpi-detail')).toContainText('as counted 40% (16/40)');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('district page: stations ranked side by side, a share below the minimum visitors not shown, readable on a 390 px phone', async ({
  consolePage: page,
  server,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, server.url, DISTRICT, `/district?from=${DAY}&to=${DAY}`);
  const rows = page.getByTestId('district-table').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveAttribute('data-testid', 'district-row-qhd-wharf');
  const wharf = page.getByTestId('district-row-qhd-wharf');
  await expect(wharf.getByTestId('cell-visitors-in')).toContainText('40');
  await expect(wharf.getByTestId('cell-visitors-out')).toHaveText('25');
  await expect(wharf.getByTestId('cell-exhibit-opens')).toHaveText('5');
  await expect(wharf.getByTestId('cell-entry-share')).toContainText(pct(correctShare(16, 40, shippedSmileCorrection).correctedShare));
  await expect(page.getByTestId('district-row-yp-bridge').getByTestId('cell-visitors-in')).toContainText('7');
  await expect(page.getByTestId('district-row-yp-bridge').getByTestId('cell-entry-share')).toHaveText('访客不足 20 人');
  // A phone: nothing wider than the screen, each row a card with its labels.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expect(wharf.getByTestId('cell-visitors-out')).toBeInViewport();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId('district-sort').selectOption('exhibitOpens');
  await expect(rows.nth(0)).toHaveAttribute('data-testid', 'district-row-qhd-wharf');
});

test("fleet page: silent kiosks first with how long, every kiosk's last heartbeat, and a kiosk's history", async ({
  consolePage: page,
  server,
}) => {
  await signIn(page, server.url, DISTRICT, '/fleet');
  const rows = page.getByTestId('fleet-table').locator('tbody tr');
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0)).toHaveAttribute('data-testid', 'fleet-row-silent-d');
  await expect(rows.nth(0).getByTestId('cell-silent')).toHaveText('从未上报');
  await expect(rows.nth(1)).toHaveAttribute('data-testid', 'fleet-row-bridge-c');
  await expect(rows.nth(1).getByTestId('cell-silent')).toHaveText('失联 3 小时 5 分钟');
  await expect(page.getByTestId('fleet-status')).toHaveText('2 台设备失联');
  const a = page.getByTestId('fleet-row-entry-a');
  await expect(a.getByTestId('cell-silent')).toHaveCount(0);
  await expect(a.getByTestId('cell-version')).toHaveText('1.4.2');
  await expect(a.getByTestId('cell-pack')).toHaveText('yangpu 2.1.0');
  await expect(a.getByTestId('cell-backlog')).toHaveText('4');
  await expect(a.getByTestId('cell-disk')).toHaveText('5 GB');
  await expect(a.getByTestId('cell-restarts')).toHaveText('2');
  await expect(page.getByTestId('fleet-row-exit-b').getByTestId('cell-cameras')).toHaveText('exit: 故障');
  // Longer than 3 h 5 min counts as silent no more once the threshold is a day.
  await page.getByTestId('fleet-threshold').selectOption({ index: 3 });
  await expect(page.getByTestId('fleet-status')).toHaveText('1 台设备失联');
  await page.getByTestId('history-entry-a').click();
  await expect(page.getByTestId('history-row')).toHaveCount(2);
  await expect(page.getByTestId('history-backlog')).toHaveText(['4', '9']);
  await expect(page.getByTestId('chart-history').locator('canvas').first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('a station account sees its own station only (on a 390 px phone)', async ({ consolePage: page, server }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, server.url, STATION);
  await expect(page.getByTestId('station-page')).toBeVisible();
  await expect(page).toHaveURL(/#\/station\/qhd-wharf/);
  await page.goto(`${server.url}/console/#/station/qhd-wharf?from=${DAY}&to=${DAY}`);
  await expect(page.getByTestId('kpi-visitors-in').getByTestId('kpi-value')).toHaveText('40');
  await expect(page.getByTestId('chart-heatmap').locator('canvas').first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: test.info().outputPath('station-phone.png'), fullPage: true });
  await expect(page.getByTestId('nav-district')).toHaveCount(0);
  await page.goto(`${server.url}/console/#/station/yp-bridge?from=${DAY}&to=${DAY}`);
  await expect(page.getByTestId('page-error')).toHaveText('此账号无权查看该页面。');
  await expect(page.getByTestId('kpi-visitors-in')).toHaveCount(0);
  await page.goto(`${server.url}/console/#/district?from=${DAY}&to=${DAY}`);
  await expect(page.getByTestId('page-error')).toHaveText('此账号无权查看该页面。');
  await page.goto(`${server.url}/console/#/fleet`);
  await expect(page.getByTestId('fleet-table').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('fleet-row-bridge-c')).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: test.info().outputPath('fleet-phone.png'), fullPage: true });
  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('login-form')).toBeVisible();
});
