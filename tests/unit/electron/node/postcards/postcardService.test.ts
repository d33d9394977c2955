import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { POSTCARD_SETTINGS_DEFAULT } from '../../../../../common/postcardSettings';
import { createMemoryLogger } from '../../../../../electron/node/logger';
import { createServices, type Services } from '../../../../../electron/node/services';
import { makeJpeg } from '../../../../fixtures/postcards/cardImages';
import { phoneGet } from '../../../../fixtures/postcards/phoneClient';
import { makeTempDir } from '../../../../fixtures/tempDir';

let services: Services;
let cleanup: () => void;
beforeEach(() => {
  const t = makeTempDir();
  cleanup = t.cleanup;
  services = createServices({ dataDir: join(t.dir, 'data'), appVersion: '9.9.9', runtime: 'web', log: createMemoryLogger() });
});
afterEach(async () => {
  await services.postcards.stopTakeaway();
  services.close();
  cleanup();
});

const takeaway = (t: Partial<(typeof POSTCARD_SETTINGS_DEFAULT)['takeaway']>) =>
  services.exhibitConfig.set('postcard', { ...POSTCARD_SETTINGS_DEFAULT, takeaway: { ...POSTCARD_SETTINGS_DEFAULT.takeaway, interface: '127.0.0.1', ...t } });

describe('postcard service', () => {
  // Tests bind to loopback only (the default 'auto' would pick the machine's LAN address).
  beforeEach(() => takeaway({}));

  it('does not listen until a shell starts the take-away server; concurrent starts share one server', async () => {
    const p = services.postcards;
    expect(p.takeaway).toBeNull();
    const [a, b] = await Promise.all([p.startTakeaway({ port: 0 }), p.startTakeaway({ port: 0 })]);
    expect(a).not.toBeNull();
    expect(a).toBe(b);
    expect(a?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await p.stopTakeaway();
    await expect(phoneGet(`${a?.url}/c/${'x'.repeat(43)}`)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('restarts on new settings, and stays off when take-away is turned off', async () => {
    const p = services.postcards;
    const first = await p.startTakeaway({ port: 0 });
    const link = await p.save({ bytes: makeJpeg(300, 200), mime: 'image/jpeg' });
    expect(link.url).toBe(`${first?.url}/c/${link.token}`);
    takeaway({ publicBaseUrl: 'https://wifi.example.cn/k' });
    expect((await p.reserve()).url).toMatch(/^https:\/\/wifi\.example\.cn\/k\/c\//); // applies at once, no restart
    const second = await p.restartTakeaway();
    expect(second).not.toBe(first);
    expect((await phoneGet(`${second?.url}/c/${link.token}`)).status).toBe(200);
    takeaway({ enabled: false });
    expect(await p.restartTakeaway()).toBeNull();
    expect(p.takeaway).toBeNull();
    expect((await p.reserve()).online).toBe(false);
  });

  it('says which address is taken when the port is in use', async () => {
    const first = await services.postcards.startTakeaway({ port: 0 });
    const again = createServices({ dataDir: join(services.paths.root, 'second'), appVersion: '9.9.9', runtime: 'web', log: createMemoryLogger() });
    try {
      await expect(again.postcards.startTakeaway({ host: '127.0.0.1', port: first?.port })).rejects.toThrow(/cannot listen on 127\.0\.0\.1:\d+: EADDRINUSE/);
    } finally {
      again.close();
    }
  });
});
