/**
 * Restart budget for crash recovery: at most `maxRestarts` within `windowMs`. Past that the main
 * process stops restarting the renderer and shows the maintenance screen, so that a renderer that
 * crashes at start-up cannot spin the PC forever. Pure: the clock is passed in.
 */
export class CrashLoopBreaker {
  private readonly restarts: number[] = [];

  constructor(
    readonly maxRestarts = 5,
    readonly windowMs = 10 * 60_000,
  ) {}

  /** Records a restart at `now` if the budget allows it; false means "stop and show maintenance". */
  tryRestart(now: number): boolean {
    while (this.restarts.length > 0 && now - (this.restarts[0] as number) >= this.windowMs) this.restarts.shift();
    if (this.restarts.length >= this.maxRestarts) return false;
    this.restarts.push(now);
    return true;
  }

  /** Restarts counted within the window ending at `now`. */
  recent(now: number): number {
    return this.restarts.filter((t) => now - t < this.windowMs).length;
  }
}
