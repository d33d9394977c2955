import type { KioskErrorData, ResponseEnvelope } from '../../../../common/contract';
import type { SmileCorrection } from '../../../../common/smileShare';
import { liftPointsOf, shownShare, smileFiguresOf, type SmileFigures, type SmileSummary } from '../../../../common/smileSummary';
import { installKioskClient } from '../../../../src/api/client';
import { createKioskClient } from '../../../../src/api/kioskClient';

/**
 * A classifier with the error the smile README quotes (Se 0.88, Sp 0.90, measured on 230 and 229 faces), fixed here
 * so that the screens' expected figures do not move when the model is retrained.
 */
export const TEST_CORRECTION: SmileCorrection = { version: 2, sensitivity: 0.88, specificity: 0.9, positives: 230, negatives: 229 };

/**
 * A summary of one day with `entry` and `exit` as [visitors, smiling] as counted, everything else empty; corrected
 * with `patch.correction` (TEST_CORRECTION unless given, null: not corrected).
 */
export function summaryOf(entry: [number, number], exit: [number, number], patch: Partial<SmileSummary> = {}): SmileSummary {
  const correction = patch.correction === undefined ? TEST_CORRECTION : patch.correction;
  const fig = (visitors: number, smiling: number, interval: boolean): SmileFigures =>
    smileFiguresOf(visitors, smiling, correction, interval);
  const rolesOf = (interval: boolean) => {
    const e = fig(...entry, interval);
    const x = fig(...exit, interval);
    return { entry: e, exit: x, liftPoints: liftPointsOf(shownShare(e), shownShare(x)) };
  };
  const roles = rolesOf(true);
  const pointRoles = rolesOf(false);
  const empty = { entry: fig(0, 0, false), exit: fig(0, 0, false), liftPoints: null };
  const start = Date.parse('2026-03-17T16:00:00Z');
  return {
    enabled: true,
    cameras: { entry: true, exit: true },
    health: { stale: false, entry: 'running', exit: 'running' },
    timeZone: 'Asia/Shanghai',
    date: '2026-03-18',
    now: Date.parse('2026-03-18T02:30:00Z'),
    correction,
    today: roles,
    hourly: Array.from({ length: 24 }, (_, hour) => ({ start: start + hour * 3_600_000, hour, ...(hour === 10 ? pointRoles : empty) })),
    days: ['12', '13', '14', '15', '16', '17', '18'].map((d) => ({ date: `2026-03-${d}`, ...(d === '18' ? pointRoles : empty) })),
    ...patch,
  };
}

/**
 * The real typed client (request and response schemas checked) over a scripted transport:
 * `answers[method]` gives the value (or a function of the payload); `failures[method]` the error it
 * answers instead; anything else is an INTERNAL error. Every call is recorded.
 */
export function installScriptedKiosk(answers: Record<string, unknown>, failures: Record<string, KioskErrorData> = {}) {
  const calls: { method: string; payload: unknown; token?: string }[] = [];
  installKioskClient(
    createKioskClient(async (method, payload, token): Promise<ResponseEnvelope> => {
      calls.push({ method, payload, token });
      const failure = failures[method];
      if (failure) return { ok: false, error: failure };
      if (!(method in answers)) return { ok: false, error: { code: 'INTERNAL', message: `not scripted: ${method}` } };
      const a = answers[method];
      return { ok: true, value: typeof a === 'function' ? (a as (p: unknown) => unknown)(payload) : a };
    }),
  );
  return { calls, answers, failures };
}

/** Makes the system "prefer reduced motion" (numbers show their value at once), or not. */
export function setReducedMotion(reduce: boolean): void {
  window.matchMedia = ((query: string) => ({
    matches: reduce && query.includes('prefers-reduced-motion: reduce'),
    media: query,
    onchange: null,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    addListener: () => undefined,
    removeListener: () => undefined,
    dispatchEvent: () => false,
  })) as typeof window.matchMedia;
}
