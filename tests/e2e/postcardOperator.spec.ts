import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { Page } from '@playwright/test';
import { makeJpeg } from '../fixtures/postcards/cardImages';
import { useFakeCups } from './fakeCups';
import { enterPin, expect, openOperatorPad, PIN, shot, test, type KioskHost } from './fixtures';

/**
 * The postcard exhibit's operator screen in the web host: the take-away status, settings saved with
 * field errors, a test print that reaches 'done' with a PDF of the configured page size, clearing
 * the queue; and a visitor's print through the contract, as the visitor screen makes it.
 * The web host runs its take-away server on 127.0.0.1 and a free port (tests/e2e/fixtures.ts).
 */
const mm = (pt: number): number => (pt * 25.4) / 72;

/** The page size of a one-page PDF written by the kiosk, in millimetres, from its MediaBox. */
async function pdfPageMm(path: string): Promise<{ width: number; height: number }> {
  const doc = await PDFDocument.load(readFileSync(path));
  expect(doc.getPageCount()).toBe(1);
  const box = doc.getPage(0).getMediaBox();
  return { width: mm(box.width), height: mm(box.height) };
}

async function operatorToken(host: KioskHost): Promise<string> {
  const r = await host.api('unlockOperator', { pin: PIN });
  expect(r.ok, JSON.stringify(r)).toBe(true);
  return (r.value as { token: string }).token;
}

async function openPanel(page: Page) {
  await openOperatorPad(page);
  await enterPin(page, PIN);
  await expect(page.getByTestId('operator-settings')).toBeVisible();
  await page.getByTestId('tab-exhibits').click();
  const panel = page.getByTestId('exhibit-settings-postcard');
  await expect(panel.getByTestId('postcard-operator')).toBeVisible();
  return panel;
}

test.beforeEach(async ({ host }) => {
  await host.setPin();
});

