import { app, powerSaveBlocker } from 'electron';
import { msUntilChange, openState } from '../../common/openingHours';
import type { Settings } from '../../common/settings';

export interface ScheduleOptions {
  settings: { get(): Settings; onChange(listener: (s: Settings) => void): () => void };
  log: { info(e: string, f?: Record<string, unknown>): void };
  now?: () => number;
  /** Re-check at least this often, so a clock change (NTP, DST fix) is noticed. */
  maxWaitMs?: number;
  /** Register the login item (packaged builds only: in development it would register the bare Electron binary). */
  manageLoginItem: boolean;
  platform?: NodeJS.Platform;
}

export interface Schedule {
  /** Whether the display is being kept awake right now. */
  keepingAwake(): boolean;
  /** Re-evaluates now (also runs on every timer tick and settings change). */
  evaluate(): void;
  stop(): void;
}

/**
 * Keeps the display awake during opening hours (and lets it sleep after closing) with
 * powerSaveBlocker 'prevent-display-sleep' (https://www.electronjs.org/docs/latest/api/power-save-blocker),
 * and applies the start-at-login setting (https://www.electronjs.org/docs/latest/api/app#appsetloginitemsettingssettings-macos-windows).
 */
export function installSchedule(opts: ScheduleOptions): Schedule {
  const now = opts.now ?? Date.now;
  const maxWaitMs = opts.maxWaitMs ?? 5 * 60_000;
  const platform = opts.platform ?? process.platform;
  let blockerId: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let loginItem: boolean | null = null;
  let stopped = false;

  const applyLoginItem = (s: Settings): void => {
    if (!opts.manageLoginItem || loginItem === s.startAtLogin) return;
    loginItem = s.startAtLogin;
    if (platform === 'win32' || platform === 'darwin') {
      app.setLoginItemSettings({ openAtLogin: s.startAtLogin });
      opts.log.info('schedule.login_item', { openAtLogin: s.startAtLogin });
    } else if (s.startAtLogin) {
      // Electron has no login items on Linux; the installer's autostart entry does this job (see README).
      opts.log.info('schedule.login_item_unsupported', { platform });
    }
  };

  const evaluate = (): void => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    const s = opts.settings.get();
    const t = now();
    const state = openState(s.openingHours, t, s.timeZone);
    const awake = s.keepDisplayAwake && state.open;
    if (awake && blockerId === null) {
      blockerId = powerSaveBlocker.start('prevent-display-sleep');
      opts.log.info('schedule.display_awake', { until: state.changesAt });
    } else if (!awake && blockerId !== null) {
      powerSaveBlocker.stop(blockerId);
      blockerId = null;
      opts.log.info('schedule.display_may_sleep', { nextOpen: state.changesAt });
    }
    timer = setTimeout(evaluate, Math.min(maxWaitMs, msUntilChange(state, t)));
  };

  const unsubscribe = opts.settings.onChange((s) => {
    applyLoginItem(s);
    evaluate();
  });
  applyLoginItem(opts.settings.get());
  evaluate();

  return {
    keepingAwake: () => blockerId !== null,
    evaluate,
    stop() {
      stopped = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
      if (blockerId !== null) powerSaveBlocker.stop(blockerId);
      blockerId = null;
    },
  };
}
