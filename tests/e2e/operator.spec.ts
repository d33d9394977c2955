import { enterPin, expect, openOperatorPad, PIN, shot, test } from './fixtures';

test('first start asks for a new PIN (twice), then opens the settings signed in', async ({ page, host, openKiosk }) => {
  await openKiosk();
  const setup = page.getByTestId('setup');
  await expect(setup).toBeVisible();
  await expect(page.getByTestId('attract')).toBeHidden();
  await expect(page.getByTestId('language-switch')).toBeVisible();

  // Too short: the confirm key stays off until 4 digits.
  await enterPinDigits(page, '135');
  await expect(page.getByTestId('pin-submit')).toBeDisabled();
  await page.getByTestId('pin-delete').click();
  await page.getByTestId('pin-delete').click();
  await page.getByTestId('pin-delete').click();

  await enterPin(page, '1357');
  await expect(page.getByTestId('setup-step')).toHaveText('请再次输入新密码');
  await shot(page, 'setup-landscape');
  await enterPin(page, '1358');
  await expect(page.getByTestId('setup-error')).toHaveText('两次输入的密码不一致，请重新设置');
  await expect(page.getByTestId('setup-step')).toHaveText('请输入新密码');

  await enterPin(page, '1357');
  await enterPin(page, '1357');
  await expect(page.getByTestId('operator-settings')).toBeVisible();
  expect((await host.api('unlockOperator', { pin: '1357' })).ok).toBe(true);

  await page.getByTestId('settings-exit').click();
  await expect(page.getByTestId('attract')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('attract')).toBeVisible();
});

test('five wrong PINs lock the pad and show the time left', async ({ page, host, openKiosk, consoleGuard }) => {
  test.slow(); // seven scrypt checks on a shared CI machine
  // Chromium logs the HTTP status of every refused PIN (403 wrong, 429 locked) as a console error.
  consoleGuard.allow(/status of 403 .*\/api\/unlockOperator/, /status of 429 .*\/api\/unlockOperator/);
  await host.setPin();
  await openKiosk();
  await openOperatorPad(page);
  await enterPin(page, '0000');
  await expect(page.getByTestId('pin-wrong')).toHaveText('密码错误，还可尝试 4 次');
  // The next tries on a hardware keyboard (the pad accepts one), which keeps this test quick.
  for (let left = 3; left >= 1; left -= 1) {
    await page.keyboard.type('0000');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('pin-wrong')).toHaveText(`密码错误，还可尝试 ${left} 次`);
  }
  await page.keyboard.type('0000');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('pin-locked')).toContainText(/已锁定。请在 [45] 分 \d+ 秒后重试/);
  await expect(page.getByTestId('pin-submit')).toBeDisabled();
  await expect(page.getByRole('button', { name: '数字 1' })).toBeDisabled();

  // Closing and reopening the pad does not get around the lock: the services keep it.
  await page.getByTestId('unlock-cancel').click();
  await openOperatorPad(page);
  await enterPin(page, PIN);
  await expect(page.getByTestId('pin-locked')).toBeVisible();
  await expect(page.getByTestId('operator-settings')).toBeHidden();
});

test('the right PIN opens the settings; a change persists across a restart of the web host', async ({ page, host, openKiosk }) => {
  await host.setPin();
  await openKiosk();
  await openOperatorPad(page);
  await enterPin(page, PIN);
  const settings = page.getByTestId('operator-settings');
  await expect(settings).toBeVisible();
  await expect(page.getByTestId('language-switch')).toBeVisible();
  // The operator token (43 base64url characters) lives in memory only, never in web storage.
  const stored = await page.evaluate(() => [...Object.entries(localStorage), ...Object.entries(sessionStorage)]);
  expect(stored.filter(([k, v]) => /token|operator/i.test(k) || (v !== host.secret && /[A-Za-z0-9_-]{40,}/.test(v)))).toEqual([]);

  await page.getByTestId('profile-smile').click();
  await expect(page.getByTestId('profile-smile')).toHaveAttribute('aria-checked', 'false');
  await page.getByTestId('idle-timeout').getByTestId('stepper-up').click();
  await expect(page.getByTestId('idle-timeout').getByTestId('stepper-value')).toHaveText('105');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-status')).toHaveText('设置已保存');

  await host.restart();
  const state = await host.api('getKioskState', {});
  expect(state.value).toMatchObject({ exhibits: ['history', 'panorama', 'postcard'], idleTimeoutSeconds: 105 });

  await page.goto(await host.launchUrl());
  await page.getByTestId('attract').click();
  await expect(page.locator('[data-testid^="exhibit-card-"]')).toHaveCount(3);
  await expect(page.getByTestId('exhibit-card-smile')).toHaveCount(0);
});

