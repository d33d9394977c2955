import { querySmileSummary } from '../smile/smileSummary';
import type { Services } from '../services';
import type { Handlers } from './dispatcher';

/** The smile meter's big-screen figures, merged into createHandlers. Read-only counts. */
export function createSmileSummaryHandlers(s: Services): Pick<Handlers, 'getSmileSummary'> {
  return {
    getSmileSummary() {
      return querySmileSummary(s.db, {
        now: s.now(),
        timeZone: s.settings.get().timeZone,
        settings: s.exhibitConfig.get('smile').value,
        status: s.smileStatus.view(),
      });
    },
  };
}
