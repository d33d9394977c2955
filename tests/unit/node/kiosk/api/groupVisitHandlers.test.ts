import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServices, type Services } from '../../../../../node/kiosk/services';
import { createMemoryLogger } from '../../../../../node/kiosk/logger';
import { makeTempDir } from '../../../../fixtures/tempDir';

/** The committed demo pack, whose organisation types the kiosk then accepts. */
const DEMO_PACK = fileURLToPath(new URL('../../../../../resources/demo-pack', import.meta.url));
const NOW = Date.UTC(2026, 2, 18, 2, 30); // 10:30 in Shanghai

let services: Services;
let cleanup: () => void;
beforeEach(() => {
  const t = makeTempDir();
  cleanup = t.cleanup;
  services = createServices({
    dataDir: join(t.dir, 'data'),
    appVersion: '9.9.9',
    runtime: 'web',
    log: createMemoryLogger(),
    now: () => NOW,
    packs: { demoPackDir: DEMO_PACK, overrideDir: null },
    remotePackPollMs: 0,
  });
});
afterEach(() => {
  services.close();
  cleanup();
});

async function usageToday(token: string): Promise<Record<string, number>> {
  const r = await services.dispatcher.dispatch('getDashboard', { payload: { from: '2026-03-18', to: '2026-03-18' }, operatorToken: token });
  expect(r.ok, JSON.stringify(r)).toBe(true);
  return (r as unknown as { value: { current: { usage: Record<string, number> } } }).value.current.usage;
}

describe('logging a guided group', () => {
  it('counts one visit and the group size in the hour, and only for a signed-in operator', async () => {
    const d = services.dispatcher;
    expect(await d.dispatch('logGroupVisit', { payload: { people: 30 } })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    await services.pin.setInitial('2468');
    const { token } = services.sessions.open();
    expect(await d.dispatch('logGroupVisit', { payload: { people: 30 }, operatorToken: token })).toEqual({
      ok: true,
      value: { recorded: true },
    });
    expect(await d.dispatch('logGroupVisit', { payload: { people: 12 }, operatorToken: token })).toEqual({
      ok: true,
      value: { recorded: true },
    });
    expect(await usageToday(token)).toMatchObject({ 'groups.visits': 2, 'groups.people': 42 });
  });

  it('takes an organisation type only from the active pack, and refuses a bad size; nothing is counted then', async () => {
    await services.pin.setInitial('2468');
    const { token } = services.sessions.open();
    const d = services.dispatcher;
    expect(await d.dispatch('logGroupVisit', { payload: { people: 8, organisationType: 'school' }, operatorToken: token })).toMatchObject({
      ok: true,
    });
    const unknown = await d.dispatch('logGroupVisit', { payload: { people: 8, organisationType: 'secret-club' }, operatorToken: token });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', issues: [{ path: 'organisationType' }] } });
    const bad = await d.dispatch('logGroupVisit', { payload: { people: 0, name: 'Zhang San' }, operatorToken: token });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const usage = await usageToday(token);
    expect(usage).toMatchObject({ 'groups.visits': 1, 'groups.people': 8 });
  });
});

describe('the guide role', () => {
  it('the operator sets the guide PIN; a guide session logs groups but cannot reach settings', async () => {
    const d = services.dispatcher;
    await services.pin.setInitial('2468');
    expect((await d.dispatch('getKioskState', { payload: {} })) as unknown).toMatchObject({ ok: true, value: { guidePinSet: false } });
    expect(await d.dispatch('setGuidePin', { payload: { pin: '1357' } })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const operator = services.sessions.open();
    expect(await d.dispatch('setGuidePin', { payload: { pin: '1357' }, operatorToken: operator.token })).toEqual({ ok: true, value: {} });
    expect((await d.dispatch('getKioskState', { payload: {} })) as unknown).toMatchObject({ ok: true, value: { guidePinSet: true } });

    expect(await d.dispatch('unlockGuide', { payload: { pin: '2468' } })).toMatchObject({ ok: false, error: { code: 'PIN_WRONG' } });
    const unlocked = await d.dispatch('unlockGuide', { payload: { pin: '1357' } });
    expect(unlocked.ok).toBe(true);
    const token = (unlocked as { value: { token: string } }).value.token;
    expect(await d.dispatch('logGroupVisit', { payload: { people: 25, organisationType: 'school' }, operatorToken: token })).toEqual({
      ok: true,
      value: { recorded: true },
    });
    for (const method of ['getSettings', 'getDashboard', 'setGuidePin', 'updateSettings']) {
      const payload =
        method === 'getDashboard' ? { from: '2026-03-18', to: '2026-03-18' } : method === 'setGuidePin' ? { pin: '9999' } : {};
      expect(await d.dispatch(method, { payload, operatorToken: token }), method).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHORIZED' },
      });
    }
    expect(await usageToday(operator.token)).toMatchObject({ 'groups.visits': 1, 'groups.people': 25 });
    expect(await d.dispatch('lockGuide', { payload: {}, operatorToken: token })).toEqual({ ok: true, value: {} });
    expect(await d.dispatch('logGroupVisit', { payload: { people: 3 }, operatorToken: token })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });
  });

  it("the operator signing in clears the guide PIN's wrong attempts (the pad tries the guide PIN first)", async () => {
    const d = services.dispatcher;
    await services.pin.setInitial('2468');
    await services.guidePin.set('1357');
    for (let i = 0; i < 4; i += 1)
      expect(await d.dispatch('unlockGuide', { payload: { pin: '2468' } })).toMatchObject({ error: { code: 'PIN_WRONG' } });
    expect(await d.dispatch('unlockOperator', { payload: { pin: '2468' } })).toMatchObject({ ok: true });
    expect(await d.dispatch('unlockGuide', { payload: { pin: '0000' } })).toMatchObject({ error: { code: 'PIN_WRONG', attemptsLeft: 4 } });
  });
});

describe("the guide's phone remote channels", () => {
  it('pairs through the running take-away server, and refuses with a reason when it is not running', async () => {
    const d = services.dispatcher;
    const { token } = services.sessions.open('guide');
    expect(await d.dispatch('startGuideRemote', { payload: {} })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const off = await d.dispatch('startGuideRemote', { payload: {}, operatorToken: token });
    expect(off).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('take-away server') } });

    await services.postcards.startTakeaway({ host: '127.0.0.1', port: 0 });
    try {
      const r = await d.dispatch('startGuideRemote', { payload: {}, operatorToken: token });
      expect(r.ok, JSON.stringify(r)).toBe(true);
      const { url, qrPngDataUrl, expiresAt } = (r as unknown as { value: { url: string; qrPngDataUrl: string; expiresAt: number } }).value;
      expect(url).toMatch(/^http:\/\/[^/]+\/g\/p\/[A-Za-z0-9_-]{43}$/);
      expect(qrPngDataUrl).toMatch(/^data:image\/png;base64,/);
      expect(expiresAt).toBe(NOW + 120_000);
      const phoneToken = services.guideRemote.pair(url.split('/').at(-1)!)!;
      services.guideRemote.command(phoneToken, { kind: 'next' });
      expect(await d.dispatch('syncGuideRemote', { payload: { lessonId: 'wharf-1919', stepIndex: 0 }, operatorToken: token })).toEqual({
        ok: true,
        value: { paired: true, commands: [{ kind: 'next' }] },
      });
      // Signing the guide out lets the phone go.
      await d.dispatch('lockGuide', { payload: {}, operatorToken: token });
      expect(services.guideRemote.phone(phoneToken)).toBeNull();
    } finally {
      await services.postcards.stopTakeaway();
    }
  });
});
