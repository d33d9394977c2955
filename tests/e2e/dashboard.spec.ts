import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enterPin, expect, openOperatorPad, PIN, shot, test, type KioskHost } from './fixtures';
import type { Page } from '@playwright/test';
import { PDFDocument } from 'pdf-lib';

/** Counts recorded through the public counter API, as the exhibits do (at the services' clock: now). */
const COUNTS: [string, number][] = [
  ['smile.entry.visitors', 40],
  ['smile.entry.smiling', 10],
  ['smile.exit.visitors', 36],
  ['smile.exit.smiling', 18],
  ['history.story_opened', 3],
  ['history.narration_completed', 2],
  ['postcard.made', 5],
];

async function recordCounts(host: KioskHost): Promise<void> {
  for (const [metric, amount] of COUNTS) {
    const r = await host.api('recordUsage', { metric, amount });
    expect(r.ok, JSON.stringify(r)).toBe(true);
  }
}

/** Opens the console signed in. The page clock runs at the real time, so "today" is the services' today. */
async function openConsole(page: Page, openKiosk: (o?: { time?: number }) => Promise<void>): Promise<void> {
  await openKiosk({ time: Date.now() });
  await openOperatorPad(page);
  await enterPin(page, PIN);
  await expect(page.getByTestId('operator-settings')).toBeVisible();
}

