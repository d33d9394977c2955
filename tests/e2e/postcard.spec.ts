import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import jpeg from 'jpeg-js';
import { PDFDocument } from 'pdf-lib';
import config from '../../playwright.config';
import { launchOptionsWith, makeFakeCamera } from './fakeCamera';
import { expect, shot, test } from './fixtures';

/**
 * The postcard exhibit (留影滨江) on the demo pack, with Chromium's fake camera showing a plain
 * blue-grey picture: photo, handwriting, frame, the card composed in the worker, then fetched from
 * the kiosk's take-away server by Node as a phone would, decoded and checked pixel by pixel. The web
 * host runs the take-away server on loopback (fixtures.ts sets KIOSK_TAKEAWAY_HOST/PORT).
 */
const camera = makeFakeCamera({ source: 'color=c=0x4080b0', width: 640, height: 480 });
test.use({ launchOptions: launchOptionsWith(config.use?.launchOptions, camera.args) });

const RED = 'c8322b';
const CARD = { width: 1748, height: 1181 };

test.beforeEach(async ({ host }) => {
  await host.setPin();
});

async function openPostcard(page: Page): Promise<void> {
  await page.getByTestId('attract').click();
  await page.getByTestId('exhibit-card-postcard').click();
  await expect(page.getByTestId('postcard')).toHaveAttribute('data-step', 'start');
  await page.getByTestId('postcard-start').click();
  await expect(page.getByTestId('postcard-consent')).toBeVisible();
}

/** Drags the mouse across the ink canvas along a horizontal line, at card fractions. */
async function drawLine(page: Page, canvas: Locator, y: number, x0: number, x1: number): Promise<void> {
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width * x0, box.y + box.height * y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * x1, box.y + box.height * y, { steps: 25 });
  await page.mouse.up();
}

/** On the write step: red ink, two strokes. */
async function writeOnCard(page: Page): Promise<void> {
  await expect(page.getByTestId('postcard-write')).toBeVisible();
  await page.getByTestId(`ink-color-${RED}`).click();
  await page.getByTestId('ink-width-thick').click();
  const canvas = page.getByTestId('ink-canvas');
  await drawLine(page, canvas, 0.5, 0.2, 0.5);
  await drawLine(page, canvas, 0.62, 0.2, 0.5);
  await expect(canvas).toHaveAttribute('data-strokes', '2');
  // Undo takes the last stroke back; draw it again.
  await page.getByTestId('ink-undo').click();
  await expect(canvas).toHaveAttribute('data-strokes', '1');
  await drawLine(page, canvas, 0.62, 0.2, 0.5);
  await expect(canvas).toHaveAttribute('data-strokes', '2');
}

const pixel = (img: { width: number; data: Uint8Array }, fx: number, fy: number): [number, number, number] => {
  const i = (Math.round(fy * (CARD.height - 1)) * img.width + Math.round(fx * (CARD.width - 1))) * 4;
  return [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!];
};
const isRed = ([r, g, b]: [number, number, number]) => r > 150 && g < 110 && b < 110;

/** Files of cards or photos in the data folder (the print/ subfolder and temp files aside). */
const cardFiles = (dataDir: string) => readdirSync(join(dataDir, 'postcards')).filter((f) => /\.(jpg|png)$/.test(f));

test('photo, frame, handwriting, then the card fetched from its QR link is 1748x1181 with the strokes in it', async ({
  page,
  host,
  openKiosk,
}) => {
  test.slow();
  await openKiosk();
  await openPostcard(page);
  await page.getByTestId('postcard-photo').click();
  const video = page.getByTestId('camera-video');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth)).toBe(640);
  await page.getByTestId('shoot').click();
  await expect(page.getByTestId('countdown')).toHaveText('3');
  await page.clock.runFor(3100);
  await page.getByTestId('retake').click();
  await page.getByTestId('shoot').click();
  await page.clock.runFor(3100);
  await page.getByTestId('use-photo').click();

  await expect(page.getByTestId('postcard-frames')).toBeVisible();
  await page.getByTestId('frame-stamp').click();
  await page.getByTestId('frames-next').click();
  await writeOnCard(page);
  await shot(page, 'postcard-write');

  await page.getByTestId('write-done').click();
  await expect(page.getByTestId('card-preview')).toBeVisible({ timeout: 20_000 });
  await shot(page, 'postcard-preview');
  expect(cardFiles(host.dataDir)).toEqual([]); // nothing saved before the visitor chooses
  await page.getByTestId('postcard-qr').click();
  await expect(page.getByTestId('postcard-qr-code')).toBeVisible();
  const url = (await page.getByTestId('postcard-url').textContent())!.trim();
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/c\/[A-Za-z0-9_-]{43}$/);
  await shot(page, 'postcard-qr');

  // A phone on the Wi-Fi: a plain HTTP client, outside the browser.
  const res = await fetch(`${url}/card.jpg`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('image/jpeg');
  const img = jpeg.decode(new Uint8Array(await res.arrayBuffer()), { useTArray: true });
  expect([img.width, img.height]).toEqual([CARD.width, CARD.height]);
  // The strokes, re-drawn at print resolution, where they were drawn; the photo (blue-grey) elsewhere.
  for (const fx of [0.3, 0.35, 0.4, 0.45]) {
    expect(isRed(pixel(img, fx, 0.5)), `stroke at ${fx},0.5: ${pixel(img, fx, 0.5)}`).toBe(true);
    expect(isRed(pixel(img, fx, 0.62)), `stroke at ${fx},0.62: ${pixel(img, fx, 0.62)}`).toBe(true);
  }
  const [r, g, b] = pixel(img, 0.35, 0.35);
  expect(b, `photo at 0.35,0.35: ${[r, g, b]}`).toBeGreaterThan(r + 60);
  expect(cardFiles(host.dataDir)).toHaveLength(1);

  await page.getByTestId('postcard-finished').click();
  await expect(page.getByTestId('postcard-thanks')).toBeVisible();
  await page.getByTestId('postcard-again').click();
  await expect(page.getByTestId('postcard')).toHaveAttribute('data-step', 'start');
});

