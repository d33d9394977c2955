import type { KioskErrorData, ResponseEnvelope } from '../../../../common/contract';
import { liftPointsOf, shareOf, type SmileFigures, type SmileSummary } from '../../../../common/smileSummary';
import { installKioskClient } from '../../../../src/api/client';
import { createKioskClient } from '../../../../src/api/kioskClient';

const fig = (visitors: number, smiling: number): SmileFigures => ({ visitors, smiling, share: shareOf(smiling, visitors) });

/** A summary of one day with `entry` and `exit` as [visitors, smiling], everything else empty. */
export function summaryOf(entry: [number, number], exit: [number, number], patch: Partial<SmileSummary> = {}): SmileSummary {
  const e = fig(...entry);
  const x = fig(...exit);
  const roles = { entry: e, exit: x, liftPoints: liftPointsOf(e.share, x.share) };
  const empty = { entry: fig(0, 0), exit: fig(0, 0), liftPoints: null };
  const start = Date.parse('2026-03-17T16:00:00Z');
  return {
    enabled: true,
    cameras: { entry: true, exit: true },
    health: { stale: false, entry: 'running', exit: 'running' },
    timeZone: 'Asia/Shanghai',
    date: '2026-03-18',
    now: Date.parse('2026-03-18T02:30:00Z'),
    today: roles,
    hourly: Array.from({ length: 24 }, (_, hour) => ({ start: start + hour * 3_600_000, hour, ...(hour === 10 ? roles : empty) })),
    days: ['12', '13', '14', '15', '16', '17', '18'].map((d) => ({ date: `2026-03-${d}`, ...(d === '18' ? roles : empty) })),
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
