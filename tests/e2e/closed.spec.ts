import { expect, openOperatorPad, shot, test } from './fixtures';

test.beforeEach(async ({ host }) => {
  await host.setPin();
});

test("at 22:00 in Shanghai the closed screen shows the week's hours; the operator gesture still works", async ({ page, host }) => {
  await page.clock.setFixedTime('2026-03-18T22:00:00+08:00'); // a Wednesday
  await page.goto(await host.launchUrl());
  const closed = page.getByTestId('closed');
  await expect(closed).toBeVisible();
  await expect(page.getByTestId('attract')).toBeHidden();
  await expect(closed).toContainText('服务站暂未开放');
  await expect(page.getByTestId('closed-hours').locator('tr')).toHaveCount(7);
  await expect(page.getByTestId('closed-hours')).toContainText('10:00 – 20:00');
  await expect(page.getByTestId('closed-hours').locator('tr.today')).toContainText('星期三');
  await expect(page.getByTestId('closed-next')).toContainText('10:00');
  await expect(page.getByTestId('closed-next')).toContainText('星期四');
  await shot(page, 'closed-landscape');

  // A touch does not start a visit...
  await closed.click();
  await expect(closed).toBeVisible();
  // ...the language switch is there...
  await page.getByTestId('language-switch').click();
  await expect(closed).toContainText('The station is closed now');
  // ...and so is the operator entrance.
  await openOperatorPad(page);
});

test('open at 10:30; the kiosk closes at 20:00 sharp and opens at 10:00 with a running clock', async ({ page, host }) => {
  await page.clock.install({ time: '2026-03-18T10:30:00+08:00' });
  await page.goto(await host.launchUrl());
  await expect(page.getByTestId('attract')).toBeVisible();
  await expect(page.getByTestId('closed')).toBeHidden();

  // Mid-visit at 19:59:50: at 20:00 the visit ends on the closed screen.
  await page.clock.setSystemTime('2026-03-18T19:59:50+08:00');
  await page.getByTestId('attract').click();
  await expect(page.getByTestId('home')).toBeVisible();
  await page.clock.fastForward(31_000);
  await expect(page.getByTestId('closed')).toBeVisible();

  // The next morning at 09:59:40: open at 10:00.
  await page.clock.setSystemTime('2026-03-19T09:59:40+08:00');
  await page.clock.fastForward(31_000);
  await expect(page.getByTestId('attract')).toBeVisible();
});

test('a day marked closed shows as closed all day', async ({ page, host }) => {
  await host.updateSettings({
    openingHours: {
      mon: null,
      tue: { open: '09:00', close: '17:30' },
      wed: { open: '10:00', close: '20:00' },
      thu: { open: '10:00', close: '20:00' },
      fri: { open: '10:00', close: '20:00' },
      sat: { open: '10:00', close: '20:00' },
      sun: { open: '10:00', close: '20:00' },
    },
  });
  await page.clock.setFixedTime('2026-03-16T12:00:00+08:00'); // a Monday
  await page.goto(await host.launchUrl());
  await expect(page.getByTestId('closed')).toBeVisible();
  const rows = page.getByTestId('closed-hours').locator('tr');
  await expect(rows.nth(0)).toContainText('闭馆');
  await expect(rows.nth(1)).toContainText('09:00 – 17:30');
  await expect(page.getByTestId('closed-next')).toContainText('09:00');
});
