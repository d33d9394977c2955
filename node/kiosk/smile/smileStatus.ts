import { SMILE_STATUS_STALE_MS, type SmileCameraStatus, type SmileStatusReport, type SmileStatusView } from '../../../common/smileStatus';
import type { CameraState } from '../health';

/**
 * Keeps the last status report of the smile meter's cameras (sent every few seconds by the kiosk screen that runs
 * them, src/exhibits/smile/camera/) and turns it into the operator's view and the health report's camera list.
 * A camera that is missing or failing shows as such; a meter that should run but stopped reporting shows as stale
 * ("unknown"), so that a dead kiosk screen is never read as "zero visitors".
 */
export interface SmileStatusService {
  report(report: SmileStatusReport): void;
  view(): SmileStatusView;
  /** Camera entries for health and the heartbeat (`smile.entry`, `smile.exit`). */
  cameras(): CameraState[];
  /** The backends the running cameras use ("webgl", "wasm", "webgl+wasm"), or null when none runs. */
  backend(): string | null;
}

export function createSmileStatusService(opts: {
  now: () => number;
  /** Whether this kiosk should be counting (profile includes 'smile' and the meter is enabled). */
  expected: () => boolean;
  staleMs?: number;
}): SmileStatusService {
  const staleMs = opts.staleMs ?? SMILE_STATUS_STALE_MS;
  let last: { report: SmileStatusReport; at: number } | null = null;

  const view = (): SmileStatusView => {
    const expected = safeExpected(opts.expected);
    if (!last) return { report: null, reportedAt: null, ageMs: null, stale: expected };
    const ageMs = Math.max(0, opts.now() - last.at);
    return { report: last.report, reportedAt: last.at, ageMs, stale: expected && ageMs > staleMs };
  };

  return {
    report(report) {
      last = { report, at: opts.now() };
    },
    view,
    cameras() {
      const v = view();
      if (!safeExpected(opts.expected) && (!v.report || !v.report.enabled)) return [];
      if (v.stale) {
        const detail =
          v.ageMs === null
            ? 'no status from the kiosk screen since the services started'
            : `no status from the kiosk screen for ${Math.round(v.ageMs / 1000)} s`;
        return (['entry', 'exit'] as const).map((role) => ({ id: `smile.${role}`, state: 'unknown' as const, detail }));
      }
      return (v.report?.cameras ?? []).map(toCameraState);
    },
    backend() {
      const v = view();
      if (!v.report || v.stale) return null;
      const used = [...new Set(v.report.cameras.filter((c) => c.state === 'running' && c.backend).map((c) => c.backend!))].sort((a, b) =>
        b.localeCompare(a),
      );
      return used.length ? used.join('+') : null;
    },
  };
}

function toCameraState(c: SmileCameraStatus): CameraState {
  const what = c.deviceLabel ? `${c.source ?? 'camera'} "${c.deviceLabel}"` : (c.source ?? 'camera');
  const state: CameraState['state'] =
    c.state === 'running'
      ? 'ok'
      : c.state === 'off'
        ? 'disabled'
        : c.state === 'starting'
          ? 'unknown'
          : c.state === 'failed'
            ? 'error'
            : c.lastError && /not ?found|no camera|ended|disappeared/i.test(c.lastError)
              ? 'missing'
              : 'error';
  const detail =
    c.state === 'running'
      ? `${what}, ${c.backend ?? '?'}, ${c.fps.toFixed(1)} fps, ${c.visitors} visitors (${c.smiling} smiling) since start`
      : c.state === 'off'
        ? 'switched off'
        : `${c.state}${c.retries ? ` (attempt ${c.retries + 1})` : ''}: ${c.lastError ?? what}`;
  return { id: `smile.${c.role}`, state, detail: detail.slice(0, 300) };
}

function safeExpected(expected: () => boolean): boolean {
  try {
    return expected();
  } catch {
    return false;
  }
}
