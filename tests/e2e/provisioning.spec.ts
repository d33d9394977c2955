import { writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { enterPin, expect, openOperatorPad, test } from './fixtures';

const ONE_TIME_PIN = '90817263';

test('a provisioned kiosk: no first-start screen; the one-time PIN opens only the PIN change, then the console', async ({
  page,
  host,
  openKiosk,
}) => {
  test.slow(); // several scrypt hashes on a shared CI machine
  writeFileSync(
    join(host.dataDir, 'provisioning.json'),
    JSON.stringify({
      format: 1,
      stationId: 'yangpu-riverside',
      kioskId: 'entrance-history',
      kioskName: '入口屏 · entrance screen',
      operatorPin: { oneTimePin: ONE_TIME_PIN },
      upload: null,
      timeZone: 'Asia/Shanghai',
      profile: null,
      serverPublicKey: null,
    }),
  );
  await host.restart();
  expect(existsSync(join(host.dataDir, 'provisioning.json'))).toBe(false);
  expect((await host.api('setupPin', { pin: '1234' })).error?.code).toBe('FORBIDDEN');

  await openKiosk();
  await expect(page.getByTestId('attract')).toBeVisible();
  await openOperatorPad(page);
  await enterPin(page, ONE_TIME_PIN);
  const mustChange = page.getByTestId('must-change-pin');
  await expect(mustChange).toBeVisible();
  await expect(page.getByTestId('settings-save')).toHaveCount(0);
  await enterPin(page, ONE_TIME_PIN);
  await enterPin(page, '5724');
  await enterPin(page, '5724');
  await expect(mustChange).toHaveCount(0);
  await expect(page.getByTestId('settings-save')).toBeVisible();
  expect((await host.api('unlockOperator', { pin: '5724' })).value).toMatchObject({ mustChangePin: false });
});
