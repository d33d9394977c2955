import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { PNG } from 'pngjs';
import config from '../../playwright.config';
import { launchOptionsWith } from './fakeCamera';
import { expect, openOperatorPad, PIN, shot, test } from './fixtures';

/**
 * Accessibility of every screen a visitor or an operator reaches, measured with axe-core
 * (https://github.com/dequelabs/axe-core-npm/tree/develop/packages/playwright) against WCAG 2.1 A and AA.
 * Serious and critical violations fail the test; moderate and minor ones are listed as annotations.
 *
 * Colour contrast: the kiosk draws almost every text on a gradient, where axe cannot tell the background and
 * reports "incomplete" instead of pass or fail. Those texts are measured here from pixels: the screen is photographed
 * with the text and again with the text made transparent, and the text colour is compared with the background at
 * every pixel its glyphs cover (WCAG 1.4.3: 4.5:1, large text 3:1; symbols such as + − ↑ 3:1 as graphics, 1.4.11).
 */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** Share of a text's glyph pixels ignored as outliers (a script-driven animation that moved between the two photos). */
const OUTLIERS = 0.01;

interface Finding {
  screen: string;
  rule: string;
  impact: string;
  where: string;
}

/** Waits until the entrance animations end (the infinite ones, e.g. the attract river, keep running). */
async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const finite = document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity);
    await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
  });
}

interface Candidate {
  selector: string;
  /** Text colour (r, g, b) and its effective alpha (colour alpha times the opacity of the element and its ancestors). */
  fg: [number, number, number, number];
  need: number;
  rects: { x: number; y: number; w: number; h: number }[];
}

/** Marks the texts axe could not judge, hides their glyphs, and returns what to measure (visible and unobscured only). */
async function hideTexts(page: Page, selectors: string[], symbols: string[]): Promise<Candidate[]> {
  return page.evaluate(
    ([sels, syms]) => {
      const out: Candidate[] = [];
      for (const selector of sels) {
        const el = document.querySelector<HTMLElement>(selector);
        if (!el) continue;
        const style = getComputedStyle(el);
        const m = style.color.match(/[\d.]+/g)!.map(Number);
        let alpha = m[3] ?? 1;
        for (let a: Element | null = el; a; a = a.parentElement) alpha *= Number(getComputedStyle(a).opacity);
        const size = parseFloat(style.fontSize);
        const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
        const rects: Candidate['rects'] = [];
        for (const node of el.childNodes) {
          if (node.nodeType !== Node.TEXT_NODE || !node.textContent?.trim()) continue;
          const range = document.createRange();
          range.selectNodeContents(node);
          for (const r of range.getClientRects()) {
            const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
            // Under a dialog or off screen: not seen, not measured (axe reports it for the screen it is on).
            if (
              r.width < 1 ||
              r.x < 0 ||
              r.y < 0 ||
              r.right > innerWidth ||
              r.bottom > innerHeight ||
              !hit ||
              !(el.contains(hit) || hit.contains(el))
            )
              continue;
            rects.push({ x: Math.round(r.x), y: Math.round(r.y), w: Math.round(r.width), h: Math.round(r.height) });
          }
        }
        if (!rects.length) continue;
        out.push({ selector, fg: [m[0]!, m[1]!, m[2]!, alpha], need: syms.includes(selector) || large ? 3 : 4.5, rects });
        el.style.setProperty('-webkit-text-fill-color', 'transparent', 'important');
        el.style.setProperty('transition', 'none', 'important');
      }
      return out;
    },
    [selectors, symbols] as const,
  );
}

