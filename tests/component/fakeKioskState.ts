import type { KioskState, MethodName } from '../../common/contract';
import { DEFAULT_OPENING_HOURS } from '../../common/openingHours';
import { installKioskClient } from '../../src/api/client';
import { createKioskClient } from '../../src/api/kioskClient';

/**
 * A kiosk behind the real typed client (request and response schemas checked), with a scripted
 * transport: answers getKioskState from `state`, records every call. For screens that need more
 * methods answered, tests/fixtures/packs/fakeKiosk.ts's installFakeKiosk takes one answer per method.
 */
export function installFakeKioskState(patch: Partial<KioskState> = {}) {
  const state: KioskState = {
    appVersion: '0.0.0-test',
    runtime: 'web',
    stationId: 'yangpu-qinhuangdao-rd',
    kioskId: 'kiosk-test',
    exhibits: ['history', 'panorama', 'postcard', 'smile'],
    defaultLanguage: 'zh-CN',
    idleTimeoutSeconds: 90,
    idleCountdownSeconds: 10,
    openingHours: DEFAULT_OPENING_HOURS,
    timeZone: 'Asia/Shanghai',
    pinSet: true,
    setupPinAllowed: false,
    now: Date.now(),
    guidePinSet: false,
    ...patch,
  };
  const calls: { method: MethodName; payload: unknown }[] = [];
  installKioskClient(
    createKioskClient(async (method, payload) => {
      calls.push({ method, payload });
      if (method === 'getKioskState') return { ok: true, value: state };
      if (method === 'recordUsage') return { ok: true, value: { recorded: true } };
      return { ok: false, error: { code: 'INTERNAL', message: `not scripted: ${method}` } };
    }),
  );
  return {
    state,
    calls,
    metrics: () => calls.filter((c) => c.method === 'recordUsage').map((c) => (c.payload as { metric: string }).metric),
  };
}
