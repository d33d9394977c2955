import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { enterPin, expect, openOperatorPad, PIN, shot, test } from './fixtures';

/**
 * The red-history exhibit (回首滨江) on the demo pack, in Chromium with real audio
 * (`--autoplay-policy=no-user-gesture-required`, playwright.config.ts), and a pack swap from the
 * operator screen that shows at the attract screen, never mid-visit.
 */
// The pack the web host serves as its built-in default (the fixture passes the environment on).
const DEMO = resolve(process.env.KIOSK_DEMO_PACK_DIR ?? 'resources/demo-pack');
const demo = JSON.parse(readFileSync(join(DEMO, 'manifest.json'), 'utf8')) as {
  attract: { tagline: Record<string, string> };
  history: {
    stories: { id: string; title: Record<string, string>; narration: Record<string, { cues: { text: string }[] }> }[];
    panel: { hotspots: { id: string }[] };
  };
};
const first = demo.history.stories[0]!;

test.beforeEach(async ({ host }) => {
  await host.setPin();
});

async function openHistory(page: Page): Promise<void> {
  await page.getByTestId('attract').click();
  await page.getByTestId('exhibit-card-history').click();
  await expect(page.getByTestId('history')).toBeVisible();
}

async function signIn(page: Page): Promise<void> {
  await openOperatorPad(page);
  await enterPin(page, PIN);
  await expect(page.getByTestId('operator-settings')).toBeVisible();
}

test('browse a story: pages, narration with advancing subtitles, and a language switch', async ({ page, openKiosk }) => {
  test.slow(); // real audio has to play for several seconds
  await openKiosk();
  await openHistory(page);
  await expect(page.locator('[data-testid^="story-card-"]')).toHaveCount(demo.history.stories.length);
  await page.getByTestId(`story-card-${first.id}`).click();

  const reader = page.getByTestId('story-reader');
  await expect(page.getByTestId('story-title')).toHaveText(first.title['zh-CN']!);
  await expect(reader).toHaveAttribute('data-page', '0');
  await page.getByTestId('page-next').click();
  await expect(reader).toHaveAttribute('data-page', '1');
  await page.getByTestId('page-prev').click();
  await expect(reader).toHaveAttribute('data-page', '0');

  // Narration: plays, and the highlighted subtitle moves on with the audio.
  await page.getByTestId('narration-toggle').click();
  await expect(page.getByTestId('narration-toggle')).toHaveAttribute('data-state', 'playing');
  const subtitle = page.getByTestId('subtitle');
  await expect(subtitle).toHaveText(first.narration['zh-CN']!.cues[0]!.text);
  await expect(subtitle).toHaveAttribute('data-cue', '1', { timeout: 20_000 });
  await expect(subtitle).toHaveText(first.narration['zh-CN']!.cues[1]!.text);

  // Language switch: the text and the narration follow, and it keeps playing.
  await page.getByTestId('language-switch').click();
  await expect(page.getByTestId('story-title')).toHaveText(first.title.en!);
  const enCues = first.narration.en!.cues.map((c) => c.text);
  await expect.poll(async () => enCues.includes((await subtitle.textContent())?.trim() ?? '')).toBe(true);
  await expect(page.getByTestId('narration-toggle')).toHaveAttribute('data-state', 'playing');
  const cue = Number(await subtitle.getAttribute('data-cue'));
  await expect.poll(async () => Number(await subtitle.getAttribute('data-cue')), { timeout: 20_000 }).toBeGreaterThan(cue);

  // Leaving the story stops it.
  await page.getByTestId('story-back').click();
  await expect(page.getByTestId('story-list')).toBeVisible();
  await expect(page.getByTestId('narration')).toHaveCount(0);

  // The timeline opens a story by year.
  await page.getByTestId('tab-timeline').click();
  await page.locator('[data-testid^="timeline-year-"]').first().click();
  await expect(page.getByTestId('story-reader')).toBeVisible();
});

