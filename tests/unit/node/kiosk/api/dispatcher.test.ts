import { describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../../../../node/kiosk/api/dispatcher';
import { createMemoryLogger } from '../../../../../node/kiosk/logger';
import { KioskError } from '../../../../../common/contract';

function handlers(over: Partial<Record<keyof Handlers, unknown>> = {}): Handlers {
  const calls: unknown[] = [];
  const h = new Proxy({} as Record<string, unknown>, {
    get: (_t, name: string) =>
      (over as Record<string, unknown>)[name] ??
      ((input: unknown) => {
        calls.push([name, input]);
        if (name === 'recordUsage') return { recorded: true };
        return {};
      }),
  });
  return h as unknown as Handlers;
}

describe('dispatcher', () => {
  const log = createMemoryLogger();

  it('answers an unknown channel with a typed error, including prototype names', async () => {
    const d = createDispatcher(handlers(), () => false, log);
    for (const name of ['deleteEverything', '__proto__', 'constructor', 'toString']) {
      const r = await d.dispatch(name, { payload: {} });
      expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });

  it('rejects malformed envelopes and payloads with JSON paths, without calling the handler', async () => {
    let called = false;
    const d = createDispatcher(handlers({ recordUsage: () => ((called = true), { recorded: true }) }), () => false, log);
    expect(await d.dispatch('recordUsage', 'just a string')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await d.dispatch('recordUsage', { payload: {}, extra: 1 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const bad = await d.dispatch('recordUsage', { payload: { metric: 'session.started', amount: -3 } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', issues: [{ path: 'amount' }] } });
    expect(called).toBe(false);
  });

  it('fills defaults before the handler runs', async () => {
    let got: unknown;
    const d = createDispatcher(handlers({ recordUsage: (i: unknown) => ((got = i), { recorded: true }) }), () => false, log);
    expect(await d.dispatch('recordUsage', { payload: { metric: 'session.started' } })).toEqual({ ok: true, value: { recorded: true } });
    expect(got).toEqual({ metric: 'session.started', amount: 1 });
  });

  it('requires a live operator token for operator channels', async () => {
    const d = createDispatcher(handlers({ getSettings: () => ({}) }), (t) => t === 'good-token', log);
    expect(await d.dispatch('getSettings', { payload: {} })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await d.dispatch('getSettings', { payload: {}, operatorToken: 'bad' })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });
    // The token is right but the handler's response is not a Settings object: caught as BAD_RESPONSE, not passed on.
    expect(await d.dispatch('getSettings', { payload: {}, operatorToken: 'good-token' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_RESPONSE' },
    });
  });

  it('passes typed errors through and hides internal ones', async () => {
    const d = createDispatcher(
      handlers({
        unlockOperator: () => {
          throw new KioskError({ code: 'PIN_WRONG', message: 'wrong PIN', attemptsLeft: 3 });
        },
        recordUsage: () => {
          throw new Error('disk on fire at /secret/path');
        },
      }),
      () => false,
      log,
    );
    expect(await d.dispatch('unlockOperator', { payload: { pin: '1234' } })).toEqual({
      ok: false,
      error: { code: 'PIN_WRONG', message: 'wrong PIN', attemptsLeft: 3 },
    });
    const internal = await d.dispatch('recordUsage', { payload: { metric: 'session.started' } });
    expect(internal).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(internal)).not.toContain('/secret/path');
    expect(log.lines.some((l) => l.event === 'api.handler_failed')).toBe(true);
  });
});
