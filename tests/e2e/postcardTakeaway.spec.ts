import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createMemoryLogger } from '../../node/kiosk/logger';
import { createServices, type Services } from '../../node/kiosk/services';
import { makeJpeg } from '../fixtures/postcards/cardImages';
import { makeTempDir } from '../fixtures/tempDir';

// A phone on the station Wi-Fi opens the take-away page in a real browser (Debian Chromium): the
// CSP lets the page's own style and image through and nothing else, the image is the card, and the
// link points at the image. The server runs in-process on loopback.
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

let services: Services;
let cleanup: () => void;
test.beforeEach(() => {
  const t = makeTempDir('e2e-postcard-');
  cleanup = t.cleanup;
  services = createServices({ dataDir: join(t.dir, 'data'), appVersion: 'e2e', runtime: 'web', log: createMemoryLogger() });
});
test.afterEach(async () => {
  await services.postcards.stopTakeaway();
  services.close();
  cleanup();
});

test('a phone views and saves a card from its QR link; nothing is blocked by the CSP', async ({ page }) => {
  await services.postcards.startTakeaway({ host: '127.0.0.1', port: 0 });
  const bytes = makeJpeg(1748, 1181, 80);
  const link = await services.postcards.save({ bytes, mime: 'image/jpeg' });
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  const res = await page.goto(link.url as string);
  expect(res?.status()).toBe(200);
  await expect(page.getByText('长按图片保存到相册')).toBeVisible();
  const img = page.locator('img');
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(1748);
  // The hashed style block applied (background colour of the page), and the image fits the phone.
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(244, 239, 230)');
  expect((await img.boundingBox())?.width).toBeLessThanOrEqual(390);
  const href = await page.getByRole('link', { name: /保存/ }).evaluate((a: HTMLAnchorElement) => a.href);
  expect(href).toBe(`${link.url}/card.jpg`);
  const download = await page.request.get(href);
  expect(Buffer.from(await download.body()).equals(bytes)).toBe(true);
  expect(violations).toEqual([]);
  expect(services.counter.totals(0, Number.MAX_SAFE_INTEGER)['postcard.picked_up']).toBe(1);
});