test('the dashboard shows today\'s counts from the counter API; the CSV export holds them, and a PDF report is written', async ({ page, host, openKiosk, consoleGuard }) => {
  // The refused export (no such folder) answers 404, which Chromium logs.
  consoleGuard.allow(/status of 404 .*\/api\/exportCsv/);
  await host.setPin();
  await recordCounts(host);
  await openConsole(page, openKiosk);
  await page.getByTestId('tab-dashboard').click();

  const kpi = (id: string) => page.getByTestId(`kpi-${id}`).getByTestId('kpi-value');
  await expect(kpi('footfall-in')).toHaveText('40');
  await expect(kpi('footfall-out')).toHaveText('36');
  await expect(kpi('entry-ratio')).toHaveText('25%');
  await expect(kpi('exit-ratio')).toHaveText('50%');
  await expect(kpi('lift')).toHaveText('+25 个百分点');
  await expect(page.getByTestId('kpi-entry-ratio').getByTestId('kpi-detail')).toHaveText('40 人中 10 人微笑');
  // Nothing was counted yesterday: no comparison to make.
  await expect(page.getByTestId('kpi-footfall-in').getByTestId('kpi-change')).toContainText('上一周期无数据');
  await expect(page.getByTestId('usage-history.story_opened')).toContainText('打开故事');
  await expect(page.getByTestId('usage-history.story_opened')).toContainText('3');
  await expect(page.getByTestId('usage-postcard.made')).toContainText('制作明信片');
  await expect(page.getByTestId('usage-postcard.made')).toContainText('5');
  // Both charts drew on a canvas of real size.
  for (const id of ['chart-footfall', 'chart-heatmap']) {
    const box = await page.getByTestId(id).locator('canvas').first().boundingBox();
    expect(box?.width).toBeGreaterThan(300);
    expect(box?.height).toBeGreaterThan(200);
  }
  await shot(page, 'dashboard-landscape');
  // A kiosk screen may stand upright: the figures wrap into two columns, the charts stack.
  await page.setViewportSize({ width: 1080, height: 1920 });
  await expect(kpi('footfall-in')).toBeInViewport();
  await shot(page, 'dashboard-portrait');
  await page.setViewportSize({ width: 1920, height: 1080 });

  // A 7-day range still holds today's counts; a 30-day range too (day by day).
  await page.getByTestId('range-last7').click();
  await expect(page.getByTestId('dashboard-period')).toContainText('至');
  await expect(kpi('footfall-in')).toHaveText('40');
  await page.getByTestId('range-last30').click();
  await expect(page.getByTestId('chart-footfall')).toHaveAttribute('aria-label', /每日/);
  await expect(kpi('footfall-out')).toHaveText('36');

  // English labels.
  await page.getByTestId('language-switch').click();
  await expect(page.getByTestId('kpi-lift')).toContainText('Smile lift');
  await expect(kpi('lift')).toHaveText('+25 pts');
  await expect(page.getByTestId('usage-history.narration_completed')).toContainText('Narrations completed');

  // Export: a missing folder is refused with its reason; a real one gets the file.
  await page.getByTestId('export-folder').fill('/no/such/usb-stick');
  await page.getByTestId('export-csv').click();
  await expect(page.getByTestId('export-result')).toContainText('does not exist');
  const folder = mkdtempSync(join(tmpdir(), 'kiosk-usb-'));
  try {
    await page.getByTestId('export-folder').fill(folder);
    await page.getByTestId('export-csv').click();
    // The kiosk counted the language switch above itself: one row more than the test recorded.
    await expect(page.getByTestId('export-result')).toContainText(`Saved ${COUNTS.length + 1} rows to ${folder}/riverside-counts_`);
    const path = (await page.getByTestId('export-result').textContent())!.replace(/^Saved \d+ rows to /, '').trim();
    const lines = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('local_date,local_hour,hour_utc,station_id,kiosk_id,metric,value');
    const totals = new Map<string, number>();
    for (const line of lines.slice(1)) {
      const cells = line.split(',');
      totals.set(cells[5]!, (totals.get(cells[5]!) ?? 0) + Number(cells[6]));
    }
    expect(lines).toHaveLength(COUNTS.length + 2);
    expect(Object.fromEntries(totals)).toEqual({ ...Object.fromEntries(COUNTS), 'language.switched': 1 });

    // The printable report of the same range lands next to it.
    await page.getByTestId('export-pdf').click();
    await expect(page.getByTestId('export-result')).toContainText(`Saved the report to ${folder}/riverside-report_`);
    const pdfPath = (await page.getByTestId('export-result').textContent())!.replace(/^Saved the report to /, '').trim();
    const pdf = readFileSync(pdfPath);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.byteLength).toBeGreaterThan(2000);
    // In Chinese even on a machine without CJK fonts: the web host bundle (dist/node) finds the font the app ships.
    expect((await PDFDocument.load(pdf)).getTitle()).toMatch(/^滨江服务站 数据报告 /);
    await expect(page.getByTestId('export-result')).not.toContainText(/English|英文/);
    await page.getByTestId('export-section').scrollIntoViewIfNeeded();
    await shot(page, 'dashboard-usage-export-en');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('health and upload: no cameras, the backlog, a write-only token and "upload now" with its result', async ({ page, host, openKiosk }) => {
  await host.setPin();
  await recordCounts(host);
  await openConsole(page, openKiosk);
  await page.getByTestId('tab-system').click();

  await expect(page.getByTestId('health-version')).toContainText(/\d+\.\d+\.\d+/);
  // The profile runs the smile meter; this browser has no camera, so both roles are listed and none shows as fine.
  await expect(page.getByTestId('health-cameras')).toContainText('微笑滨江 · 入口摄像头');
  await expect(page.getByTestId('health-cameras')).toContainText('微笑滨江 · 出口摄像头');
  await expect(page.getByTestId('health-cameras')).not.toContainText('正常');
  await expect(page.getByTestId('health-last-upload')).toContainText('从未');
  const backlog = Number((await page.getByTestId('health-backlog').locator('dd').textContent())!.replace(/\D/g, ''));
  expect(backlog).toBeGreaterThanOrEqual(COUNTS.length);

  // Off by default: "upload now" says so and sends nothing.
  await expect(page.getByTestId('upload-token-state')).toHaveText('尚未设置令牌');
  await page.getByTestId('upload-now').click();
  await expect(page.getByTestId('upload-result')).toHaveText('未上传：上传已停用');

  // A receiver that is not there: the token is kept but never shown, and the upload fails with its reason.
  await page.getByTestId('upload-enabled').click();
  await page.getByTestId('upload-url').fill('http://127.0.0.1:9/v1');
  await page.getByTestId('upload-token').fill('secret-token-123');
  await page.getByTestId('upload-save').click();
  await expect(page.getByTestId('upload-result')).toHaveText('上传设置已保存');
  await expect(page.getByTestId('upload-token-state')).toHaveText('令牌已设置');
  await expect(page.getByTestId('upload-token')).toHaveValue('');
  const view = await host.api('unlockOperator', { pin: PIN });
  const settings = await host.api('getUploadSettings', {}, (view.value as { token: string }).token);
  expect(JSON.stringify(settings)).not.toContain('secret-token-123');
  expect(settings.value).toMatchObject({ url: 'http://127.0.0.1:9/v1', enabled: true, tokenSet: true });

  await page.getByTestId('upload-now').click();
  await expect(page.getByTestId('upload-result')).toContainText('上传失败');
  await expect(page.getByTestId('health-upload-error')).toBeVisible();
  await shot(page, 'system-landscape');
});