test('a visitor print in the web host is a 148 x 100 mm PDF in the data folder, and its status reaches done', async ({ host }) => {
  expect(host.takeaway).toMatchObject({ state: 'listening', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
  const saved = await host.api('savePostcard', { imageBase64: makeJpeg(1748, 1181, 85).toString('base64'), mime: 'image/jpeg' });
  expect(saved.ok, JSON.stringify(saved)).toBe(true);
  const link = saved.value as { token: string; url: string };
  expect(link.url.startsWith(`${host.takeaway.url}/c/`)).toBe(true);
  const job = (await host.api('printPostcard', { token: link.token })).value as { id: string };
  await expect.poll(async () => ((await host.api('getPrintStatus', { jobId: job.id })).value as { status: string }).status).toBe('done');
  const token = await operatorToken(host);
  const queue = (await host.api('getPrintQueue', {}, token)).value as { jobs: { id: string; output: string }[]; printer: { kind: string } };
  expect(queue.printer.kind).toBe('cups');
  const output = queue.jobs.find((j) => j.id === job.id)!.output;
  expect(relative(host.dataDir, output)).toMatch(/^postcards[/\\]print[/\\][^/\\]+\.pdf$/);
  const page = await pdfPageMm(output);
  expect(page.width).toBeCloseTo(148, 1);
  expect(page.height).toBeCloseTo(100, 1);
});

test('the operator sets up take-away and printing, sees field errors, test-prints at the new page size and clears the queue', async ({
  page,
  host,
  openKiosk,
}) => {
  await openKiosk();
  const panel = await openPanel(page);
  // The take-away server runs (loopback in tests); the web host cannot list printers without CUPS, and says so.
  await expect(panel.getByTestId('postcard-takeaway-status')).toHaveAttribute('data-state', 'listening');
  await expect(panel.getByTestId('postcard-takeaway-status')).toContainText(host.takeaway.url!);
  await expect(panel.getByTestId('postcard-queue-empty')).toBeVisible();

  // Bad values: each message next to its field, nothing saved.
  await panel.getByTestId('postcard-port').fill('80');
  await panel.getByTestId('postcard-public-url').fill('wifi.example.cn/k?x=1');
  await panel.getByTestId('postcard-save').click();
  await expect(panel.getByTestId('error-takeaway.port')).toBeVisible();
  await expect(panel.getByTestId('error-takeaway.publicBaseUrl')).toContainText('http://');
  await expect(panel.getByTestId('postcard-save-status')).toHaveText('有设置需要修改，见红字');
  expect(((await host.api('getExhibitConfig', { key: 'postcard' })).value as { isDefault: boolean }).isDefault).toBe(true);

  // Good values.
  await panel.getByTestId('postcard-port').fill('8781');
  await panel.getByTestId('postcard-public-url').fill('https://wifi.example.cn/k/');
  await panel.getByTestId('postcard-expiry').fill('12');
  await panel.getByTestId('postcard-print-limit').fill('3');
  await panel.getByTestId('postcard-page-width').fill('152');
  await panel.getByTestId('postcard-page-height').fill('102');
  await panel.getByTestId('postcard-save').click();
  await expect(panel.getByTestId('postcard-save-status')).toHaveText('已保存');
  await expect(panel.getByTestId('error-takeaway.port')).toHaveCount(0);
  const stored = ((await host.api('getExhibitConfig', { key: 'postcard' })).value as { value: Record<string, unknown> }).value;
  expect(stored).toMatchObject({
    takeaway: { enabled: true, port: 8781, publicBaseUrl: 'https://wifi.example.cn/k' },
    expiryHours: 12,
    printLimit: 3,
    printerName: '',
    pageSize: { widthMm: 152, heightMm: 102 },
  });
  // The server restarted with the new public URL (the env keeps it on loopback and a free port).
  await expect(panel.getByTestId('postcard-takeaway-status')).toContainText('https://wifi.example.cn/k');
  const link = (await host.api('reservePostcard', {})).value as { url: string };
  expect(link.url).toMatch(/^https:\/\/wifi\.example\.cn\/k\/c\/[A-Za-z0-9_-]{43}$/);

  // A test print: queued -> done, with its PDF at the new page size.
  await panel.getByTestId('postcard-test-print').click();
  const job = panel.getByTestId('postcard-job').first();
  await expect(job).toHaveAttribute('data-kind', 'test');
  await expect(job).toHaveAttribute('data-status', 'done');
  const output = (await job.getByTestId('postcard-job-output').getAttribute('data-path'))!;
  expect(output.startsWith(host.dataDir)).toBe(true);
  const size = await pdfPageMm(output);
  expect(size.width).toBeCloseTo(152, 1);
  expect(size.height).toBeCloseTo(102, 1);
  await shot(page, 'postcard-operator');

  // Turning the take-away off: a clear status; printing still works.
  await panel.getByTestId('postcard-takeaway-enabled').click();
  await panel.getByTestId('postcard-save').click();
  await expect(panel.getByTestId('postcard-takeaway-status')).toHaveAttribute('data-state', 'off');
  await panel.getByTestId('postcard-test-print').click();
  await expect(panel.getByTestId('postcard-job')).toHaveCount(2);
  await expect(panel.getByTestId('postcard-job').first()).toHaveAttribute('data-status', 'done');

  await panel.getByTestId('postcard-clear-queue').click();
  await expect(panel.getByTestId('postcard-queue-message')).toHaveText('已清除 2 项');
  await expect(panel.getByTestId('postcard-queue-empty')).toBeVisible();
  const token = await operatorToken(host);
  expect(((await host.api('getPrintQueue', {}, token)).value as { jobs: unknown[] }).jobs).toEqual([]);
});

/**
 * A stand-in CUPS on the web host's PATH: `lpstat` answers for one printer, SELPHY, whose state the
 * test sets in a file ('ok' or 'paper'); `lp` records its arguments and accepts the job; the queue
 * (`lpstat -o`) is always empty, so an accepted job is done.
 */
test.describe('with CUPS', () => {
  const fakeCups = useFakeCups({
    lpstat: [
      'case "$1" in',
      '  -p) printf "printer SELPHY is idle.  enabled since Mon 23 Nov 2026\\n"; [ "$(cat "$FAKE_CUPS_DIR/state")" = paper ] && printf "\\tmedia-empty-error\\n"; exit 0 ;;',
      '  -d) echo "system default destination: SELPHY" ;;',
      '  -o) ;;',
      'esac',
    ].join('\n'),
    lp: 'printf "%s\\n" "$*" >> "$FAKE_CUPS_DIR/lp.log"; echo "request id is SELPHY-7 (1 file(s))"',
  });
  let cups = '';
  test.beforeAll(() => {
    cups = fakeCups.dir();
    writeFileSync(join(cups, 'state'), 'ok');
  });

  test('the operator picks the CUPS printer; a test print goes to lp at the page size, and an empty tray fails as paper out', async ({
    page,
    openKiosk,
  }) => {
    await openKiosk();
    const panel = await openPanel(page);
    await expect(panel.locator('[data-testid="postcard-printer"] option[value="SELPHY"]')).toHaveText('SELPHY · 就绪');
    await expect(panel.getByTestId('postcard-printers-note')).toHaveCount(0);
    await panel.getByTestId('postcard-printer').selectOption('SELPHY');
    await panel.getByTestId('postcard-save').click();
    await expect(panel.getByTestId('postcard-save-status')).toHaveText('已保存');

    await panel.getByTestId('postcard-test-print').click();
    await expect(panel.getByTestId('postcard-job').first()).toHaveAttribute('data-status', 'done');
    const pdf = (await panel.getByTestId('postcard-job').first().getByTestId('postcard-job-output').getAttribute('data-path'))!;
    expect(readFileSync(join(cups, 'lp.log'), 'utf8').trim()).toBe(
      `-d SELPHY -t Riverside postcard -o media=Custom.100x148mm -o fit-to-page -- ${pdf}`,
    );
    const size = await pdfPageMm(pdf);
    expect(size.width).toBeCloseTo(148, 1);
    expect(size.height).toBeCloseTo(100, 1);

    writeFileSync(join(cups, 'state'), 'paper');
    await panel.getByTestId('postcard-test-print').click();
    const failed = panel.getByTestId('postcard-job').first();
    await expect(failed).toHaveAttribute('data-status', 'failed');
    await expect(failed).toContainText('失败 · 缺纸');
    await expect(failed).toContainText('media-empty-error');
    expect(readFileSync(join(cups, 'lp.log'), 'utf8').trim().split('\n')).toHaveLength(1);
  });
});
