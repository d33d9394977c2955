import { ALWAYS_OPEN, enterPin, expect, openOperatorPad, PIN, test } from './fixtures';

/** Guided group visits: logging a group from the console, counted on the dashboard. */

test.beforeEach(async ({ host }) => {
  await host.setPin();
  // Open at any hour: the page runs at the real time below, whenever the test runs.
  await host.updateSettings({ openingHours: ALWAYS_OPEN });
});

test('the operator logs a school group of 32; the dashboard counts one group and 32 people today', async ({ page, host, openKiosk }) => {
  // The page's clock at the real time, as in dashboard.spec: the dashboard's "today" must be the day the services count in.
  await openKiosk({ time: Date.now() });
  await openOperatorPad(page);
  await enterPin(page, PIN);
  await expect(page.getByTestId('operator-settings')).toBeVisible();
  await page.getByTestId('tab-exhibits').click();

  const log = page.getByTestId('group-log');
  await expect(log).toBeVisible();
  // The demo pack's organisation types, in the console's language.
  await expect(log.getByTestId('group-type-school')).toHaveText('学校');
  for (let i = 0; i < 12; i++) await log.getByTestId('stepper-up').click();
  await expect(log.getByTestId('stepper-value')).toHaveText('32');
  await log.getByTestId('group-type-school').click();
  await log.getByTestId('group-log-submit').click();
  await expect(log.getByTestId('group-logged')).toContainText('32');

  await page.getByTestId('tab-dashboard').click();
  await expect(page.getByTestId('usage-groups.visits')).toContainText('团队参观（批次）');
  await expect(page.getByTestId('usage-groups.visits')).toContainText('1');
  await expect(page.getByTestId('usage-groups.people')).toContainText('32');

  // A visitor's page cannot log a group, and a name is never accepted.
  expect((await host.api('logGroupVisit', { people: 5 })).error?.code).toBe('UNAUTHORIZED');
  const token = ((await host.api('unlockOperator', { pin: PIN })).value as { token: string }).token;
  expect((await host.api('logGroupVisit', { people: 5, name: 'Zhang San' }, token)).error?.code).toBe('BAD_REQUEST');
});

test('the operator sets a guide PIN; the guide signs in with it and runs the demo lesson step by step, the idle reset held off', async ({
  page,
  host,
  openKiosk,
}) => {
  const GUIDE_PIN = '2468';
  await openKiosk({ time: Date.now() });
  await openOperatorPad(page);
  // Before a guide PIN exists the pad asks for nothing but the operator's PIN.
  await expect(page.getByTestId('unlock-role-guide')).toHaveCount(0);
  await enterPin(page, PIN);
  await page.getByTestId('tab-exhibits').click();
  const pinSection = page.getByTestId('settings-guide-pin');
  await expect(pinSection).toContainText('尚未设置讲解员密码');
  await enterPin(pinSection.page(), GUIDE_PIN);
  await enterPin(pinSection.page(), GUIDE_PIN);
  await expect(pinSection.getByTestId('guide-pin-message')).toHaveText('讲解员密码已保存。');
  await page.getByTestId('settings-exit').click();

  // The guide PIN opens guide mode, never the console; the operator's PIN would not open guide mode.
  await openOperatorPad(page);
  await page.getByTestId('unlock-role-guide').click();
  await expect(page.getByRole('heading', { name: '讲解员登录' })).toBeVisible();
  await enterPin(page, GUIDE_PIN);
  const home = page.getByTestId('guide-home');
  await expect(home).toBeVisible();
  await expect(page.getByTestId('operator-settings')).toHaveCount(0);

  // The demo pack's one lesson is chosen already; the group is logged as the lesson starts.
  const plan = home.getByTestId('lesson-plan');
  await expect(plan.locator('ol li')).toHaveCount(7);
  for (let i = 0; i < 5; i++) await plan.getByTestId('stepper-up').click();
  await plan.getByTestId('group-type-school').click();
  await plan.getByTestId('group-log-submit').click();

  const bar = page.getByTestId('guide-bar');
  const reader = page.getByTestId('story-reader');
  await expect(bar.getByTestId('guide-step-count')).toHaveText('第 1 步，共 7 步');
  await expect(reader).toHaveAttribute('data-story', 'qinhuangdao-wharf');
  await expect(reader).toHaveAttribute('data-page', '0');
  // The notes are the guide's: folded until the guide opens them.
  await expect(bar.getByTestId('guide-notes')).toHaveCount(0);
  await bar.getByTestId('guide-notes-toggle').click();
  await expect(bar.getByTestId('guide-notes')).not.toBeEmpty();

  await bar.getByTestId('guide-next').click();
  await expect(reader).toHaveAttribute('data-page', '1');
  // Far past the kiosk's idle timeout (90 s) with nobody touching: the lesson stays, no countdown.
  await page.clock.fastForward(5 * 60_000);
  await expect(page.getByTestId('idle-overlay')).toHaveCount(0);
  await expect(bar.getByTestId('guide-step-count')).toHaveText('第 2 步，共 7 步');

  await bar.getByTestId('guide-next').click();
  await expect(page.getByTestId('panorama')).toHaveAttribute('data-node', 'qinhuangdao-wharf', { timeout: 30_000 });
  await expect(page.getByTestId('past-present')).toBeVisible();
  await bar.getByTestId('guide-next').click();
  await expect(reader).toHaveAttribute('data-page', '2');
  await bar.getByTestId('guide-prev').click();
  await expect(page.getByTestId('past-present')).toBeVisible();
  await bar.getByTestId('guide-next').click();
  await bar.getByTestId('guide-next').click();
  await expect(reader).toHaveAttribute('data-page', '3');
  await bar.getByTestId('guide-next').click();
  await expect(page.getByTestId('postcard')).toHaveAttribute('data-step', 'frames');
  await bar.getByTestId('guide-next').click();
  await expect(page.getByTestId('smile')).toBeVisible();
  await expect(bar.getByTestId('guide-next')).toHaveCount(0);
  await bar.getByTestId('guide-end').click();
  await expect(home).toBeVisible();
  await expect(page.getByTestId('guide-bar')).toHaveCount(0);

  // One group of 25 counted; the guide's session reaches no operator channel.
  const token = ((await host.api('unlockOperator', { pin: PIN })).value as { token: string }).token;
  // Yesterday to tomorrow in UTC covers today in the kiosk's own time zone, whatever the hour.
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const dashboard = (await host.api('getDashboard', { from: day(-1), to: day(1) }, token)).value as {
    current: { usage: Record<string, number> };
  };
  expect(dashboard.current.usage['groups.visits']).toBe(1);
  expect(dashboard.current.usage['groups.people']).toBe(25);
  const guideToken = ((await host.api('unlockGuide', { pin: GUIDE_PIN })).value as { token: string }).token;
  expect((await host.api('getDashboard', { from: day(-1), to: day(1) }, guideToken)).error?.code).toBe('UNAUTHORIZED');
  await home.getByTestId('guide-lock').click();
  await expect(page.locator('.kiosk')).toHaveAttribute('data-screen', 'routed');
  await expect(home).toHaveCount(0);
});

