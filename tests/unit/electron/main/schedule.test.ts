import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockState, powerSaveBlocker, resetElectronMock } from '../../../mocks/electron';
import { installSchedule, type Schedule } from '../../../../electron/main/schedule';
import { defaultSettings, type Settings } from '../../../../common/settings';
import { createMemoryLogger } from '../../../../node/kiosk/logger';

vi.mock('electron', () => import('../../../mocks/electron'));

/** A settings source like services.settings: get() and onChange(). */
function settingsStore(initial: Settings) {
  let current = initial;
  const listeners = new Set<(s: Settings) => void>();
  return {
    get: () => current,
    onChange: (l: (s: Settings) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    set(patch: Partial<Settings>) {
      current = { ...current, ...patch };
      for (const l of listeners) l(current);
    },
    listeners,
  };
}

// Default hours: every day 10:00-20:00 Asia/Shanghai (UTC+8) = 02:00-12:00 UTC.
const at = (iso: string) => vi.setSystemTime(new Date(iso));
const awakeBlockers = () => [...powerSaveBlocker.active.values()].filter((t) => t === 'prevent-display-sleep').length;

describe('display schedule', () => {
  let schedule: Schedule | null = null;
  beforeEach(() => {
    resetElectronMock();
    vi.useFakeTimers();
  });
  afterEach(() => {
    schedule?.stop();
    schedule = null;
    vi.useRealTimers();
  });

  const start = (
    settings = settingsStore(defaultSettings('kiosk-test')),
    over: { manageLoginItem?: boolean; platform?: NodeJS.Platform } = {},
  ) => {
    schedule = installSchedule({
      settings,
      log: createMemoryLogger(),
      manageLoginItem: over.manageLoginItem ?? false,
      platform: over.platform ?? 'linux',
    });
    return settings;
  };

  it('keeps the display awake while open and lets it sleep after closing, day after day', () => {
    at('2026-05-01T01:59:00Z'); // 09:59 Shanghai: closed
    start();
    expect(awakeBlockers()).toBe(0);
    vi.advanceTimersByTime(60_000); // 10:00 opens
    expect(awakeBlockers()).toBe(1);
    expect(schedule!.keepingAwake()).toBe(true);
    vi.advanceTimersByTime(10 * 3_600_000 - 1000); // 19:59:59 still open
    expect(awakeBlockers()).toBe(1);
    vi.advanceTimersByTime(1000); // 20:00 closes
    expect(awakeBlockers()).toBe(0);
    expect(powerSaveBlocker.history.map((h) => h.action)).toEqual(['start', 'stop']);
    vi.advanceTimersByTime(14 * 3_600_000); // next day 10:00
    expect(awakeBlockers()).toBe(1);
    expect(powerSaveBlocker.history.filter((h) => h.action === 'start')).toHaveLength(2);
  });

  it('starts awake when launched during opening hours', () => {
    at('2026-05-01T05:00:00Z'); // 13:00 Shanghai
    start();
    expect(awakeBlockers()).toBe(1);
  });

  it('follows settings changes at once: new hours, the keep-awake switch', () => {
    at('2026-05-01T05:00:00Z'); // 13:00 Shanghai, Friday
    const settings = start();
    const hours = { ...settings.get().openingHours, fri: { open: '14:00', close: '18:00' } };
    settings.set({ openingHours: hours });
    expect(awakeBlockers()).toBe(0);
    vi.advanceTimersByTime(3_600_000); // 14:00
    expect(awakeBlockers()).toBe(1);
    settings.set({ keepDisplayAwake: false });
    expect(awakeBlockers()).toBe(0);
    settings.set({ keepDisplayAwake: true });
    expect(awakeBlockers()).toBe(1);
  });

  it('stays asleep on a closed day', () => {
    at('2026-05-04T03:00:00Z'); // Monday 11:00 Shanghai
    const base = defaultSettings('kiosk-test');
    start(settingsStore({ ...base, openingHours: { ...base.openingHours, mon: null } }));
    expect(awakeBlockers()).toBe(0);
    vi.advanceTimersByTime(3 * 3_600_000);
    expect(awakeBlockers()).toBe(0);
  });

  it('releases the blocker and stops listening when stopped', () => {
    at('2026-05-01T05:00:00Z');
    const settings = start();
    schedule!.stop();
    expect(awakeBlockers()).toBe(0);
    expect(settings.listeners.size).toBe(0);
    vi.advanceTimersByTime(86_400_000);
    expect(awakeBlockers()).toBe(0);
  });

  it('applies start-at-login on Windows and macOS, once per change', () => {
    at('2026-05-01T05:00:00Z');
    const settings = start(settingsStore({ ...defaultSettings('kiosk-test'), startAtLogin: true }), {
      manageLoginItem: true,
      platform: 'win32',
    });
    expect(mockState.loginItemSettings).toEqual([{ openAtLogin: true }]);
    settings.set({ idleTimeoutSeconds: 120 });
    expect(mockState.loginItemSettings).toHaveLength(1);
    settings.set({ startAtLogin: false });
    expect(mockState.loginItemSettings).toEqual([{ openAtLogin: true }, { openAtLogin: false }]);
  });

  it('leaves login items alone in development builds and on Linux', () => {
    at('2026-05-01T05:00:00Z');
    start(settingsStore({ ...defaultSettings('kiosk-test'), startAtLogin: true }), { manageLoginItem: false, platform: 'win32' });
    schedule!.stop();
    start(settingsStore({ ...defaultSettings('kiosk-test'), startAtLogin: true }), { manageLoginItem: true, platform: 'linux' });
    expect(mockState.loginItemSettings).toEqual([]);
  });
});