test('idle mid-flow returns to the attract screen and discards the card: nothing is saved', async ({ page, host, openKiosk }) => {
  test.slow(); // many UI steps; the shared test machine can be heavily loaded
  await openKiosk();
  await openPostcard(page);
  await page.getByTestId('postcard-scene').click();
  await page.getByTestId('scene-promenade-day').click();
  await page.getByTestId('frames-next').click();
  await writeOnCard(page);
  await page.clock.fastForward(91_000);
  await expect(page.getByTestId('idle-overlay')).toBeVisible();
  await page.clock.fastForward(10_500);
  await expect(page.getByTestId('attract')).toBeVisible();
  expect(cardFiles(host.dataDir)).toEqual([]);
  // The next visitor starts from the beginning, with an empty card.
  await page.getByTestId('attract').click();
  await page.getByTestId('exhibit-card-postcard').click();
  await expect(page.getByTestId('postcard')).toHaveAttribute('data-step', 'start');
});

test('print: the visitor sees "done", and the web host wrote a 148 x 100 mm PDF', async ({ page, host, openKiosk }) => {
  test.slow();
  await openKiosk();
  await openPostcard(page);
  await page.getByTestId('postcard-scene').click();
  await page.getByTestId('scene-waterworks').click();
  await page.getByTestId('frame-river').click();
  await page.getByTestId('frames-next').click();
  await page.getByTestId('write-done').click();
  await expect(page.getByTestId('card-preview')).toBeVisible({ timeout: 20_000 });
  await page.getByTestId('postcard-print').click();
  const status = page.getByTestId('print-status');
  await expect(status).toBeVisible();
  await page.clock.runFor(2000);
  await expect(status).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
  await expect(status).toContainText('打印好了');
  const pdfs = readdirSync(join(host.dataDir, 'postcards', 'print')).filter((f) => f.endsWith('.pdf'));
  expect(pdfs).toHaveLength(1);
  const doc = await PDFDocument.load(readFileSync(join(host.dataDir, 'postcards', 'print', pdfs[0]!)));
  const { width, height } = doc.getPage(0).getSize();
  const mm = (pt: number) => (pt * 25.4) / 72;
  expect(mm(width)).toBeCloseTo(148, 0);
  expect(mm(height)).toBeCloseTo(100, 0);
  await page.getByTestId('postcard-finished').click();
  await expect(page.getByTestId('postcard-thanks')).toBeVisible();
});

test('print limit: the visitor sees how many prints are left, and the print button turns off at the limit', async ({
  page,
  host,
  openKiosk,
}) => {
  test.slow();
  // The operator allows one print per card (the service enforces it; the screen shows its count).
  const session = await host.api('unlockOperator', { pin: '2468' });
  const token = (session.value as { token: string }).token;
  const current = (await host.api('getExhibitConfig', { key: 'postcard' })).value as { value: Record<string, unknown> };
  expect((await host.api('setExhibitConfig', { key: 'postcard', value: { ...current.value, printLimit: 1 } }, token)).ok).toBe(true);

  await openKiosk();
  await openPostcard(page);
  await page.getByTestId('postcard-scene').click();
  await page.getByTestId('scene-waterworks').click();
  await page.getByTestId('frames-next').click();
  await page.getByTestId('write-done').click();
  await expect(page.getByTestId('card-preview')).toBeVisible({ timeout: 20_000 });
  const left = page.getByTestId('prints-left');
  await expect(left).toHaveAttribute('data-left', '1');
  await expect(left).toHaveText('还可打印 1 张');
  await expect(page.getByTestId('postcard-print')).toBeEnabled();
  await shot(page, 'postcard-print-step');

  await page.getByTestId('postcard-print').click();
  const status = page.getByTestId('print-status');
  await page.clock.runFor(2000);
  await expect(status).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
  // The one print is used: no count, the reason instead, and the button stays on screen, disabled.
  await expect(left).toHaveAttribute('data-state', 'none');
  await expect(left).toHaveText('这张卡不能再打印了');
  await expect(page.getByTestId('postcard-print')).toBeDisabled();
  await shot(page, 'postcard-print-limit-reached');
  // English too.
  await page.getByTestId('language-switch').click();
  await expect(left).toHaveText('No more prints of this card');
});
