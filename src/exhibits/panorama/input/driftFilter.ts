/**
 * Tells real turning from a resting wheel's drift, for the idle timeout. A potentiometer or hall
 * sensor at rest jitters by a little and wanders slowly; a visitor's turn moves the axis a lot in
 * a short time. So: activity when the axis spans more than `threshold` within the last `windowMs`
 * (max - min of the samples in the window). Jitter smaller than the threshold and wandering slower
 * than threshold/window never count, however far it wanders in total.
 */
export class DriftFilter {
  private samples: { t: number; v: number }[] = [];
  /** When the last turn was counted: a turn counts once, so only later samples can count again. */
  private countedAt = Number.NEGATIVE_INFINITY;
  /**
   * How far the axis moved (max - min) within the whole window at the last update, counted or
   * not: the calibration screen shows it against the threshold, so an operator sees whether a
   * resting wheel's drift stays under it (and a turn shows for the whole window, not one frame).
   */
  span = 0;

  constructor(
    private readonly threshold: number,
    private readonly windowMs: number,
  ) {}

  /** Adds a sample; true when the wheel has really been turned within the window. */
  update(value: number, nowMs: number): boolean {
    if (!Number.isFinite(value)) return false;
    const from = nowMs - this.windowMs;
    this.samples = this.samples.filter((s) => s.t >= from && s.t <= nowMs);
    this.samples.push({ t: nowMs, v: value });
    // A clock that went back (a test, a resumed page): start counting from here.
    if (this.countedAt > nowMs) this.countedAt = nowMs;
    this.span = spanOf(this.samples);
    // Count one turn once: after a counted turn only what follows it counts, so holding still after a turn is rest again.
    if (spanOf(this.samples.filter((s) => s.t >= this.countedAt)) > this.threshold) {
      this.countedAt = nowMs;
      return true;
    }
    return false;
  }

  reset(): void {
    this.samples = [];
    this.countedAt = Number.NEGATIVE_INFINITY;
    this.span = 0;
  }
}

function spanOf(samples: { v: number }[]): number {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const s of samples) {
    if (s.v < min) min = s.v;
    if (s.v > max) max = s.v;
  }
  return samples.length ? max - min : 0;
}
