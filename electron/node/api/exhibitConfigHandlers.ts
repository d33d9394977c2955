import type { Services } from '../services';
import type { Handlers } from './dispatcher';

/** Per-kiosk exhibit settings (common/exhibitConfig.ts), merged into createHandlers. */
export function createExhibitConfigHandlers(s: Services): Pick<Handlers, 'getExhibitConfig' | 'setExhibitConfig'> {
  return {
    getExhibitConfig({ key }) {
      return s.exhibitConfig.get(key);
    },
    setExhibitConfig({ key, value }) {
      return s.exhibitConfig.set(key, value);
    },
  };
}
