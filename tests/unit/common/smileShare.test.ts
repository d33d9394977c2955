import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../common/seededRandom';
import {
  betaDraw,
  ClassifierErrorSchema,
  correctShare,
  CorrectedShareSchema,
  roganGladen,
  type ClassifierError,
} from '../../../common/smileShare';

/** Se 0.88 and Sp 0.90 measured on 230 smiling and 229 other faces: about the shipped model's figures. */
const ERROR: ClassifierError = { sensitivity: 0.88, specificity: 0.9, positives: 230, negatives: 229 };

/** A binomial draw as a sum of Bernoulli draws: slow but obviously right, for simulating tallies. */
const binomial = (n: number, p: number, random: () => number) => {
  let k = 0;
  for (let i = 0; i < n; i++) if (random() < p) k++;
  return k;
};

/**
 * One simulated day with a known true share: `visitors` pass, each smiling with probability `truth`; the classifier
 * (true Se, Sp as in ERROR) calls each smiling or not; and the Se and Sp the estimator is given are themselves
 * measured, on ERROR's numbers of faces, so their own error is part of what the interval must cover.
 */
function simulate(truth: number, visitors: number, random: () => number) {
  const measured: ClassifierError = {
    ...ERROR,
    sensitivity: binomial(ERROR.positives, ERROR.sensitivity, random) / ERROR.positives,
    specificity: binomial(ERROR.negatives, ERROR.specificity, random) / ERROR.negatives,
  };
  const observedRate = ERROR.sensitivity * truth + (1 - ERROR.specificity) * (1 - truth);
  return correctShare(binomial(visitors, observedRate, random), visitors, measured);
}

describe('roganGladen', () => {
  it('inverts the bias toward 50 %: 0.88/0.90 turns a true 21 % into 26.4 % and a true 87 % into 77.9 %, and back', () => {
    const observed = (p: number) => 0.88 * p + 0.1 * (1 - p);
    expect(observed(0.21)).toBeCloseTo(0.2638, 4);
    expect(observed(0.87)).toBeCloseTo(0.7786, 4);
    expect(roganGladen(observed(0.21), 0.88, 0.9)).toBeCloseTo(0.21, 12);
    expect(roganGladen(observed(0.87), 0.88, 0.9)).toBeCloseTo(0.87, 12);
  });

  it('clamps to [0, 1] an observed share outside what the classifier can produce', () => {
    expect(roganGladen(0.05, 0.88, 0.9)).toBe(0); // below the false-positive rate 0.10
    expect(roganGladen(0.95, 0.88, 0.9)).toBe(1); // above the sensitivity 0.88
    expect(roganGladen(0, 0.88, 0.9)).toBe(0);
    expect(roganGladen(1, 0.88, 0.9)).toBe(1);
  });

  it('a perfect classifier changes nothing; one no better than chance gives no answer', () => {
    expect(roganGladen(0.37, 1, 1)).toBeCloseTo(0.37, 12);
    expect(roganGladen(0.3, 0.5, 0.5)).toBeNaN();
    expect(roganGladen(0.3, 0.4, 0.5)).toBeNaN();
  });
});

describe('betaDraw', () => {
  it("has the Beta distribution's mean and variance, shapes below 1 included", () => {
    const random = seededRandom(5);
    for (const [a, b] of [
      [0.5, 0.5],
      [2.5, 7.5],
      [202.5, 28.5],
    ] as const) {
      const xs = Array.from({ length: 20_000 }, () => betaDraw(a, b, random));
      const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
      const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
      const m = a / (a + b);
      const v = (a * b) / ((a + b) ** 2 * (a + b + 1));
      expect(Math.abs(mean - m)).toBeLessThan(4 * Math.sqrt(v / xs.length));
      expect(variance / v).toBeGreaterThan(0.95);
      expect(variance / v).toBeLessThan(1.05);
      expect(xs.every((x) => x >= 0 && x <= 1)).toBe(true);
    }
  });
});

