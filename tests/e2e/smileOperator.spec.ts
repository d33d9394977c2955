import type { Page } from '@playwright/test';
import { CHROMIUM } from '../../playwright.config';
import { enterPin, expect, openOperatorPad, PIN, shot, test, type KioskHost } from './fixtures';

/**
 * The smile meter's operator screen with Chromium's fake camera (a moving test pattern named
 * "fake_device_0", https://webrtc.org/getting-started/testing): the camera list shows it, its live
 * preview plays, a region drawn on the preview and the camera are saved per kiosk, and leaving the
 * screen stops the preview's stream.
 */
test.use({
  launchOptions: {
    executablePath: CHROMIUM,
    // The defaults of playwright.config.ts, plus the fake camera granted without a permission prompt.
    args: [
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--autoplay-policy=no-user-gesture-required',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
    ],
  },
});

test.beforeEach(async ({ host }) => {
  await host.setPin();
});

async function openSmileSettings(page: Page): Promise<void> {
  await openOperatorPad(page);
  await enterPin(page, PIN);
  await expect(page.getByTestId('operator-settings')).toBeVisible();
  await page.getByTestId('tab-exhibits').click();
  await expect(page.getByTestId('smile-operator')).toBeVisible();
}

async function setMeter(host: KioskHost, enabled: boolean): Promise<void> {
  const session = await host.api('unlockOperator', { pin: PIN });
  const token = (session.value as { token: string }).token;
  const current = ((await host.api('getExhibitConfig', { key: 'smile' })).value as { value: object }).value;
  const r = await host.api('setExhibitConfig', { key: 'smile', value: { ...current, enabled } }, token);
  expect(r.ok, JSON.stringify(r)).toBe(true);
  await host.api('lockOperator', {}, token);
}

async function savedSmile(host: KioskHost): Promise<{
  enabled: boolean;
  cameras: {
    entry: {
      source: { kind: string; deviceId?: string | null; label?: string | null };
      roi: { x: number; y: number; width: number; height: number } | null;
      direction: string;
    };
  };
}> {
  const r = await host.api('getExhibitConfig', { key: 'smile' });
  expect(r.ok, JSON.stringify(r)).toBe(true);
  return (r.value as { value: never }).value;
}

test('the fake camera is listed and previewed; a camera with a region drawn on it is saved and comes back; leaving stops the preview', async ({
  page,
  host,
  openKiosk,
  consoleGuard,
}) => {
  // While the services restart, the background counter's calls find nobody listening.
  consoleGuard.allow(/ERR_CONNECTION_REFUSED/);
  test.slow(); // a live camera, a restart of the services, two sign-ins
  // The meter itself off: the page's background counter then leaves the camera to the preview (and the
  // two shared cores to the test); the operator screen previews and saves the same either way.
  await setMeter(host, false);
  await openKiosk();
  await openSmileSettings(page);
  const panel = page.getByTestId('smile-operator');
  const device = panel.getByTestId('smile-entry-device');
  await expect(device.locator('option', { hasText: 'fake_device_0' })).toHaveCount(1);
  const fakeId = await device.locator('option', { hasText: 'fake_device_0' }).getAttribute('value');
  expect(fakeId).toBeTruthy();
  await device.selectOption(fakeId!);

  // The live preview plays the camera's picture.
  const preview = panel.getByTestId('smile-preview');
  await expect(preview).toHaveAttribute('data-playing', 'true');
  const size = await panel
    .getByTestId('smile-preview-video')
    .evaluate((v: HTMLVideoElement) => ({ w: v.videoWidth, h: v.videoHeight, t: v.currentTime }));
  expect(size.w).toBeGreaterThan(0);
  expect(size.h).toBeGreaterThan(0);
  await expect
    .poll(() => panel.getByTestId('smile-preview-video').evaluate((v: HTMLVideoElement) => v.currentTime))
    .toBeGreaterThan(size.t);

  // Drag a rectangle from 25 % / 20 % to 75 % / 80 % of the picture.
  await panel.getByTestId('roi-layer').scrollIntoViewIfNeeded();
  const box = (await panel.getByTestId('roi-layer').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.25, box.y + box.height * 0.2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5, { steps: 4 });
  await page.mouse.move(box.x + box.width * 0.75, box.y + box.height * 0.8, { steps: 4 });
  await page.mouse.up();
  await expect(panel.getByTestId('roi-box')).toBeVisible();
  await panel.getByTestId('smile-entry-direction').selectOption('left-to-right');
  await shot(page, 'smile-operator');
  await panel.getByTestId('smile-save').click();
  await expect(panel.getByTestId('smile-save-status')).toHaveText('已保存');

  const saved = await savedSmile(host);
  expect(saved.enabled).toBe(false);
  expect(saved.cameras.entry.source).toEqual({ kind: 'camera', deviceId: fakeId, label: 'fake_device_0' });
  expect(saved.cameras.entry.direction).toBe('left-to-right');
  const roi = saved.cameras.entry.roi!;
  expect(roi.x).toBeCloseTo(0.25, 2);
  expect(roi.y).toBeCloseTo(0.2, 2);
  expect(roi.width).toBeCloseTo(0.5, 2);
  expect(roi.height).toBeCloseTo(0.6, 2);

  // Leaving the console stops the preview's camera stream.
  const tracks = await panel
    .getByTestId('smile-preview-video')
    .evaluateHandle((v: HTMLVideoElement) => (v.srcObject as MediaStream).getTracks());
  expect(await tracks.evaluate((ts) => ts.map((t) => t.readyState))).toEqual(['live']);
  await page.getByTestId('settings-exit').click();
  await expect(page.getByTestId('operator-settings')).toBeHidden();
  expect(await tracks.evaluate((ts) => ts.map((t) => t.readyState))).toEqual(['ended']);

  // After a restart of the services the screen shows what was saved.
  await host.restart();
  await page.goto(await host.launchUrl());
  await openSmileSettings(page);
  await expect(page.getByTestId('smile-entry-device')).toHaveValue(fakeId!);
  await expect(page.getByTestId('roi-box')).toBeVisible();
  await expect(page.getByTestId('smile-entry-roi')).toContainText('x 0.25');
});

