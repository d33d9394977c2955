import { localDateOf } from '../../../common/time';
import { outOfUseOn, withOutOfUse } from '../../../common/servicesStatus';
import type { Services } from '../services';
import type { Handlers } from './dispatcher';

/**
 * The services board's "out of use today" switches (common/servicesStatus.ts), merged into createHandlers.
 * "Today" is the kiosk's local day in its time zone (Settings), so a switch expires at local midnight.
 */
export function createServicesHandlers(s: Services): Pick<Handlers, 'getServicesStatus' | 'setServiceOutOfUse'> {
  const today = (): string => localDateOf(s.now(), s.settings.get().timeZone);
  return {
    getServicesStatus() {
      const day = today();
      return { day, outOfUse: outOfUseOn(s.exhibitConfig.get('services.outOfUse').value, day) };
    },
    setServiceOutOfUse(req) {
      const day = today();
      const next = withOutOfUse(s.exhibitConfig.get('services.outOfUse').value, day, req);
      s.exhibitConfig.set('services.outOfUse', next);
      s.log.info('services.out_of_use', { serviceId: req.serviceId, outOfUse: req.outOfUse });
      return { day, outOfUse: next.ids };
    },
  };
}
