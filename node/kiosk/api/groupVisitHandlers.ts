import { KioskError } from '../../../common/contract';
import { qrFor } from '../postcards/postcardService';
import type { Services } from '../services';
import type { Handlers } from './dispatcher';

/**
 * Logging a guided group (common/groupVisits.ts) and the guide role (its PIN and sessions), merged into createHandlers. The organisation
 * type must be one the active pack lists, so the counts and the log only ever hold the pack's own categories.
 */
export function createGroupVisitHandlers(
  s: Services,
): Pick<Handlers, 'logGroupVisit' | 'setGuidePin' | 'unlockGuide' | 'lockGuide' | 'startGuideRemote' | 'syncGuideRemote'> {
  return {
    logGroupVisit({ people, organisationType }) {
      if (organisationType !== undefined) {
        const types = s.packs.active()?.groups?.organisationTypes ?? [];
        if (!types.some((t) => t.id === organisationType)) {
          throw new KioskError({
            code: 'BAD_REQUEST',
            message: `"${organisationType}" is not an organisation type of the active content pack`,
            issues: [{ path: 'organisationType', message: "not in the pack's groups.organisationTypes" }],
          });
        }
      }
      const at = s.now();
      s.counter.record('groups.visits', 1, at);
      s.counter.record('groups.people', people, at);
      s.log.info('groups.visit_logged', { people, organisationType: organisationType ?? null });
      return { recorded: true as const };
    },
    async setGuidePin({ pin }) {
      await s.guidePin.set(pin);
      return {};
    },
    async unlockGuide({ pin }) {
      await s.guidePin.verify(pin);
      s.log.info('guide.unlocked');
      return s.sessions.open('guide');
    },
    lockGuide(_input, ctx) {
      s.sessions.close(ctx.operatorToken);
      s.guideRemote.stop();
      return {};
    },
    async startGuideRemote() {
      const takeaway = s.postcards.takeawayStatus();
      if (takeaway.state !== 'listening' || !takeaway.publicBaseUrl) {
        throw new KioskError({
          code: 'CONFLICT',
          message: "the phone remote needs the take-away server, which is not running: switch it on in the postcard exhibit's settings",
        });
      }
      const { code, expiresAt } = s.guideRemote.startPairing();
      const url = `${takeaway.publicBaseUrl}/g/p/${code}`;
      const { qrPngDataUrl } = await qrFor(url);
      s.log.info('guide.remote_pairing');
      return { url, qrPngDataUrl, expiresAt };
    },
    syncGuideRemote(state) {
      return s.guideRemote.sync(state);
    },
  };
}
