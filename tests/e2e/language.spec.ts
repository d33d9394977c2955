import { expect, test } from './fixtures';

test.beforeEach(async ({ host }) => {
  await host.setPin();
});

test('the language switch changes the visible text both ways, on every screen of a visit', async ({ page, openKiosk }) => {
  await openKiosk();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  // The attract words may come from the content pack; whatever they are, they change language.
  const attractZh = await page.getByTestId('attract').innerText();
  expect(attractZh).toMatch(/[\u4e00-\u9fff]/);

  const toggle = page.getByTestId('language-switch');
  const box = await toggle.boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(64);
  expect(box!.width).toBeGreaterThanOrEqual(64);

  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('attract')).not.toHaveText(attractZh);
  expect(await page.getByTestId('attract').innerText()).toMatch(/[A-Za-z]{4,}/);
  // The switch itself names the other language.
  await expect(toggle).toHaveText('中文');

  await page.getByTestId('attract').click();
  await expect(page.getByTestId('home')).toContainText('Welcome to Yangpu Riverside');
  await expect(page.getByTestId('exhibit-card-smile')).toContainText('Smile Meter');

  await toggle.click();
  await expect(page.getByTestId('home')).toContainText('欢迎来到杨浦滨江');
  await expect(page.getByTestId('exhibit-card-smile')).toContainText('微笑滨江');
  await expect(toggle).toHaveText('English');
});

test('the default language comes from the settings, and "start over" returns to it', async ({ page, host, openKiosk }) => {
  await host.updateSettings({ defaultLanguage: 'en' });
  await openKiosk();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('language-switch')).toHaveText('中文');
  await page.getByTestId('attract').click();
  await expect(page.getByTestId('home')).toContainText('Choose something to explore');
  await page.getByTestId('language-switch').click();
  await expect(page.getByTestId('home')).toContainText('请选择您想体验的项目');
  await page.getByTestId('restart').click();
  await expect(page.getByTestId('attract')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('language-switch')).toHaveText('中文');
});