test('a bad value is shown next to its field, and nothing is saved', async ({ page, host, openKiosk, consoleGuard }) => {
  consoleGuard.allow(/status of 400 .*\/api\/updateSettings/);
  await host.setPin();
  await openKiosk();
  await openOperatorPad(page);
  await enterPin(page, PIN);
  const monday = page.getByTestId('hours-mon');
  await monday.getByTestId('day-opens').selectOption('12:00');
  await monday.getByTestId('day-closes').selectOption('11:00');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-status')).toHaveText('保存失败，请检查标出的项目');
  await expect(page.getByTestId('error-hours-mon')).toHaveText('关门时间需晚于开门时间');
  const state = await host.api('getKioskState', {});
  expect((state.value as { openingHours: { mon: unknown } }).openingHours.mon).toEqual({ open: '10:00', close: '20:00' });

  // Switching the language translates the field error too.
  await page.getByTestId('language-switch').click();
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('error-hours-mon')).toHaveText('The closing time must be after the opening time');
});

test('changing the PIN works, and the old PIN stops working', async ({ page, host, openKiosk, consoleGuard }) => {
  test.slow(); // several scrypt hashes on a shared CI machine
  consoleGuard.allow(/status of 403 .*\/api\/changePin/);
  await host.setPin();
  await openKiosk();
  await openOperatorPad(page);
  await enterPin(page, PIN);
  const section = page.getByTestId('settings-pin');
  await expect(section.getByTestId('pin-change-step')).toHaveText('当前密码');

  // A wrong current PIN is refused.
  await enterPin(page, '9999');
  await enterPin(page, '1111');
  await enterPin(page, '1111');
  await expect(section.getByTestId('pin-change-message')).toContainText('密码错误');

  await enterPin(page, PIN);
  await expect(section.getByTestId('pin-change-step')).toHaveText('新密码');
  await enterPin(page, '112233');
  await expect(section.getByTestId('pin-change-step')).toHaveText('再次输入新密码');
  await enterPin(page, '112233');
  await expect(section.getByTestId('pin-change-message')).toHaveText('密码已修改');

  await page.getByTestId('settings-exit').click();
  await expect(page.getByTestId('attract')).toBeVisible();
  expect((await host.api('unlockOperator', { pin: PIN })).error?.code).toBe('PIN_WRONG');
  expect((await host.api('unlockOperator', { pin: '112233' })).ok).toBe(true);
});

async function enterPinDigits(page: import('@playwright/test').Page, digits: string): Promise<void> {
  for (const d of digits) await page.getByRole('button', { name: `数字 ${d}` }).click();
}

test('settings left open in public lock themselves after the idle timeout', async ({ page, host, openKiosk }) => {
  await host.setPin();
  await openKiosk();
  await openOperatorPad(page);
  await enterPin(page, PIN);
  await expect(page.getByTestId('operator-settings')).toBeVisible();
  await page.getByTestId('language-switch').click();

  await page.clock.fastForward(91_000);
  await expect(page.getByTestId('idle-overlay')).toBeVisible();
  await page.clock.fastForward(11_000);
  await expect(page.getByTestId('attract')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  // Signed out: the way back in is the PIN again.
  await openOperatorPad(page);
  await expect(page.getByTestId('operator-settings')).toBeHidden();
});