const luminance = ([r, g, b]: number[]): number => {
  const c = [r!, g!, b!].map((v) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
  return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
};

/**
 * The contrast of the text with the background right under its glyphs: the pixels that change when the text is
 * hidden (its line box also covers empty space, e.g. the edge of a button above a tall digit). The worst of them
 * counts, after dropping the outliers. No pixel changed: the text is invisible on its background, all of it counts.
 */
function measure(shown: PNG, hidden: PNG, c: Candidate): number {
  const all: number[] = [];
  const glyphs: number[] = [];
  const [fr, fg, fb, fa] = c.fg;
  for (const r of c.rects) {
    for (let y = r.y; y < r.y + r.h && y < hidden.height; y++) {
      for (let x = r.x; x < r.x + r.w && x < hidden.width; x++) {
        const i = (y * hidden.width + x) * 4;
        const bg = [hidden.data[i]!, hidden.data[i + 1]!, hidden.data[i + 2]!];
        const text = [fr * fa + bg[0]! * (1 - fa), fg * fa + bg[1]! * (1 - fa), fb * fa + bg[2]! * (1 - fa)];
        const [a, b] = [luminance(text), luminance(bg)];
        const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        all.push(ratio);
        const changed = Math.abs(shown.data[i]! - bg[0]!) + Math.abs(shown.data[i + 1]! - bg[1]!) + Math.abs(shown.data[i + 2]! - bg[2]!);
        if (changed > 8) glyphs.push(ratio);
      }
    }
  }
  const ratios = (glyphs.length ? glyphs : all).sort((a, b) => a - b);
  return ratios[Math.floor(ratios.length * OUTLIERS)] ?? Infinity;
}

/** Runs axe on the screen as it is now, measures what axe left undecided about contrast, and adds the findings. */
async function audit(page: Page, screen: string, found: Finding[]): Promise<void> {
  await settle(page);
  // For a person to look at the design that was judged (test-results/screens/, like layout.spec.ts).
  await shot(page, `a11y-${await page.locator('html').getAttribute('lang')}-${screen.replace(/\W+/g, '-')}`);
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  for (const v of results.violations) {
    for (const n of v.nodes)
      found.push({ screen, rule: v.id, impact: n.impact ?? v.impact ?? 'unknown', where: `${n.target.join(' ')}: ${v.help}` });
  }
  const undecided = results.incomplete.find((v) => v.id === 'color-contrast')?.nodes ?? [];
  const selectors = undecided.map((n) => String(n.target[0]));
  // axe's "Element content contains only non-text characters" (messageKey nonBmp): + − ↑ ↓ are graphics, 3:1.
  const symbols = undecided
    .filter((n) => n.any.some((a) => (a.data as { messageKey?: string } | null)?.messageKey === 'nonBmp'))
    .map((n) => String(n.target[0]));
  const shown = PNG.sync.read(await page.screenshot({ animations: 'disabled' }));
  const candidates = await hideTexts(page, selectors, symbols);
  try {
    const hidden = PNG.sync.read(await page.screenshot({ animations: 'disabled' }));
    for (const c of candidates) {
      const ratio = measure(shown, hidden, c);
      if (ratio < c.need)
        found.push({
          screen,
          rule: 'color-contrast (measured on pixels)',
          impact: 'serious',
          where: `${c.selector}: ${ratio.toFixed(2)}:1, needs ${c.need}:1`,
        });
    }
  } finally {
    await page.evaluate((sels) => {
      for (const el of sels.map((s) => document.querySelector<HTMLElement>(s))) {
        el?.style.removeProperty('-webkit-text-fill-color');
        el?.style.removeProperty('transition');
      }
    }, selectors);
  }
}

/** Fails on serious/critical findings; lists the rest on the test's annotations (the HTML report shows them). */
function verdict(found: Finding[]): void {
  const minor = found.filter((f) => !['serious', 'critical'].includes(f.impact));
  for (const f of minor) test.info().annotations.push({ type: `a11y ${f.impact}: ${f.rule}`, description: `${f.screen} · ${f.where}` });
  const blocking = found
    .filter((f) => ['serious', 'critical'].includes(f.impact))
    .map((f) => `${f.impact} ${f.rule} @ ${f.screen}: ${f.where}`);
  expect(blocking, 'serious or critical accessibility violations').toEqual([]);
}

// WebGL without a GPU for the panorama: Chromium's software rasteriser, as tests/e2e/panorama.spec.ts uses (a launch
// option cannot differ per describe group without a new worker, so the whole file gets it).
test.use({
  launchOptions: launchOptionsWith(config.use?.launchOptions, [
    '--use-angle=swiftshader',
    '--enable-unsafe-swiftshader',
    '--ignore-gpu-blocklist',
  ]),
});

/** Presses Tab until the focus comes round again (at most 150 times); returns what took focus and whether it showed. */
async function tabThrough(page: Page): Promise<{ name: string; visible: boolean }[]> {
  const seen: { name: string; visible: boolean }[] = [];
  for (let i = 0; i < 150; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const s = getComputedStyle(el);
      const name =
        el.dataset.testid ?? `${el.tagName.toLowerCase()} ${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}`;
      return { name, visible: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 };
    });
    if (!f) continue;
    if (seen.length && seen[0]!.name === f.name) break;
    seen.push(f);
  }
  return seen;
}