test('transparent-panel mode set on the operator screen: black, hotspots respond, calibration is stored', async ({
  page,
  host,
  openKiosk,
}) => {
  await openKiosk();
  await signIn(page);
  const section = page.getByTestId('panel-calibration');
  await section.getByTestId('panel-mode-transparent').click();
  await expect(section.getByTestId('panel-calibration-status')).toHaveText('已保存');

  // Calibration: drag the top-left corner, save.
  await section.getByTestId('calibration-open').click();
  // The tool panel never hides a hotspot ring the operator is lining up, and folds away on request.
  const rings = await page
    .getByTestId('calibration-overlay')
    .locator('.ring')
    .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
  expect(rings.length).toBeGreaterThan(0);
  const tools = (await page.getByTestId('calibration-tools').boundingBox())!;
  const covered = rings.filter(
    (r) => r.right > tools.x && r.left < tools.x + tools.width && r.bottom > tools.y && r.top < tools.y + tools.height,
  );
  expect(covered).toEqual([]);
  await page.getByTestId('calibration-tools-hide').click();
  await expect(page.getByTestId('calibration-tools')).toHaveCount(0);
  await page.getByTestId('calibration-tools-open').click();
  const handle = page.getByTestId('corner-tl');
  const box = (await handle.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(192, 108, { steps: 5 });
  await page.mouse.up();
  await page.getByTestId('calibration-save').click();
  await expect(page.getByTestId('calibration-status')).toHaveText('已保存');
  await shot(page, 'history-calibration');
  await page.getByTestId('calibration-done').click();
  const stored = (await host.api('getExhibitConfig', { key: 'history.panel' })) as {
    value: { value: { mode: string; corners: { x: number; y: number }[] } };
  };
  expect(stored.value.value.mode).toBe('transparent');
  expect(stored.value.value.corners[0]!.x).toBeCloseTo(0.1, 1);
  expect(stored.value.value.corners[0]!.y).toBeCloseTo(0.1, 1);

  await page.getByTestId('settings-exit').click();
  await openHistory(page);
  const panel = page.getByTestId('panel-mode');
  await expect(panel).toBeVisible();
  expect(await panel.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(0, 0, 0)');
  await expect(page.getByTestId('story-list')).toHaveCount(0);
  const id = demo.history.panel.hotspots[0]!.id;
  const spot = page.getByTestId(`hotspot-${id}`);
  await spot.click();
  await expect(spot).toHaveClass(/lit/);
  await expect(page.getByTestId('subtitle')).not.toHaveText('');
  await shot(page, 'history-panel');
});

test('a new pack imported on the operator screen shows at the attract screen, never mid-visit', async ({ page, openKiosk }) => {
  test.slow(); // builds a zip of the demo pack
  const work = mkdtempSync(join(tmpdir(), 'kiosk-e2e-pack-'));
  try {
    const dir = join(work, 'second');
    cpSync(DEMO, dir, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as typeof demo & { id: string; version: string };
    manifest.id = 'second-test';
    manifest.version = '2.0.0';
    manifest.attract.tagline = { 'zh-CN': '第二个测试内容包', en: 'The second test pack' };
    manifest.history.stories[0]!.title = { 'zh-CN': '换了标题的码头故事', en: 'The wharf, retitled' };
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
    const zip = join(work, 'second.zip');
    execFileSync(resolve('node_modules/.bin/tsx'), ['node/kiosk/cli/pack.ts', 'build', dir, '--out', zip], { stdio: 'pipe' });

    await openKiosk();
    await expect(page.getByTestId('attract')).toContainText(demo.attract.tagline['zh-CN']!);
    // From the import until the visit has begun, the kiosk's pack polls (every 30 s) get no answer: one that came
    // while the operator imports (longer than 30 s on a busy machine) would rightly show the new pack at the attract
    // screen on the way out of the console, before the visit this test makes. (A poll before the import finds
    // nothing new.) Held polls are answered once the visitor is in the stories.
    let holding = true;
    const held: (() => void)[] = [];
    let heldOne!: () => void;
    const firstHeld = new Promise<void>((resolve) => (heldOne = resolve));
    await page.route('**/api/getPackRevision', async (route) => {
      if (holding) {
        await new Promise<void>((release) => {
          held.push(release);
          heldOne();
        });
      }
      await route.continue();
    });
    // The hidden corner wants five taps within 3 s of page time, and five clicks take longer on a loaded machine:
    // the page's time stands still while they are made.
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
    await openOperatorPad(page);
    await page.clock.resume();
    await enterPin(page, PIN);
    await expect(page.getByTestId('operator-settings')).toBeVisible({ timeout: 30_000 });
    await page.getByTestId('pack-path').fill(zip);
    await page.getByTestId('pack-import').click();
    // Unpacking and checking the demo pack's files: over 30 s on a loaded machine.
    await expect(page.getByTestId('pack-message')).toContainText('second-test', { timeout: 120_000 });
    await expect(page.getByTestId('pack-row-second-test').getByTestId('pack-active')).toBeVisible();
    await page.getByTestId('pack-manager').scrollIntoViewIfNeeded();
    await shot(page, 'operator-packs');
    await page.getByTestId('settings-exit').click();
    await expect(page.getByTestId('attract')).toContainText(demo.attract.tagline['zh-CN']!);

    // A poll starts at the attract screen, and a visitor opens the stories before its answer is back.
    await page.clock.fastForward(31_000);
    await firstHeld;
    await openHistory(page);
    const newPackRead = page.waitForResponse('**/api/getActivePack');
    holding = false;
    held.splice(0).forEach((release) => release());
    await (await newPackRead).finished();
    // Mid-visit: the kiosk has the new pack in hand but the visitor keeps the old content, now and at the next poll.
    await expect(page.getByTestId(`story-card-${first.id}`)).toContainText(first.title['zh-CN']!);
    const polled = page.waitForResponse('**/api/getPackRevision');
    await page.clock.fastForward(31_000);
    await (await polled).finished();
    await expect(page.getByTestId(`story-card-${first.id}`)).toContainText(first.title['zh-CN']!);

    // Back at the attract screen: the new pack.
    await page.getByTestId('back-home').click();
    await page.getByTestId('restart').click();
    await expect(page.getByTestId('attract')).toContainText('第二个测试内容包');
    await openHistory(page);
    await expect(page.getByTestId(`story-card-${first.id}`)).toContainText('换了标题的码头故事');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

/** Visible buttons smaller than 64 x 64 CSS px (elderly fingers), as "WxH <html>". */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="history"] button')]
      .map((el) => ({ el: el.outerHTML.slice(0, 100), r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && r.right > 0 && r.left < window.innerWidth && (r.width < 64 || r.height < 64))
      .map(({ el, r }) => `${Math.round(r.width)}x${Math.round(r.height)} ${el}`),
  );
}

for (const [name, viewport] of [
  ['landscape', { width: 1920, height: 1080 }],
  ['portrait', { width: 1080, height: 1920 }],
] as const) {
  test(`${name}: big type and big targets on the story list, a story and the timeline`, async ({ page, openKiosk }) => {
    await page.setViewportSize(viewport);
    await openKiosk();
    await openHistory(page);
    await page.waitForTimeout(900); // the cards' entrance animation
    expect(await smallTargets(page)).toEqual([]);
    await shot(page, `history-list-${name}`);

    await page.getByTestId(`story-card-${first.id}`).click();
    await expect(page.getByTestId('story-reader')).toBeVisible();
    const text = page.getByTestId('page-text').first();
    expect(parseFloat(await text.evaluate((el) => getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(28);
    const box = (await text.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    expect(await smallTargets(page)).toEqual([]);
    await shot(page, `history-story-${name}`);

    await page.getByTestId('story-back').click();
    await page.getByTestId('tab-timeline').click();
    await page.waitForTimeout(900);
    expect(await smallTargets(page)).toEqual([]);
    for (const stop of await page.locator('[data-testid^="timeline-year-"]').all()) {
      const b = (await stop.boundingBox())!;
      expect(b.x >= 0 && b.y >= 0 && b.x + b.width <= viewport.width && b.y + b.height <= viewport.height).toBe(true);
    }
    await shot(page, `history-timeline-${name}`);
  });
}
