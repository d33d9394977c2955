import type { BrowserWindow, RenderProcessGoneDetails } from 'electron';
import { CrashLoopBreaker } from '../../common/crashLoopBreaker';
import { maintenanceUrl } from './appOrigin';

export interface CrashStats {
  /** Restarts (reloads and re-creations) since the app started. */
  restarts: number;
  /** Restarts within the breaker's window (10 minutes by default). */
  recentRestarts: number;
  lastReason: string | null;
  lastAt: number | null;
  /** True once the breaker tripped and the maintenance screen is up. */
  maintenance: boolean;
}

export interface CrashRecoveryOptions {
  /** Creates a fresh kiosk window (with lockdown installed); recovery watches it itself. */
  createWindow: () => BrowserWindow;
  log: { info(e: string, f?: Record<string, unknown>): void; error(e: string, f?: Record<string, unknown>): void };
  breaker?: CrashLoopBreaker;
  /** How long the window may stay unresponsive before it is restarted. */
  unresponsiveMs?: number;
  /** A second failure this soon after a reload re-creates the window instead of reloading again. */
  escalateWithinMs?: number;
  /** How long a crashed maintenance screen waits before it is shown again. */
  maintenanceRetryMs?: number;
  now?: () => number;
}

/**
 * Keeps an unattended kiosk on screen: a renderer that crashes or hangs is reloaded; if it fails
 * again soon after, the window is re-created; past the restart budget (CrashLoopBreaker: 5 in 10
 * minutes) it stops and shows public/maintenance.html with the reason, so a renderer that dies at
 * start-up does not spin the PC forever. Events: https://www.electronjs.org/docs/latest/api/web-contents#event-render-process-gone
 * and https://www.electronjs.org/docs/latest/api/browser-window#event-unresponsive
 */
export class CrashRecovery {
  private win: BrowserWindow | null = null;
  private readonly breaker: CrashLoopBreaker;
  private readonly now: () => number;
  private hangTimer: ReturnType<typeof setTimeout> | null = null;
  private maintenanceTimer: ReturnType<typeof setTimeout> | null = null;
  private lastRecoveryAt: number | null = null;
  /** Set while we kill a hung renderer ourselves, so its 'render-process-gone' is not counted twice. */
  private killing = false;
  private readonly data: Omit<CrashStats, 'recentRestarts'> = { restarts: 0, lastReason: null, lastAt: null, maintenance: false };

  constructor(private readonly opts: CrashRecoveryOptions) {
    this.breaker = opts.breaker ?? new CrashLoopBreaker();
    this.now = opts.now ?? Date.now;
  }

  /** What the operator screen or a status report can show. */
  stats(): CrashStats {
    return { ...this.data, recentRestarts: this.breaker.recent(this.now()) };
  }

  window(): BrowserWindow | null {
    return this.win;
  }

  /** Starts watching `win` (the kiosk window); events from earlier windows are ignored. */
  watch(win: BrowserWindow): void {
    this.win = win;
    win.webContents.on('render-process-gone', (_event, details: RenderProcessGoneDetails) => {
      if (win !== this.win) return;
      if (this.killing) {
        this.killing = false;
        return;
      }
      // 'clean-exit' is a normal shutdown (window closing), not a failure.
      if (details.reason === 'clean-exit') return;
      this.failure(`renderer-${details.reason}`, { exitCode: details.exitCode });
    });
    win.on('unresponsive', () => {
      if (win !== this.win || this.hangTimer) return;
      this.opts.log.info('crash.unresponsive_started', { waitMs: this.unresponsiveMs });
      this.hangTimer = setTimeout(() => {
        this.hangTimer = null;
        if (win === this.win) this.failure('renderer-unresponsive', {});
      }, this.unresponsiveMs);
    });
    win.on('responsive', () => {
      if (win !== this.win) return;
      this.clearHang();
    });
    win.on('closed', () => {
      if (win === this.win) this.clearHang();
    });
  }

  private get unresponsiveMs(): number {
    return this.opts.unresponsiveMs ?? 15_000;
  }

  private clearHang(): void {
    if (this.hangTimer) clearTimeout(this.hangTimer);
    this.hangTimer = null;
  }

  private failure(reason: string, fields: Record<string, unknown>): void {
    const win = this.win;
    if (!win) return;
    const now = this.now();
    this.clearHang();
    this.data.lastReason = reason;
    this.data.lastAt = now;
    if (this.data.maintenance) {
      this.opts.log.error('crash.during_maintenance', { reason, ...fields });
      this.retryMaintenance();
      return;
    }
    if (!this.breaker.tryRestart(now)) {
      this.enterMaintenance(reason, fields);
      return;
    }
    this.data.restarts += 1;
    const escalate = this.lastRecoveryAt !== null && now - this.lastRecoveryAt < (this.opts.escalateWithinMs ?? 60_000);
    this.lastRecoveryAt = now;
    const action = escalate || win.isDestroyed() ? 'recreate' : 'reload';
    this.opts.log.error('crash.recovering', { reason, action, restarts: this.data.restarts, recent: this.breaker.recent(now), ...fields });
    if (action === 'reload') this.reload(win, reason);
    else this.recreate(win);
  }

  private reload(win: BrowserWindow, reason: string): void {
    const wc = win.webContents;
    // A hung renderer does not reload; kill it first and the reload starts a new process
    // (https://www.electronjs.org/docs/latest/api/web-contents#contentsforcefullycrashrenderer).
    if (reason === 'renderer-unresponsive' && !wc.isCrashed()) {
      this.killing = true;
      wc.forcefullyCrashRenderer();
    }
    wc.reload();
  }

  private recreate(old: BrowserWindow): void {
    // The new window first, so 'window-all-closed' never fires and the app does not quit.
    const fresh = this.opts.createWindow();
    this.killing = false;
    this.watch(fresh);
    if (!old.isDestroyed()) old.destroy();
  }

  private enterMaintenance(reason: string, fields: Record<string, unknown>): void {
    this.data.maintenance = true;
    const restarts = this.breaker.recent(this.now());
    this.opts.log.error('crash.loop_stopped', { reason, restarts, ...fields });
    const wc = this.win?.webContents;
    if (wc && reason === 'renderer-unresponsive' && !wc.isCrashed()) {
      this.killing = true;
      wc.forcefullyCrashRenderer();
    }
    void this.win?.loadURL(maintenanceUrl('crash-loop', `${reason} (${restarts} restarts)`));
  }

  private retryMaintenance(): void {
    if (this.maintenanceTimer) return;
    this.maintenanceTimer = setTimeout(() => {
      this.maintenanceTimer = null;
      const win = this.win;
      if (!win || win.isDestroyed()) return;
      void win.loadURL(maintenanceUrl('crash-loop', this.data.lastReason ?? undefined));
    }, this.opts.maintenanceRetryMs ?? 60_000);
  }
}
