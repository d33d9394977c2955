import { contract, KioskError, METHOD_NAMES, type MethodName } from '../../../common/contract';
import type { Services } from '../services';
import type { Handlers } from './dispatcher';
import { createUploadHandlers } from './uploadHandlers';
import { createExhibitConfigHandlers } from './exhibitConfigHandlers';
import { createPostcardHandlers } from './postcardHandlers';
import { createPackHandlers } from './packHandlers';
import { createReportHandlers } from './reportHandlers';
import { createSmileStatusHandlers } from './smileStatusHandlers';
import { createSmileSummaryHandlers } from './smileSummaryHandlers';
import { createServicesHandlers } from './servicesHandlers';
import { createGroupVisitHandlers } from './groupVisitHandlers';

/** What an operator signed in with an installer's one-time PIN may do before choosing a PIN. */
const ALLOWED_BEFORE_PIN_CHANGE: ReadonlySet<MethodName> = new Set(['changePin', 'lockOperator']);

/**
 * While the PIN is an installer's one-time PIN, every other operator channel is refused: the console asks
 * for a new PIN first, and a caller that skips the console gets nothing more from the one-time PIN.
 */
function requirePinChange(s: Services, handlers: Handlers): Handlers {
  const out = { ...handlers } as Record<MethodName, (input: never, ctx: { operatorToken?: string }) => unknown>;
  for (const m of METHOD_NAMES) {
    if (contract[m].access !== 'operator' || ALLOWED_BEFORE_PIN_CHANGE.has(m)) continue;
    const inner = out[m];
    out[m] = (input, ctx) => {
      if (s.pin.mustChange()) {
        throw new KioskError({
          code: 'FORBIDDEN',
          reason: 'pin-change-required',
          message: 'choose a new operator PIN first (the one-time PIN must be changed)',
        });
      }
      return inner(input, ctx);
    };
  }
  return out as unknown as Handlers;
}

/** The behaviour behind every channel of the contract. Transport-free: IPC and HTTP share it. */
export function createHandlers(s: Services): Handlers {
  return requirePinChange(s, {
    ...createUploadHandlers(s),
    ...createExhibitConfigHandlers(s),
    ...createPostcardHandlers(s),
    ...createPackHandlers(s),
    ...createReportHandlers(s),
    ...createSmileStatusHandlers(s),
    ...createSmileSummaryHandlers(s),
    ...createServicesHandlers(s),
    ...createGroupVisitHandlers(s),
    getKioskState() {
      const st = s.settings.get();
      return {
        appVersion: s.appVersion,
        runtime: s.runtime,
        stationId: st.stationId,
        kioskId: st.kioskId,
        exhibits: st.exhibits,
        defaultLanguage: st.defaultLanguage,
        idleTimeoutSeconds: st.idleTimeoutSeconds,
        idleCountdownSeconds: st.idleCountdownSeconds,
        openingHours: st.openingHours,
        timeZone: st.timeZone,
        pinSet: s.pin.isSet(),
        setupPinAllowed: !s.pin.isSet() && s.provisioning.firstRunOpen(),
        now: s.now(),
        guidePinSet: s.guidePin.isSet(),
      };
    },
    recordUsage({ metric, amount }) {
      s.counter.record(metric, amount, s.now());
      return { recorded: true as const };
    },
    async setupPin({ pin }) {
      if (!s.provisioning.firstRunOpen()) {
        s.log.warn('operator.setup_pin_refused', { provisioned: s.provisioning.get() !== null });
        throw new KioskError({
          code: 'FORBIDDEN',
          reason: 'provisioning-required',
          message: 'this kiosk must be provisioned by its installer: npm run kioskctl -- provision <file>',
        });
      }
      await s.pin.setInitial(pin);
      return s.sessions.open();
    },
    async unlockOperator({ pin }) {
      if (!s.pin.isSet()) throw new KioskError({ code: 'PIN_NOT_SET', message: 'no operator PIN has been set yet' });
      await s.pin.verify(pin);
      // The pad tries the guide PIN first; the operator's own PIN must not count as a wrong guide PIN.
      s.guidePin.clearAttempts();
      s.log.info('operator.unlocked');
      return { ...s.sessions.open(), mustChangePin: s.pin.mustChange() };
    },
    lockOperator(_input, ctx) {
      s.sessions.close(ctx.operatorToken);
      return {};
    },
    getSettings() {
      return s.settings.get();
    },
    updateSettings(patch) {
      return s.settings.update(patch);
    },
    async changePin({ currentPin, newPin }) {
      await s.pin.change(currentPin, newPin);
      return {};
    },
  });
}
