/**
 * The panorama's own attract behaviour: after `idleMs` without real input (wheel turned, pedal,
 * button, touch or key; never drift) the view tours the route by itself, panning slowly and moving
 * on to the next node every `dwellMs`; the first real input takes over at once. Pure timing logic:
 * the store applies what `tick` returns.
 */
export interface TourOptions {
  idleMs: number;
  dwellMs: number;
  panDegPerSec: number;
}

export const TOUR_DEFAULTS: TourOptions = { idleMs: 20_000, dwellMs: 12_000, panDegPerSec: 6 };

export interface TourStep {
  touring: boolean;
  /** Pan rate to apply this frame (0 when not touring). */
  panDegPerSec: number;
  /** True on the frame the tour should travel on to the next node. */
  hop: boolean;
  /** True on the frame the tour started (the visitor has gone). */
  started: boolean;
}

export class AttractTour {
  private lastInput: number | null = null;
  private touring = false;
  private nextHop = 0;

  constructor(private readonly opts: TourOptions = TOUR_DEFAULTS) {}

  get active(): boolean {
    return this.touring;
  }

  /** Real input at `nowMs`: the tour stops and the idle clock starts over. */
  input(nowMs: number): void {
    this.lastInput = nowMs;
    this.touring = false;
  }

  /**
   * One frame. `hold` (e.g. a building's past and present is open and being read) keeps the tour
   * from starting; the kiosk's own idle timeout still ends the visit.
   */
  tick(nowMs: number, hold = false): TourStep {
    this.lastInput ??= nowMs;
    if (hold && !this.touring) this.lastInput = nowMs;
    let started = false;
    if (!this.touring && nowMs - this.lastInput >= this.opts.idleMs) {
      this.touring = true;
      started = true;
      this.nextHop = nowMs + this.opts.dwellMs;
    }
    if (!this.touring) return { touring: false, panDegPerSec: 0, hop: false, started: false };
    let hop = false;
    if (nowMs >= this.nextHop) {
      hop = true;
      this.nextHop = nowMs + this.opts.dwellMs;
    }
    return { touring: true, panDegPerSec: this.opts.panDegPerSec, hop, started };
  }

  /** Back to the start (a new visit): the idle clock starts on the next tick. */
  reset(): void {
    this.lastInput = null;
    this.touring = false;
  }
}
