import type { Page } from '@playwright/test';
import { expect, openOperatorPad, enterPin, PIN, shot, test } from './fixtures';

/**
 * Layout on the two screen orientations the station uses, touch-target sizes, and screenshots
 * of the main screens (written to test-results/screens/, for a person to look at).
 */
const LANDSCAPE = { width: 1920, height: 1080 };
const PORTRAIT = { width: 1080, height: 1920 };

/** Every visible button (and switch/checkbox) at least 64x64 CSS pixels. */
async function expectTouchTargets(page: Page): Promise<void> {
  const small = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, [role="button"], [role="switch"], [role="checkbox"], select')]
      .filter((el) => el.offsetParent !== null || getComputedStyle(el).position === 'fixed')
      .map((el) => ({ el: el.outerHTML.slice(0, 120), r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && (r.width < 64 || r.height < 64))
      .map(({ el, r }) => `${Math.round(r.width)}x${Math.round(r.height)} ${el}`),
  );
  expect(small).toEqual([]);
}

async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    return [...document.querySelectorAll<HTMLElement>('#app *')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && (r.right > vw + 1 || r.left < -1) && !el.closest('svg');
      })
      .map(
        (el) =>
          `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().left)}..${Math.round(el.getBoundingClientRect().right)}`,
      );
  });
  expect(overflow).toEqual([]);
}

test.beforeEach(async ({ host }) => {
  await host.setPin();
});

for (const [name, viewport] of [
  ['landscape', LANDSCAPE],
  ['portrait', PORTRAIT],
] as const) {
  test(`${name}: attract and home menu fit the screen, every touch target is at least 64 px`, async ({ page, openKiosk }) => {
    await page.setViewportSize(viewport);
    await openKiosk();
    await expect(page.getByTestId('attract')).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await expectTouchTargets(page);
    await shot(page, `attract-${name}`);

    await page.getByTestId('attract').click();
    await expect(page.locator('[data-testid^="exhibit-card-"]')).toHaveCount(4);
    await page.waitForTimeout(900); // the cards' entrance animation
    await expectNoHorizontalOverflow(page);
    await expectTouchTargets(page);
    for (const card of await page.locator('[data-testid^="exhibit-card-"]').all()) {
      const box = await card.boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
      expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
    }
    await shot(page, `home-${name}`);

    await page.getByTestId('exhibit-card-panorama').click();
    await expect(page.getByTestId('exhibit-panorama')).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await expectTouchTargets(page);
    await shot(page, `exhibit-${name}`);

    await page.clock.fastForward(91_000);
    await expect(page.getByTestId('idle-overlay')).toBeVisible();
    await expectTouchTargets(page);
    await shot(page, `idle-${name}`);
  });

  test(`${name}: operator settings fit the screen, every touch target is at least 64 px`, async ({ page, openKiosk }) => {
    await page.setViewportSize(viewport);
    await openKiosk();
    await openOperatorPad(page);
    await expectTouchTargets(page);
    await shot(page, `pinpad-${name}`);
    await enterPin(page, PIN);
    await expect(page.getByTestId('settings-hours')).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await expectTouchTargets(page);
    await shot(page, `operator-${name}`);
  });
}