test("a field error shows next to its field and nothing is saved; the status shows each camera's state and backend", async ({
  page,
  host,
  openKiosk,
}) => {
  // The page's own background counter reports its cameras too; its reports are held back here so that
  // the one this test sends is what the services know.
  await page.route('**/api/reportSmileStatus', (route) => route.fulfill({ json: { ok: true, value: { received: true } } }));
  await openKiosk();
  await openSmileSettings(page);
  const panel = page.getByTestId('smile-operator');
  await panel.getByTestId('smile-threshold').fill('2');
  await panel.getByTestId('smile-save').click();
  await expect(panel.getByTestId('error-threshold')).toBeVisible();
  await expect(panel.getByTestId('smile-save-status')).toHaveText('请先改正标出的字段');
  expect((await host.api('getExhibitConfig', { key: 'smile' })).value).toMatchObject({ isDefault: true });

  const camera = (role: string, state: string, backend: string | null, lastError: string | null) => ({
    role,
    state,
    backend,
    source: 'camera',
    deviceLabel: 'fake_device_0',
    fps: 9.5,
    framesProcessed: 120,
    facesDescribed: 7,
    visitors: 2,
    smiling: 1,
    numTensors: 12,
    retries: 0,
    lastError,
    since: Date.now(),
  });
  const r = await host.api('reportSmileStatus', {
    enabled: true,
    cameras: [camera('entry', 'running', 'wasm', null), camera('exit', 'retrying', null, 'NotReadableError: device in use')],
  });
  expect(r.ok, JSON.stringify(r)).toBe(true);
  const status = panel.getByTestId('smile-status');
  await expect(status.getByTestId('smile-status-entry').getByTestId('smile-status-state')).toHaveText('运行中');
  await expect(status.getByTestId('smile-status-entry').getByTestId('smile-status-backend')).toHaveText('wasm');
  await expect(status.getByTestId('smile-status-exit').getByTestId('smile-status-state')).toHaveText('重试中');
  await expect(status.getByTestId('smile-status-exit')).toContainText('NotReadableError: device in use');
});

test("the pack's demo video as a role's source: offered, previewed and saved as a pack path", async ({ page, host, openKiosk }) => {
  await setMeter(host, false);
  await openKiosk();
  await openSmileSettings(page);
  const panel = page.getByTestId('smile-operator');
  await panel.getByTestId('smile-tab-exit').click();
  await panel.getByTestId('smile-exit-kind-video').click();
  // The demo pack lists its walk-through videos: the exit role starts on the exit video.
  await expect(panel.getByTestId('smile-exit-video')).toHaveValue('smile/demo-exit.webm');
  await expect(panel.getByTestId('smile-preview')).toHaveAttribute('data-playing', 'true');
  await panel.getByTestId('smile-exit-demo').selectOption({ label: '内容包演示视频（入口）' });
  await expect(panel.getByTestId('smile-exit-video')).toHaveValue('smile/demo-entry.webm');
  await expect(panel.getByTestId('smile-preview')).toHaveAttribute('data-playing', 'true');
  await panel.getByTestId('smile-save').click();
  await expect(panel.getByTestId('smile-save-status')).toHaveText('已保存');
  const saved = (await savedSmile(host)) as unknown as { cameras: { exit: { source: unknown } } };
  expect(saved.cameras.exit.source).toEqual({ kind: 'video', url: 'smile/demo-entry.webm' });
});
