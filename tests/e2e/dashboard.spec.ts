import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { correctShare, type SmileCorrection } from '../../common/smileShare';
import { formatPoints, formatRatio } from '../../src/views/operator/dashboard/format';
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

const counted = (metric: string): number => COUNTS.find(([m]) => m === metric)![1];

/**
 * The shipped model's version and measured error (common/smile/smileModel.json: per counted visitor when measured,
 * else per face crop): the dashboard corrects the smiling shares with them.
 */
const modelFile = JSON.parse(readFileSync(resolve('common/smile/smileModel.json'), 'utf8')) as {
  version: number;
  operatingPoint: Omit<SmileCorrection, 'version'>;
  countingOperatingPoint?: Omit<SmileCorrection, 'version'>;
};
const operatingPoint = modelFile.countingOperatingPoint ?? modelFile.operatingPoint;
const correction: SmileCorrection = {
  version: modelFile.version,
  sensitivity: operatingPoint.sensitivity,
  specificity: operatingPoint.specificity,
  positives: operatingPoint.positives,
  negatives: operatingPoint.negatives,
};
/** Today's shares as the dashboard works them out: corrected, with the seeded 95 % interval, and as counted. */
const entryShare = correctShare(counted('smile.entry.smiling'), counted('smile.entry.visitors'), correction);
const exitShare = correctShare(counted('smile.exit.smiling'), counted('smile.exit.visitors'), correction);
const correctedLift = exitShare.correctedShare! - entryShare.correctedShare!;

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

test("the dashboard shows today's counts from the counter API; the CSV export holds them, and a PDF report is written", async ({
  page,
  host,
  openKiosk,
  consoleGuard,
}) => {
  // The refused export (no such folder) answers 404, which Chromium logs.
  consoleGuard.allow(/status of 404 .*\/api\/exportCsv/);
  await host.setPin();
  await recordCounts(host);
  await openConsole(page, openKiosk);
  await page.getByTestId('tab-dashboard').click();

  const kpi = (id: string) => page.getByTestId(`kpi-${id}`).getByTestId('kpi-value');
  await expect(kpi('footfall-in')).toHaveText('40');
  await expect(kpi('footfall-out')).toHaveText('36');
  // The smile figures are corrected for the classifier's error; the detail gives the model, the 95 % interval and the counted share.
  expect(formatRatio(entryShare.correctedShare, 'zh-CN')).not.toBe(formatRatio(entryShare.rawShare, 'zh-CN'));
  await expect(kpi('entry-ratio')).toHaveText(formatRatio(entryShare.correctedShare, 'zh-CN'));
  await expect(kpi('exit-ratio')).toHaveText(formatRatio(exitShare.correctedShare, 'zh-CN'));
  await expect(kpi('lift')).toHaveText(`${formatPoints(correctedLift, 'zh-CN')} 个百分点`);
  const interval = (s: typeof entryShare) => `${formatRatio(s.interval!.low, 'zh-CN')} – ${formatRatio(s.interval!.high, 'zh-CN')}`;
  await expect(page.getByTestId('kpi-entry-ratio').getByTestId('kpi-detail')).toHaveText(
    `校正后（模型 v${correction.version}）；95% 区间 ${interval(entryShare)}；计数 ${formatRatio(entryShare.rawShare, 'zh-CN')}（40 人中 10 人）`,
  );
  await expect(page.getByTestId('kpi-exit-ratio').getByTestId('kpi-detail')).toHaveText(
    `校正后（模型 v${correction.version}）；95% 区间 ${interval(exitShare)}；计数 ${formatRatio(exitShare.rawShare, 'zh-CN')}（36 人中 18 人）`,
  );
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
  await expect(kpi('lift')).toHaveText(`${formatPoints(correctedLift, 'en')} pts`);
  await expect(page.getByTestId('usage-history.narration_completed')).toContainText('Narrations completed');

  // Export: a missing folder is refused with its reason; a real one gets the file.
  await page.getByTestId('export-folder').fill('/no/such/usb-stick');
  await page.getByTestId('export-csv').click();
  await expect(page.getByTestId('export-result')).toContainText('does not exist');
  const folder = mkdtempSync(join(tmpdir(), 'kiosk-usb-'));
  try {
    await page.getByTestId('export-folder').fill(folder);
    await page.getByTestId('export-csv').click();
    // After the hourly buckets come the period's smiling shares (today's counts only, so the shares worked out
    // above): per role counted, corrected and its 95 % interval, then the model they were corrected with.
    const shareRows: Record<string, number> = {};
    for (const [role, s] of [
      ['entry', entryShare],
      ['exit', exitShare],
    ] as const) {
      Object.assign(shareRows, {
        [`smile.${role}.share.raw`]: s.rawShare,
        [`smile.${role}.share.corrected`]: s.correctedShare,
        [`smile.${role}.share.corrected.low95`]: s.interval!.low,
        [`smile.${role}.share.corrected.high95`]: s.interval!.high,
      });
    }
    Object.assign(shareRows, {
      'smile.model.version': correction.version,
      'smile.model.sensitivity': correction.sensitivity,
      'smile.model.specificity': correction.specificity,
    });
    const shareRowCount = Object.keys(shareRows).length;
    // The kiosk counted the language switch above itself: one bucket row more than the test recorded.
    await expect(page.getByTestId('export-result')).toContainText(
      `Saved ${COUNTS.length + 1 + shareRowCount} rows to ${folder}/riverside-counts_`,
    );
    const path = (await page.getByTestId('export-result').textContent())!.replace(/^Saved \d+ rows to /, '').trim();
    const lines = readFileSync(path, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('local_date,local_hour,hour_utc,station_id,kiosk_id,metric,value');
    const totals = new Map<string, number>();
    const shares: Record<string, number> = {};
    for (const line of lines.slice(1)) {
      const cells = line.split(',');
      // A bucket row has its local hour; a share row leaves it empty.
      if (cells[1]) totals.set(cells[5]!, (totals.get(cells[5]!) ?? 0) + Number(cells[6]));
      else shares[cells[5]!] = Number(cells[6]);
    }
    expect(lines).toHaveLength(COUNTS.length + 2 + shareRowCount);
    expect(Object.fromEntries(totals)).toEqual({ ...Object.fromEntries(COUNTS), 'language.switched': 1 });
    expect(shares).toEqual(shareRows);

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

test('health and upload: no cameras, the backlog, a write-only token and "upload now" with its result', async ({
  page,
  host,
  openKiosk,
}) => {
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
