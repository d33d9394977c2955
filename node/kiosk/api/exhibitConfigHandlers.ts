import type { Services } from '../services';
import type { Handlers } from './dispatcher';

/** Per-kiosk exhibit settings (common/exhibitConfig.ts), merged into createHandlers. */
export function createExhibitConfigHandlers(s: Services): Pick<Handlers, 'getExhibitConfig' | 'setExhibitConfig'> {
  return {
    getExhibitConfig({ key }) {
      return s.exhibitConfig.get(key);
    },
    async setExhibitConfig({ key, value }) {
      const entry = s.exhibitConfig.set(key, value);
      // A new interface, port, public URL or on/off switch applies at once (a no-op if nothing of it changed);
      // a failure to listen shows in the take-away status, the settings stay saved.
      if (key === 'postcard') await s.postcards.restartTakeaway();
      return entry;
    },
  };
}
