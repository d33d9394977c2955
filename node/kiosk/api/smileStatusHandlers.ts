import type { Services } from '../services';
import type { Handlers } from './dispatcher';

/** The smile meter's camera status (common/smileStatus.ts), merged into createHandlers. */
export function createSmileStatusHandlers(s: Services): Pick<Handlers, 'reportSmileStatus' | 'getSmileStatus'> {
  return {
    reportSmileStatus(report) {
      s.smileStatus.report(report);
      return { received: true as const };
    },
    getSmileStatus() {
      return s.smileStatus.view();
    },
  };
}
