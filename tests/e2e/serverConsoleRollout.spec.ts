import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import type { DeliveryResult } from '../../common/consoleAlertsApi';
import { recordAlertEvent, recordDeliveries } from '../../node/server/alerts/alertStore';
import { writeValidPackZip } from '../fixtures/packs/makePack';
import {
  consolePageFixture,
  DISTRICT,
  FLEET,
  seriousViolations,
  signIn,
  startConsoleServer,
  STATION,
  type ConsoleServer,
} from './serverConsoleFixture';

/**
 * The packs and rollouts page and the alerts page in Chromium against the real server (PGlite in a temp folder,
 * the console built by `npm run build`): a district account uploads a pack zip built as the pack tool builds it,
 * starts a rollout to one kiosk and follows it; a station account sees its station's alerts and uptime (and not the
 * rollouts), on a 390 px phone; axe-core and no CSP violation on both pages.
 */
const MINUTE = 60_000;

const test = base.extend<{ consolePage: Page }, { server: ConsoleServer; packZip: string }>({
  server: [
    async ({}, use) => {
      const s = await startConsoleServer({
        ...FLEET,
        // The alert events below are written by the test; the server's own checks would add their own.
        env: { ALERT_INTERVAL_SECONDS: '0' },
      });
      const now = Date.now();
      // entry-a was down for 30 min and is back; exit-b has been down for 2 h; bridge-c is another station's. Each event:
      // station, kiosk, transition, down since and the event's time (minutes ago), what the channels answered.
      const events: [string, string, 'raised' | 'cleared', number, number, DeliveryResult[]][] = [
        ['qhd-wharf', 'entry-a', 'raised', 180, 180, [{ channel: 'webhook', ok: true, error: null }]],
        ['qhd-wharf', 'entry-a', 'cleared', 180, 150, [{ channel: 'email', ok: false, error: '535 authentication failed' }]],
        ['qhd-wharf', 'exit-b', 'raised', 120, 120, []],
        ['yp-bridge', 'bridge-c', 'raised', 60, 60, []],
      ];
      for (const [stationId, kioskId, transition, sinceMinutes, atMinutes, deliveries] of events) {
        const id = await recordAlertEvent(s.db, {
          kind: 'kiosk_down',
          subject: '',
          detail: 'silent for 360 s',
          stationId,
          kioskId,
          transition,
          since: now - sinceMinutes * MINUTE,
          at: now - atMinutes * MINUTE,
        });
        if (deliveries.length) await recordDeliveries(s.db, id, deliveries);
      }
      await use(s);
      await s.close();
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  packZip: [
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'server-console-pack-'));
      await use(await writeValidPackZip(join(dir, 'riverside-1.0.0.zip'), { id: 'riverside', version: '1.0.0' }));
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  // Refusals the pages show (401, 403, 409) are logged by Chromium as failed loads.
  consolePage: consolePageFixture(/status of 40[139]/),
});

test('a district account uploads a pack, starts a rollout to a kiosk and sees the kiosk offered it', async ({
  consolePage: page,
  server,
  packZip,
}) => {
  await signIn(page, server.url, DISTRICT);
  await page.getByTestId('nav-rollouts').click();
  await expect(page.getByTestId('page-title')).toHaveText('内容包与发布');
  await expect(page.getByTestId('pack-list')).toContainText('还没有内容包。');

  await page.getByTestId('pack-file').setInputFiles(packZip);
  await page.getByTestId('pack-upload-submit').click();
  await expect(page.getByTestId('pack-upload-done')).toContainText('已上传 riverside 1.0.0');
  await expect(page.getByTestId('pack-row-riverside@1.0.0')).toContainText('测试内容包 · Test pack');

  await page.getByTestId('rollout-pack').selectOption({ index: 1 });
  await page.getByTestId('rollout-kiosk-entry-a').check();
  await page.getByTestId('rollout-submit').click();
  await expect(page.getByTestId('rollout-started')).toHaveText('已发起发布 #1（1 台设备）。');
  const row = page.getByTestId('rollout-row-1');
  await expect(row.getByTestId('cell-state')).toHaveText('进行中');
  await expect(row.getByTestId('cell-counts')).toHaveText('已推送 1');
  const kiosk = page.getByTestId('target-row-entry-a');
  await expect(kiosk.getByTestId('cell-status')).toHaveText('已推送');
  await expect(kiosk.getByTestId('cell-wave')).toHaveText('1');
  await expect(page.getByTestId('target-row-exit-b')).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);

  // The only pack is the one the rollout carries: the server has nothing to go back to.
  await page.getByTestId('rollback-to').selectOption({ index: 1 });
  await page.getByTestId('rollback-start').click();
  await page.getByTestId('rollback-confirm').click();
  await expect(page.getByTestId('rollback-error')).toContainText('没有可以回滚到的版本：rollout 1 already carries riverside@1.0.0');
  await expect(row.getByTestId('cell-state')).toHaveText('进行中');

  // On a 390 px phone: nothing wider than the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: test.info().outputPath('rollouts-phone.png'), fullPage: true });
});

test("a station account sees its station's alerts and uptime on a 390 px phone, and not the rollouts", async ({
  consolePage: page,
  server,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, server.url, STATION);
  await expect(page.getByTestId('nav-rollouts')).toHaveCount(0);
  await page.getByTestId('nav-alerts').click();
  await expect(page.getByTestId('page-title')).toHaveText('告警与在线率');
  await expect(page.getByTestId('alerts-status')).toHaveText('1 条告警');
  await expect(page.getByTestId('open-kiosk_down-exit-b').getByTestId('cell-for')).toContainText('2 小时');
  await expect(page.getByTestId('open-kiosk_down-bridge-c')).toHaveCount(0);
  const events = page.getByTestId('alert-events').locator('tbody tr');
  await expect(events).toHaveCount(3);
  await expect(events.nth(1).getByTestId('cell-transition')).toHaveText('解除');
  await expect(events.nth(1).getByTestId('cell-deliveries')).toHaveText('电子邮件：失败（535 authentication failed）');
  await expect(events.nth(2).getByTestId('cell-deliveries')).toHaveText('Webhook：已送达');
  await expect(events.nth(0).getByTestId('cell-deliveries')).toHaveText('未发送（未配置通知渠道）');

  await expect(page.getByTestId('uptime-kiosks').locator('tbody tr')).toHaveCount(2);
  const a = page.getByTestId('uptime-kiosk-entry-a');
  await expect(a.getByTestId('cell-down')).toHaveText('30');
  await expect(a.getByTestId('cell-incidents')).toHaveText('1');
  await expect(page.getByTestId('uptime-stations').locator('tbody tr')).toHaveCount(1);
  const month = new Date().toISOString().slice(0, 7);
  const href = await page.getByTestId('uptime-csv').getAttribute('href');
  expect(href).toBe(`/console/api/alerts/uptime.csv?month=${month}`);
  const csv = await (await page.request.get(`${server.url}${href}`)).text();
  expect(csv).toContain('kiosk,qhd-wharf,entry-a,');
  expect(csv).not.toContain('bridge-c');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('alerts-phone.png'), fullPage: true });

  await page.goto(`${server.url}/console/#/rollouts`);
  await expect(page.getByTestId('page-error')).toHaveText('此账号无权查看该页面。');
  await expect(page.getByTestId('pack-upload')).toHaveCount(0);
});
