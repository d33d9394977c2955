import { enterPin, expect, openOperatorPad, PIN, tap, test, type KioskHost } from './fixtures';

/** The services board (便民服务) of the demo pack, as a visitor and an operator use it. */

test.beforeEach(async ({ host }) => {
  await host.setPin();
});

async function usage(host: KioskHost): Promise<Record<string, number>> {
  const session = await host.api('unlockOperator', { pin: PIN });
  const token = (session.value as { token: string }).token;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const r = await host.api('getDashboard', { from: today, to: today }, token);
  expect(r.ok, JSON.stringify(r)).toBe(true);
  return (r.value as { current: { usage: Record<string, number> } }).current.usage;
}

test('the attract corner opens the board; the circle lists nearby points nearest first; idle brings the attract screen back', async ({
  page,
  host,
  openKiosk,
}) => {
  await openKiosk();
  await expect(page.getByTestId('attract')).toBeVisible();
  const corner = page.getByTestId('services-corner');
  await expect(corner).toHaveText('便民服务');
  // Large enough for an elderly visitor's finger, and a corner, not a takeover.
  const box = (await corner.boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(box.height).toBeGreaterThanOrEqual(80);
  expect(box.width * box.height).toBeLessThan(viewport.width * viewport.height * 0.05);
  await tap(page, corner);

  const board = page.getByTestId('services-board');
  await expect(board).toBeVisible();
  await expect(page.getByTestId('home')).toBeHidden();
  await expect(board.locator('[data-testid^="service-"]')).toHaveCount(7);
  await expect(page.getByTestId('service-nursing-room')).toContainText('母婴室');
  await expect(page.getByTestId('service-nursing-room')).toContainText('开放时间');
  // Every icon is a real picture from the pack.
  await expect
    .poll(() => board.locator('img').evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth > 0).length))
    .toBe(7);

  await page.getByTestId('language-switch').click();
  await expect(page.getByTestId('service-nursing-room')).toContainText('Nursing room');
  await page.getByTestId('language-switch').click();

  await tap(page, page.getByTestId('services-open-circle'));
  await expect(page.getByTestId('services-circle')).toBeVisible();
  await expect(page.getByTestId('circle-walk').first()).toHaveText('步行 3 分钟');
  await expect(page.getByTestId('circle-walk').last()).toHaveText('步行 14 分钟');

  // No one touches the screen: the idle timeout (90 s + 10 s) returns to the attract screen.
  await page.clock.fastForward(91_000);
  await expect(page.getByTestId('idle-overlay')).toBeVisible();
  await page.clock.fastForward(10_500);
  await expect(page.getByTestId('attract')).toBeVisible();

  const counted = await usage(host);
  expect(counted['services.board_opened']).toBe(1);
  expect(counted['services.circle_opened']).toBe(1);
  // Opening the board from the attract screen is not the start of a visit to the exhibits.
  expect(counted['session.started'] ?? 0).toBe(0);
});

test('the operator marks the nursing room out of use for today; the board greys it from the home menu', async ({
  page,
  host,
  openKiosk,
}) => {
  await openKiosk();
  await openOperatorPad(page);
  await enterPin(page, PIN);
  await expect(page.getByTestId('operator-settings')).toBeVisible();
  await page.getByTestId('tab-exhibits').click();
  const toggle = page.getByTestId('services-toggle-nursing-room');
  await expect(toggle).toHaveAttribute('aria-checked', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-checked', 'true');
  await page.getByTestId('settings-exit').click();

  // Stored by the services, per kiosk, for today in the kiosk's time zone.
  const status = await host.api('getServicesStatus', {});
  expect(status.value).toMatchObject({ outOfUse: ['nursing-room'] });

  await expect(page.getByTestId('attract')).toBeVisible();
  await page.getByTestId('attract').click();
  await expect(page.getByTestId('home')).toBeVisible();
  await tap(page, page.getByTestId('services-corner'));
  await expect(page.getByTestId('service-nursing-room').getByTestId('service-out-of-use')).toHaveText('今日暂停服务');
  await expect(page.getByTestId('service-drinking-water').getByTestId('service-out-of-use')).toHaveCount(0);
  await tap(page, page.getByTestId('services-back'));
  await expect(page.getByTestId('home')).toBeVisible();

  // A visitor's page cannot switch a service: the channel wants the operator's token.
  const refused = await host.api('setServiceOutOfUse', { serviceId: 'seats', outOfUse: true });
  expect(refused.ok).toBe(false);
  expect(refused.error?.code).toBe('UNAUTHORIZED');
});