test.beforeEach(async ({ page }) => {
  // Entrance animations end at once: contrast is judged on what stays on screen, not a fade in progress.
  await page.emulateMedia({ reducedMotion: 'reduce' });
});

for (const lang of ['zh-CN', 'en'] as const) {
  test(`${lang}: attract, home, history, postcard, smile and idle screens have no serious accessibility violations`, async ({
    page,
    host,
    openKiosk,
  }) => {
    test.slow();
    await host.setPin();
    // The idle countdown runs in real time while axe looks at it: at the default 10 s a loaded machine saw the
    // screen already fading out to the attract screen. 60 s (the longest allowed) keeps it up for the audit.
    await host.updateSettings({ idleCountdownSeconds: 60 });
    await openKiosk();
    if (lang === 'en') await page.getByTestId('language-switch').click();
    // <html lang> follows the switch: screen readers and the CJK font choice depend on it.
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    const found: Finding[] = [];
    await audit(page, 'attract', found);
    await page.getByTestId('attract').click();
    await expect(page.getByTestId('home')).toBeVisible();
    await audit(page, 'home', found);

    await page.getByTestId('exhibit-card-history').click();
    await expect(page.getByTestId('story-list')).toBeVisible();
    await audit(page, 'history: stories', found);
    await page.locator('[data-testid^="story-card-"]').first().click();
    await expect(page.getByTestId('story-reader')).toBeVisible();
    await audit(page, 'history: story page', found);
    await page.getByTestId('story-back').click();
    await page.getByTestId('tab-timeline').click();
    await expect(page.locator('[data-testid^="timeline-year-"]').first()).toBeVisible();
    await audit(page, 'history: timeline', found);
    await page.getByTestId('back-home').click();

    // The postcard without a camera: a scene instead of a photo (as tests/e2e/postcard.spec.ts does).
    await page.getByTestId('exhibit-card-postcard').click();
    await expect(page.getByTestId('postcard')).toHaveAttribute('data-step', 'start');
    await audit(page, 'postcard: start', found);
    await page.getByTestId('postcard-start').click();
    await expect(page.getByTestId('postcard-consent')).toBeVisible();
    await audit(page, 'postcard: consent', found);
    await page.getByTestId('postcard-scene').click();
    await expect(page.getByTestId('postcard')).toHaveAttribute('data-step', 'scenes');
    await audit(page, 'postcard: scenes', found);
    await page.locator('[data-testid^="scene-"]').first().click();
    await expect(page.getByTestId('postcard-frames')).toBeVisible();
    await audit(page, 'postcard: frames', found);
    await page.getByTestId('frames-next').click();
    await expect(page.getByTestId('postcard-write')).toBeVisible();
    await audit(page, 'postcard: handwriting', found);
    await page.getByTestId('write-done').click();
    await expect(page.getByTestId('card-preview')).toBeVisible({ timeout: 20_000 });
    await audit(page, 'postcard: take away', found);
    await page.getByTestId('back-home').click();

    await page.getByTestId('exhibit-card-smile').click();
    await expect(page.getByTestId('smile')).toBeVisible();
    await audit(page, 'smile: big screen', found);
    await page.clock.fastForward(91_000);
    await expect(page.getByTestId('idle-overlay')).toBeVisible();
    await audit(page, 'idle countdown', found);
    verdict(found);
  });

  test(`${lang}: the closed screen has no serious accessibility violations`, async ({ page, host }) => {
    await host.setPin();
    await page.clock.setFixedTime('2026-03-18T22:00:00+08:00'); // a Wednesday, after closing
    await page.goto(await host.launchUrl());
    await expect(page.getByTestId('closed')).toBeVisible();
    if (lang === 'en') await page.getByTestId('language-switch').click();
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    const found: Finding[] = [];
    await audit(page, 'closed', found);
    verdict(found);
    await page.close(); // before the host goes (see openKiosk in fixtures.ts)
  });
}

