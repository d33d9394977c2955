import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { POSTCARD_SETTINGS_DEFAULT } from '../../../../../common/postcardSettings';
import { createMemoryLogger } from '../../../../../node/kiosk/logger';
import { createServices, type Services } from '../../../../../node/kiosk/services';
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
  services.exhibitConfig.set('postcard', {
    ...POSTCARD_SETTINGS_DEFAULT,
    takeaway: { ...POSTCARD_SETTINGS_DEFAULT.takeaway, interface: '127.0.0.1', ...t },
  });

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
    const again = createServices({
      dataDir: join(services.paths.root, 'second'),
      appVersion: '9.9.9',
      runtime: 'web',
      log: createMemoryLogger(),
    });
    try {
      await expect(again.postcards.startTakeaway({ host: '127.0.0.1', port: first?.port })).rejects.toThrow(
        /cannot listen on 127\.0\.0\.1:\d+: EADDRINUSE/,
      );
    } finally {
      again.close();
    }
  });

  it('a turned-off take-away or an interface that does not exist: a clear status (also in health), and printing still works', async () => {
    const p = services.postcards;
    takeaway({ enabled: false });
    expect(await p.startTakeaway({ port: 0 })).toBeNull();
    expect(p.takeawayStatus()).toEqual({ state: 'off', url: null, publicBaseUrl: null, error: null });
    expect(services.health.get().postcardTakeaway?.state).toBe('off');

    takeaway({ interface: 'nosuch0' });
    await expect(p.startTakeaway({ port: 0 })).rejects.toThrow(/no network interface named "nosuch0"/);
    expect(p.takeawayStatus()).toMatchObject({
      state: 'failed',
      url: null,
      error: expect.stringMatching(/no network interface named "nosuch0"/),
    });
    expect(services.health.get().postcardTakeaway).toMatchObject({ state: 'failed' });
    const link = await p.save({ bytes: makeJpeg(300, 200), mime: 'image/jpeg' });
    expect(link).toMatchObject({ url: null, online: false });
    const job = p.queue.enqueue(link.token);
    await p.queue.idle();
    expect(p.queue.get(job.id)).toMatchObject({ status: 'done', output: expect.stringMatching(/\.pdf$/) });

    // The operator fixes the interface: the saved settings restart the server.
    takeaway({ interface: '127.0.0.1' });
    const running = await p.restartTakeaway();
    expect(p.takeawayStatus()).toEqual({ state: 'listening', url: running?.url, publicBaseUrl: running?.url, error: null });
  });

  it('restarts only for a shell that started it, and only when the take-away settings changed', async () => {
    const p = services.postcards;
    expect(await p.restartTakeaway()).toBeNull();
    expect(p.takeaway).toBeNull();
    expect(p.takeawayStatus().state).toBe('stopped');
    const first = await p.startTakeaway({ port: 0 });
    services.exhibitConfig.set('postcard', { ...services.exhibitConfig.get('postcard').value, expiryHours: 2, printLimit: 5 });
    expect(await p.restartTakeaway()).toBe(first);
    await p.stopTakeaway();
    takeaway({ port: 9999 });
    expect(await p.restartTakeaway()).toBeNull();
  });

  it("saving the 'postcard' exhibit config through the contract applies a new take-away setting at once", async () => {
    await services.pin.setInitial('2468');
    const operatorToken = services.sessions.open().token;
    const p = services.postcards;
    const first = await p.startTakeaway({ port: 0 });
    const value = {
      ...POSTCARD_SETTINGS_DEFAULT,
      takeaway: { ...POSTCARD_SETTINGS_DEFAULT.takeaway, interface: '127.0.0.1', publicBaseUrl: 'https://wifi.example.cn' },
    };
    const r = await services.dispatcher.dispatch('setExhibitConfig', { payload: { key: 'postcard', value }, operatorToken });
    expect(r.ok).toBe(true);
    expect(p.takeaway).not.toBe(first);
    expect(p.takeawayStatus()).toMatchObject({ state: 'listening', publicBaseUrl: 'https://wifi.example.cn' });
    const status = await services.dispatcher.dispatch('getTakeawayStatus', { payload: {}, operatorToken });
    expect(status).toMatchObject({ ok: true, value: { state: 'listening', publicBaseUrl: 'https://wifi.example.cn' } });
    // Turned off from the operator screen: the server stops, the settings are saved.
    const off = await services.dispatcher.dispatch('setExhibitConfig', {
      payload: { key: 'postcard', value: { ...value, takeaway: { ...value.takeaway, enabled: false } } },
      operatorToken,
    });
    expect(off.ok).toBe(true);
    expect(p.takeaway).toBeNull();
    expect(p.takeawayStatus().state).toBe('off');
  });

  it('lists printers where the printer can, and says why not where it cannot', async () => {
    expect(await services.postcards.listPrinters()).toEqual({ printers: [], note: 'the pdf printer cannot list printers' });
    services.postcards.setPrinter({
      kind: 'broken',
      print: async () => ({}),
      printers: async () => {
        throw new Error('lpstat hung');
      },
    });
    expect(await services.postcards.listPrinters()).toEqual({ printers: [], note: 'the printers could not be listed: lpstat hung' });
  });

  it('counts postcard.printed once per page that came out of a visitor card: not test pages, not failed pages', async () => {
    const p = services.postcards;
    const printed = () => services.counter.totals(0, Number.MAX_SAFE_INTEGER)['postcard.printed'] ?? 0;
    const link = await p.save({ bytes: makeJpeg(300, 200), mime: 'image/jpeg' });
    p.queue.enqueue(link.token);
    p.queue.enqueueTest();
    await p.queue.idle();
    expect(printed()).toBe(1);
    p.setPrinter({
      kind: 'jammed',
      print: async () => {
        throw new Error('Out of paper');
      },
    });
    const failed = p.queue.enqueue(link.token);
    await p.queue.idle();
    expect(p.queue.get(failed.id)).toMatchObject({ status: 'failed', reason: 'paper_out' });
    expect(printed()).toBe(1);
    // The failed page was given back: the limit of 2 still allows one more.
    p.setPrinter({ kind: 'ok', print: async () => ({}) });
    p.queue.enqueue(link.token);
    await p.queue.idle();
    expect(printed()).toBe(2);
    expect(() => p.queue.enqueue(link.token)).toThrow(/limit|prints/i);
    expect(printed()).toBe(2);
  });
});
