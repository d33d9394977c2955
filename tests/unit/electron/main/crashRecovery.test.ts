import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, resetElectronMock } from '../../../mocks/electron';
import { CrashRecovery } from '../../../../electron/main/crashRecovery';
import { createMemoryLogger } from '../../../../node/kiosk/logger';

vi.mock('electron', () => import('../../../mocks/electron'));

const MIN = 60_000;

function setup(opts: { unresponsiveMs?: number } = {}) {
  const log = createMemoryLogger();
  const created: BrowserWindow[] = [];
  const createWindow = () => {
    const w = new BrowserWindow({});
    void w.loadURL('app://kiosk/');
    created.push(w);
    return w as never;
  };
  const recovery = new CrashRecovery({ createWindow, log, ...opts });
  const first = createWindow() as unknown as BrowserWindow;
  recovery.watch(first as never);
  const current = () => recovery.window() as unknown as BrowserWindow;
  const crash = (reason = 'crashed') => current().webContents.emit('render-process-gone', {}, { reason, exitCode: 139 });
  return { log, created, recovery, first, current, crash };
}

describe('crash recovery', () => {
  beforeEach(() => {
    resetElectronMock();
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-05-01T02:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('reloads a renderer that crashed, and logs it', () => {
    const { first, crash, log, recovery } = setup();
    crash('oom');
    expect(first.webContents.reloads).toBe(1);
    expect(log.lines.at(-1)).toMatchObject({ event: 'crash.recovering', reason: 'renderer-oom', action: 'reload', exitCode: 139 });
    expect(recovery.stats()).toMatchObject({ restarts: 1, recentRestarts: 1, lastReason: 'renderer-oom', maintenance: false });
  });

  it('ignores a clean exit', () => {
    const { first, crash, recovery } = setup();
    crash('clean-exit');
    expect(first.webContents.reloads).toBe(0);
    expect(recovery.stats().restarts).toBe(0);
  });

  it('re-creates the window when it fails again soon after a reload', () => {
    const { first, crash, created, current } = setup();
    crash();
    vi.advanceTimersByTime(20_000);
    crash();
    expect(created).toHaveLength(2);
    expect(first.isDestroyed()).toBe(true);
    expect(current()).toBe(created[1]);
    // The old window's late events no longer count.
    first.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(created).toHaveLength(2);
  });

  it('reloads (not re-creates) when failures are far apart', () => {
    const { first, crash, created } = setup();
    crash();
    vi.advanceTimersByTime(5 * MIN);
    crash();
    expect(first.webContents.reloads).toBe(2);
    expect(created).toHaveLength(1);
  });

  it('stops after 5 restarts in 10 minutes and shows the maintenance screen saying why', () => {
    const { crash, current, recovery, log } = setup();
    for (let i = 0; i < 5; i += 1) {
      crash();
      vi.advanceTimersByTime(90_000);
    }
    expect(recovery.stats()).toMatchObject({ restarts: 5, maintenance: false });
    crash('launch-failed');
    const shown = new URL(current().webContents.loads.at(-1)!);
    expect(shown.href.startsWith('app://kiosk/maintenance.html?')).toBe(true);
    expect(shown.searchParams.get('reason')).toBe('crash-loop');
    expect(shown.searchParams.get('detail')).toContain('renderer-launch-failed');
    expect(recovery.stats()).toMatchObject({ restarts: 5, maintenance: true, lastReason: 'renderer-launch-failed' });
    expect(log.lines.some((l) => l.event === 'crash.loop_stopped')).toBe(true);
  });

  it('uses a sliding 10-minute window: old restarts stop counting', () => {
    const { crash, recovery } = setup();
    for (let i = 0; i < 5; i += 1) {
      crash();
      vi.advanceTimersByTime(2 * MIN);
    }
    // t = 10 min: the first restart (t = 0) has left the window, so a sixth is allowed.
    crash();
    expect(recovery.stats()).toMatchObject({ restarts: 6, maintenance: false });
    // t = 10 min + 1 s: five restarts within the window again, the next one trips the breaker.
    vi.advanceTimersByTime(1000);
    crash();
    expect(recovery.stats().maintenance).toBe(true);
  });

  it('re-shows the maintenance screen (once a minute at most) if it crashes too', () => {
    const { crash, current } = setup();
    for (let i = 0; i < 6; i += 1) crash();
    const loads = current().webContents.loads.length;
    crash();
    crash();
    expect(current().webContents.loads.length).toBe(loads);
    vi.advanceTimersByTime(60_000);
    expect(current().webContents.loads.length).toBe(loads + 1);
    expect(current().webContents.loads.at(-1)).toMatch(/^app:\/\/kiosk\/maintenance\.html\?reason=crash-loop/);
  });

  it('kills and reloads a renderer unresponsive for longer than the limit', () => {
    const { first, log } = setup({ unresponsiveMs: 15_000 });
    first.emit('unresponsive');
    vi.advanceTimersByTime(14_999);
    expect(first.webContents.reloads).toBe(0);
    vi.advanceTimersByTime(1);
    expect(first.webContents.forcedCrashes).toBe(1);
    expect(first.webContents.reloads).toBe(1);
    // The 'killed' event caused by our own kill is not counted as another failure.
    first.webContents.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
    expect(first.webContents.reloads).toBe(1);
    expect(log.lines.filter((l) => l.event === 'crash.recovering')).toHaveLength(1);
  });

  it('does nothing when the renderer recovers in time', () => {
    const { first, recovery } = setup({ unresponsiveMs: 15_000 });
    first.emit('unresponsive');
    vi.advanceTimersByTime(10_000);
    first.emit('responsive');
    vi.advanceTimersByTime(60_000);
    expect(first.webContents.reloads).toBe(0);
    expect(recovery.stats().restarts).toBe(0);
  });

  it('re-creates the window when it stays unresponsive after the reload', () => {
    const { first, created, current } = setup({ unresponsiveMs: 15_000 });
    first.emit('unresponsive');
    vi.advanceTimersByTime(15_000);
    first.webContents.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
    first.emit('unresponsive');
    vi.advanceTimersByTime(15_000);
    expect(created).toHaveLength(2);
    expect(first.isDestroyed()).toBe(true);
    expect(current().webContents.loads).toEqual(['app://kiosk/']);
  });
});
