/**
 * Exponential smoothing with a time constant, so the result does not depend on the frame rate:
 * alpha = 1 - exp(-dt / tau) (a first-order low-pass filter sampled at irregular times). The first
 * sample passes through; a clock going backwards counts as no time passing.
 */
export class ExpSmoother {
  private value: number | null = null;
  private lastMs = 0;

  constructor(private readonly tauMs: number) {}

  update(sample: number, nowMs: number): number {
    if (this.value === null || this.tauMs <= 0) {
      this.value = sample;
    } else {
      const dt = Math.max(0, nowMs - this.lastMs);
      this.value += (sample - this.value) * (1 - Math.exp(-dt / this.tauMs));
    }
    this.lastMs = nowMs;
    return this.value;
  }

  reset(): void {
    this.value = null;
  }
}
