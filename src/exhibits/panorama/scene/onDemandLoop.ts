/**
 * Render on demand: an animation frame is requested only when something changed (the view, a fade
 * step), never in a free-running loop: a kiosk runs all day and an idle panorama should cost nothing.
 * The pattern three.js's manual describes: https://threejs.org/manual/#en/rendering-on-demand
 */
export class OnDemandLoop {
  private rafId: number | null = null;
  private paused = false;
  private stopped = false;
  private readonly listeners = new Set<(timestamp: number) => void>();
  /** Resolved after the next frame after which no further frame is needed (the scene has settled). */
  private settled: (() => void)[] = [];

  /** `draw` renders one frame and returns true when another frame is needed right after (a fade is running). */
  constructor(private readonly draw: (timestamp: number) => boolean) {}

  request(): void {
    if (this.rafId === null && !this.paused && !this.stopped) this.rafId = requestAnimationFrame(this.frame);
  }

  /** Requests a frame; resolves once a frame has been drawn and nothing more is running (or the loop pauses or stops). */
  whenSettled(): Promise<void> {
    return new Promise((resolve) => {
      if (this.stopped) return resolve();
      this.settled.push(resolve);
      this.request();
    });
  }

  onFrame(listener: (timestamp: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** No frames until resume() (a lost WebGL context); nobody keeps waiting meanwhile. */
  pause(): void {
    this.paused = true;
    this.cancel();
    this.releaseWaiting();
  }

  resume(): void {
    this.paused = false;
    this.request();
  }

  stop(): void {
    this.stopped = true;
    this.cancel();
    this.listeners.clear();
    this.releaseWaiting();
  }

  private cancel(): void {
    if (this.rafId !== null) cancelAnimationFrame(this.rafId);
    this.rafId = null;
  }

  private releaseWaiting(): void {
    for (const resolve of this.settled.splice(0)) resolve();
  }

  private readonly frame = (timestamp: number): void => {
    this.rafId = null;
    if (this.paused || this.stopped) return;
    const again = this.draw(timestamp);
    for (const listener of [...this.listeners]) {
      try {
        listener(timestamp);
      } catch (err) {
        // A failing listener must not stop the loop or leave anyone waiting: report it on its own.
        queueMicrotask(() => {
          throw err;
        });
      }
    }
    if (again) this.request();
    else this.releaseWaiting();
  };
}