describe('correctShare', () => {
  it('returns the raw share, the corrected share, its interval and n, as its schema says', () => {
    const r = correctShare(264, 1000, ERROR);
    expect(CorrectedShareSchema.parse(r)).toEqual(r);
    expect(r.n).toBe(1000);
    expect(r.rawShare).toBeCloseTo(0.264, 12);
    expect(r.correctedShare).toBeCloseTo((0.264 - 0.1) / 0.78, 12);
    expect(r.interval!.low).toBeLessThan(r.correctedShare!);
    expect(r.interval!.high).toBeGreaterThan(r.correctedShare!);
    expect(ClassifierErrorSchema.safeParse(ERROR).success).toBe(true);
  });

  it('n = 0: no share, no interval (a screen shows a dash, never 0 %)', () => {
    expect(correctShare(0, 0, ERROR)).toEqual({ n: 0, rawShare: null, correctedShare: null, interval: null });
  });

  it('is deterministic: the same counts give the same interval (seeded draws), another seed a slightly different one', () => {
    const a = correctShare(50, 200, ERROR);
    expect(correctShare(50, 200, ERROR)).toEqual(a);
    const b = correctShare(50, 200, ERROR, { seed: 7 });
    expect(b.interval).not.toEqual(a.interval);
    expect(Math.abs(b.interval!.low - a.interval!.low)).toBeLessThan(0.02);
  });

  it('clamps the point estimate, and the interval stays inside [0, 1] and still reaches above 0', () => {
    // 7 % observed, below the 10 % false-positive rate: no smiler at all is the likeliest, but a few are possible.
    const none = correctShare(7, 100, ERROR);
    expect(none.rawShare).toBeCloseTo(0.07, 12);
    expect(none.correctedShare).toBe(0);
    expect(none.interval!.low).toBe(0);
    expect(none.interval!.high).toBeGreaterThan(0);
    // 92 % observed, above the 88 % sensitivity: everyone smiled, or nearly.
    const all = correctShare(92, 100, ERROR);
    expect(all.correctedShare).toBe(1);
    expect(all.interval!.high).toBe(1);
    expect(all.interval!.low).toBeLessThan(1);
  });

  it('the interval narrows with more visitors but not below what the uncertainty of Se and Sp leaves', () => {
    const width = (n: number) => {
      const r = correctShare(Math.round(0.264 * n), n, ERROR);
      return r.interval!.high - r.interval!.low;
    };
    expect(width(20)).toBeGreaterThan(0.3); // why the big screen waits for 20 visitors
    expect(width(200)).toBeLessThan(width(20));
    expect(width(100_000)).toBeLessThan(width(200));
    // With infinitely many visitors only Se and Sp are uncertain: about ±0.05 around 21 % with 229 negatives.
    expect(width(100_000)).toBeGreaterThan(0.06);
  });

  it("no draws: the point estimate without an interval (the charts' hours and days)", () => {
    const r = correctShare(264, 1000, ERROR, { draws: 0 });
    expect(r.interval).toBeNull();
    expect(r.correctedShare).toBeCloseTo((0.264 - 0.1) / 0.78, 12);
  });

  it('a classifier no better than chance: the raw share, no corrected share', () => {
    expect(correctShare(30, 100, { sensitivity: 0.5, specificity: 0.5, positives: 10, negatives: 10 })).toEqual({
      n: 100,
      rawShare: 0.3,
      correctedShare: null,
      interval: null,
    });
  });

  // 1,000 simulated days per truth, each with freshly measured Se and Sp: the 95 % interval must contain the truth in
  // about 95 % of them, and the corrected share must average to the truth (the raw one is 5 and 9 points off).
  for (const truth of [0.21, 0.867]) {
    it(`covers a true ${truth * 100} % in about 95 % of 1,000 simulated days of 200 visitors, and is unbiased`, () => {
      const random = seededRandom(truth === 0.21 ? 101 : 202);
      const days = Array.from({ length: 1000 }, () => simulate(truth, 200, random));
      const coverage = days.filter((d) => d.interval!.low <= truth && truth <= d.interval!.high).length / days.length;
      const mean = days.reduce((s, d) => s + d.correctedShare!, 0) / days.length;
      const rawMean = days.reduce((s, d) => s + d.rawShare!, 0) / days.length;
      expect(coverage).toBeGreaterThanOrEqual(0.92);
      expect(coverage).toBeLessThanOrEqual(0.98);
      // The standard error of the mean of 1,000 estimates is about 0.0014: 0.006 is four of them.
      expect(Math.abs(mean - truth)).toBeLessThan(0.006);
      expect(Math.abs(rawMean - truth)).toBeGreaterThan(0.05);
    }, 120_000);
  }

  it('covers a small day too (30 visitors at 21 %), where clamping and the skew of the draws matter most', () => {
    const random = seededRandom(303);
    const days = Array.from({ length: 1000 }, () => simulate(0.21, 30, random));
    const coverage = days.filter((d) => d.interval!.low <= 0.21 && 0.21 <= d.interval!.high).length / days.length;
    expect(coverage).toBeGreaterThanOrEqual(0.92);
    expect(coverage).toBeLessThanOrEqual(0.98);
  }, 120_000);
});