test("a guide's phone, paired with the QR link, steps the lesson on the kiosk; the link works once", async ({ page, host, openKiosk }) => {
  const GUIDE_PIN = '1357';
  const operatorToken = ((await host.api('unlockOperator', { pin: PIN })).value as { token: string }).token;
  expect((await host.api('setGuidePin', { pin: GUIDE_PIN }, operatorToken)).ok).toBe(true);
  await openKiosk({ time: Date.now() });
  await openOperatorPad(page);
  await page.getByTestId('unlock-role-guide').click();
  await enterPin(page, GUIDE_PIN);
  await page.getByTestId('lesson-plan').getByTestId('group-log-submit').click();
  const bar = page.getByTestId('guide-bar');
  await expect(bar.getByTestId('guide-step-count')).toHaveText('第 1 步，共 7 步');

  await bar.getByTestId('guide-phone').click();
  await expect(bar.getByTestId('guide-pairing-qr')).toBeVisible();
  const url = (await bar.getByTestId('guide-pairing-url').textContent())!.trim();
  expect(url).toMatch(/\/g\/p\/[A-Za-z0-9_-]{43}$/);

  // The phone: another browser page, phone-sized, on the take-away server.
  const phone = await page
    .context()
    .browser()!
    .newPage({ viewport: { width: 390, height: 844 } });
  try {
    await phone.goto(url);
    await phone.getByRole('button', { name: '连接 Connect' }).click();
    await expect(phone.locator('.count')).toContainText('第 1 步，共 7 步');
    await expect(phone.locator('.notes')).not.toBeEmpty();
    await expect(bar.getByTestId('guide-phone')).toHaveText('手机已连接');
    await expect(bar.getByTestId('guide-pairing')).toHaveCount(0);

    await phone.getByRole('button', { name: '下一步 ›' }).click();
    await expect(bar.getByTestId('guide-step-count')).toHaveText('第 2 步，共 7 步');
    await expect(page.getByTestId('story-reader')).toHaveAttribute('data-page', '1');
    // The phone follows the screen (it reloads itself every few seconds).
    await expect(phone.locator('.count')).toContainText('第 2 步，共 7 步', { timeout: 15_000 });
    await phone.locator('ol li').nth(5).getByRole('button').click();
    await expect(page.getByTestId('postcard')).toHaveAttribute('data-step', 'frames');
    await expect(bar.getByTestId('guide-step-count')).toHaveText('第 6 步，共 7 步');

    // The pairing link is spent.
    const again = await phone.goto(url);
    expect(again?.status()).toBe(404);
  } finally {
    await phone.close();
  }
});
