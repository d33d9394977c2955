import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createServices, type Services } from '../../../../../node/kiosk/services';
import { createMemoryLogger } from '../../../../../node/kiosk/logger';
import { makeTempDir } from '../../../../fixtures/tempDir';

// 2026-03-14 23:30 in Shanghai (UTC+8) is 15:30 UTC; midnight there is 16:00 UTC.
const BEFORE_MIDNIGHT = Date.UTC(2026, 2, 14, 15, 30);
const AFTER_MIDNIGHT = Date.UTC(2026, 2, 14, 16, 0, 1);

let services: Services;
let cleanup: () => void;
let clock = BEFORE_MIDNIGHT;
beforeEach(() => {
  const t = makeTempDir();
  cleanup = t.cleanup;
  clock = BEFORE_MIDNIGHT;
  services = createServices({
    dataDir: join(t.dir, 'data'),
    appVersion: '9.9.9',
    runtime: 'web',
    log: createMemoryLogger(),
    now: () => clock,
  });
});
afterEach(() => {
  services.close();
  cleanup();
});

async function operatorToken(): Promise<string> {
  await services.pin.setInitial('2468');
  return services.sessions.open().token;
}

describe('services board channels', () => {
  it('lets any screen read the out-of-use services but only the operator switch one', async () => {
    const d = services.dispatcher;
    expect(await d.dispatch('getServicesStatus', { payload: {} })).toEqual({ ok: true, value: { day: '2026-03-14', outOfUse: [] } });
    expect(await d.dispatch('setServiceOutOfUse', { payload: { serviceId: 'nursing-room', outOfUse: true } })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });

    const token = await operatorToken();
    expect(
      await d.dispatch('setServiceOutOfUse', { payload: { serviceId: 'nursing-room', outOfUse: true }, operatorToken: token }),
    ).toEqual({ ok: true, value: { day: '2026-03-14', outOfUse: ['nursing-room'] } });
    await d.dispatch('setServiceOutOfUse', { payload: { serviceId: 'drinking-water', outOfUse: true }, operatorToken: token });
    await d.dispatch('setServiceOutOfUse', { payload: { serviceId: 'nursing-room', outOfUse: false }, operatorToken: token });
    expect(await d.dispatch('getServicesStatus', { payload: {} })).toEqual({
      ok: true,
      value: { day: '2026-03-14', outOfUse: ['drinking-water'] },
    });
  });

  it('forgets the switches at midnight in the kiosk time zone', async () => {
    const d = services.dispatcher;
    const token = await operatorToken();
    await d.dispatch('setServiceOutOfUse', { payload: { serviceId: 'nursing-room', outOfUse: true }, operatorToken: token });
    clock = AFTER_MIDNIGHT;
    expect(await d.dispatch('getServicesStatus', { payload: {} })).toEqual({ ok: true, value: { day: '2026-03-15', outOfUse: [] } });
    // A switch on the new day starts from nothing: yesterday's is not carried over (a new session: the old one timed out).
    const later = services.sessions.open().token;
    expect(await d.dispatch('setServiceOutOfUse', { payload: { serviceId: 'seats', outOfUse: true }, operatorToken: later })).toEqual({
      ok: true,
      value: { day: '2026-03-15', outOfUse: ['seats'] },
    });
  });

  it('refuses a malformed payload with BAD_REQUEST and stores nothing', async () => {
    const d = services.dispatcher;
    const token = await operatorToken();
    const bad = await d.dispatch('setServiceOutOfUse', { payload: { serviceId: '../etc', outOfUse: 'yes' }, operatorToken: token });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const paths = (bad as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['serviceId', 'outOfUse']));
    expect(await d.dispatch('getServicesStatus', { payload: {} })).toMatchObject({ ok: true, value: { outOfUse: [] } });
  });

  it('counts the board like every other metric', async () => {
    const d = services.dispatcher;
    expect(await d.dispatch('recordUsage', { payload: { metric: 'services.board_opened' } })).toEqual({
      ok: true,
      value: { recorded: true },
    });
  });
});
