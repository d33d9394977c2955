/**
 * Tells real turning from a resting wheel's drift, for the idle timeout. A potentiometer or hall
 * sensor at rest jitters by a little and wanders slowly; a visitor's turn moves the axis a lot in
 * a short time. So: activity when the axis spans more than `threshold` within the last `windowMs`
 * (max - min of the samples in the window). Jitter smaller than the threshold and wandering slower
 * than threshold/window never count, however far it wanders in total.
 */
export class DriftFilter {
  private samples: { t: number; v: number }[] = [];

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
    let min = value;
    let max = value;
    for (const s of this.samples) {
      if (s.v < min) min = s.v;
      if (s.v > max) max = s.v;
    }
    if (max - min > this.threshold) {
      // Count one turn once: start the next window from here, so holding still after a turn is rest again.
      this.samples = [{ t: nowMs, v: value }];
      return true;
    }
    return false;
  }

  reset(): void {
    this.samples = [];
  }
}