test.describe('panorama', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    test(`${lang}: the panorama view and a building's then and now have no serious accessibility violations`, async ({
      page,
      host,
      openKiosk,
    }) => {
      test.setTimeout(240_000);
      await host.setPin();
      await page.setViewportSize({ width: 1280, height: 720 }); // software WebGL: fewer pixels, faster frames
      await openKiosk();
      if (lang === 'en') await page.getByTestId('language-switch').click();
      await page.getByTestId('attract').click();
      await page.getByTestId('exhibit-card-panorama').click();
      const view = page.getByTestId('panorama');
      await expect(view).toHaveAttribute('data-node', /.+/, { timeout: 60_000 });
      // Time stands still from here (the attract tour must not start under the test), moving only when run below.
      const now = await page.evaluate(() => Date.now());
      await page.clock.pauseAt(now + 5000);
      await expect.poll(async () => (await page.clock.runFor(100), view.getAttribute('data-highlight')), { timeout: 90_000 }).toMatch(/.+/);
      // axe schedules its work with timers: the clock runs again while it looks (the tour waits far longer).
      await page.clock.resume();
      const found: Finding[] = [];
      await audit(page, 'panorama: view', found);
      await page.getByTestId('building-open').click();
      await expect(page.getByTestId('past-present')).toBeVisible();
      await expect(page.getByTestId('compare-now')).toHaveJSProperty('complete', true);
      await audit(page, 'panorama: then and now', found);
      verdict(found);
    });
  }
});

test('operator: first-start PIN setup, PIN pad and every console tab have no serious accessibility violations', async ({
  page,
  host,
  openKiosk,
}) => {
  test.slow();
  await openKiosk();
  const found: Finding[] = [];
  await expect(page.getByTestId('setup')).toBeVisible();
  await audit(page, 'first-start PIN setup', found);
  await host.setPin();
  await page.reload();
  await expect(page.getByTestId('attract')).toBeVisible();
  await openOperatorPad(page);
  await audit(page, 'PIN pad', found);
  // An operator with a plugged-in keyboard: digits and Enter work on the pad.
  await page.keyboard.type(PIN);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('operator-settings')).toBeVisible();
  await expect(page.getByTestId('settings-hours')).toBeVisible();
  await audit(page, 'console: settings', found);
  // ...and Tab reaches the console's tabs and its save button, each control showing where the focus is (WCAG 2.4.7).
  const focused = await tabThrough(page);
  expect(
    focused.filter((f) => !f.visible).map((f) => f.name),
    'focused without a visible focus indicator',
  ).toEqual([]);
  expect(focused.map((f) => f.name)).toEqual(
    expect.arrayContaining(['tab-exhibits', 'tab-dashboard', 'tab-system', 'settings-save', 'settings-exit']),
  );
  await page.getByTestId('tab-exhibits').click();
  await expect(page.getByTestId('exhibit-settings-postcard')).toBeVisible();
  await audit(page, 'console: exhibits', found);
  await page.getByTestId('tab-dashboard').click();
  await expect(page.locator('.echart canvas').first()).toBeVisible();
  await audit(page, 'console: dashboard', found);
  await page.getByTestId('tab-system').click();
  await expect(page.getByTestId('tab-system')).toHaveAttribute('aria-selected', 'true');
  await audit(page, 'console: system', found);
  verdict(found);
});
