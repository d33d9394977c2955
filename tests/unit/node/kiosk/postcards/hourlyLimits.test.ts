import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KioskError } from '../../../../../common/contract';
import { POSTCARD_SETTINGS_DEFAULT, PostcardSettingsSchema } from '../../../../../common/postcardSettings';
import { createMemoryLogger } from '../../../../../node/kiosk/logger';
import { createServices, type Services } from '../../../../../node/kiosk/services';
import { makeJpeg } from '../../../../fixtures/postcards/cardImages';
import { makeTempDir } from '../../../../fixtures/tempDir';

const HOUR = 3_600_000;
let services: Services;
let dataDir: string;
let cleanup: () => void;
let clock: number;
const open = () => createServices({ dataDir, appVersion: '9.9.9', runtime: 'web', log: createMemoryLogger(), now: () => clock });

beforeEach(() => {
  const t = makeTempDir();
  cleanup = t.cleanup;
  dataDir = join(t.dir, 'data');
  clock = Date.UTC(2026, 4, 1, 2, 10, 0); // 10:10 in Shanghai
  services = open();
  services.exhibitConfig.set('postcard', { ...POSTCARD_SETTINGS_DEFAULT, printLimit: 10, hourlyLimits: { cards: 3, prints: 2 } });
});
afterEach(() => {
  services.close();
  cleanup();
});

const card = () => services.postcards.save({ bytes: makeJpeg(300, 200), mime: 'image/jpeg' });
const refusal = async (p: Promise<unknown> | (() => unknown)): Promise<KioskError> => {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    return err as KioskError;
  }
  throw new Error('not refused');
};

describe('postcard hourly limits', () => {
  it('refuses the card after this hour’s limit with a typed error, and makes cards again the next hour', async () => {
    for (let i = 0; i < 3; i++) await card();
    const err = await refusal(card());
    expect(err).toBeInstanceOf(KioskError);
    expect(err.data).toMatchObject({ code: 'CONFLICT', reason: 'hourly_limit', retryAfterMs: 50 * 60_000 });
    expect(services.postcards.hourlyUsage()).toEqual({
      cards: { used: 3, limit: 3 },
      prints: { used: 0, limit: 2 },
      resetsAt: Date.UTC(2026, 4, 1, 3, 0, 0),
    });
    // The refused card was neither stored nor counted.
    expect(services.counter.totals(0, Number.MAX_SAFE_INTEGER)['postcard.made']).toBe(3);
    clock += 50 * 60_000; // 11:00: a new hour
    await expect(card()).resolves.toMatchObject({ token: expect.any(String) });
    expect(services.postcards.hourlyUsage().cards).toEqual({ used: 1, limit: 3 });
  });

  it('refuses a visitor print after this hour’s prints, whatever the card still allows', async () => {
    const link = await card();
    services.postcards.print(link.token);
    services.postcards.print(link.token);
    const err = await refusal(() => services.postcards.print(link.token));
    expect(err.data).toMatchObject({ code: 'CONFLICT', reason: 'hourly_limit' });
    expect(services.postcards.hourlyUsage().prints).toEqual({ used: 2, limit: 2 });
    // The operator's test print is not a visitor's and is never refused by it.
    expect(() => services.postcards.queue.enqueueTest()).not.toThrow();
    clock += HOUR;
    expect(() => services.postcards.print(link.token)).not.toThrow();
  });

  it('keeps the hour’s count of cards across a restart of the kiosk', async () => {
    await card();
    await card();
    services.close();
    services = open();
    expect(services.postcards.hourlyUsage().cards.used).toBe(2);
    await card();
    expect((await refusal(card())).data.reason).toBe('hourly_limit');
  });

  it('reads the limit live from the settings, and gives settings saved before the limits existed the defaults', async () => {
    for (let i = 0; i < 3; i++) await card();
    services.exhibitConfig.set('postcard', { ...POSTCARD_SETTINGS_DEFAULT, hourlyLimits: { cards: 4, prints: 2 } });
    await expect(card()).resolves.toBeDefined();
    const { hourlyLimits: _omitted, ...older } = POSTCARD_SETTINGS_DEFAULT;
    expect(PostcardSettingsSchema.parse(older).hourlyLimits).toEqual({ cards: 120, prints: 60 });
  });
});
