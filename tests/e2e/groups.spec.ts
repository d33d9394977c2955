import { enterPin, expect, openOperatorPad, PIN, test } from './fixtures';

/** Guided group visits: logging a group from the console, counted on the dashboard. */

const ALL_DAY = { open: '00:00', close: '24:00' };

test.beforeEach(async ({ host }) => {
  await host.setPin();
  // Open at any hour: the page runs at the real time below, whenever the test runs.
  await host.updateSettings({
    openingHours: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY },
  });
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
