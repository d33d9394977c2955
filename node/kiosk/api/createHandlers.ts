import { KioskError } from '../../../common/contract';
import type { Services } from '../services';
import type { Handlers } from './dispatcher';
import { createUploadHandlers } from './uploadHandlers';
import { createExhibitConfigHandlers } from './exhibitConfigHandlers';
import { createPostcardHandlers } from './postcardHandlers';
import { createPackHandlers } from './packHandlers';
import { createReportHandlers } from './reportHandlers';
import { createSmileStatusHandlers } from './smileStatusHandlers';
import { createSmileSummaryHandlers } from './smileSummaryHandlers';

/** The behaviour behind every channel of the contract. Transport-free: IPC and HTTP share it. */
export function createHandlers(s: Services): Handlers {
  return {
    ...createUploadHandlers(s),
    ...createExhibitConfigHandlers(s),
    ...createPostcardHandlers(s),
    ...createPackHandlers(s),
    ...createReportHandlers(s),
    ...createSmileStatusHandlers(s),
    ...createSmileSummaryHandlers(s),
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
  };
}
