import { z } from 'zod';
import { seededRandom } from './seededRandom';

/**
 * The share of smiling visitors corrected for the classifier's known error, with a 95 % interval.
 *
 * A classifier with sensitivity Se and specificity Sp turns a true share p into an observed share
 * q = Se·p + (1 − Sp)·(1 − p): biased toward 50 % (0.88/0.90 shows a true 21 % as about 26 % and a true 87 % as
 * about 78 %). The Rogan–Gladen estimator inverts it: p = (q + Sp − 1) / (Se + Sp − 1), clamped to [0, 1]
 * (Rogan W.J., Gladen B., "Estimating prevalence from the results of a screening test", Am J Epidemiol
 * 107(1):71–76, 1978, https://doi.org/10.1093/oxfordjournals.aje.a112510).
 *
 * Its uncertainty has three sources: the number of visitors (q is a binomial proportion) and the numbers of smiling
 * and other faces Se and Sp were measured on (two more binomial proportions). The interval propagates all three by
 * Monte Carlo: each draw takes q, Se and Sp from their Jeffreys distributions Beta(x + ½, n − x + ½), applies the
 * estimator, and the interval is the 2.5th and 97.5th percentiles of the draws. Why not the delta method: it gives a
 * symmetric interval that leaves [0, 1] and collapses to a point at q = 0 or with few visitors, exactly where a
 * kiosk's morning hours are; the Jeffreys interval keeps close to nominal coverage for small n and proportions near
 * 0 or 1 (Brown L.D., Cai T.T., DasGupta A., "Interval estimation for a binomial proportion", Statistical Science
 * 16(2):101–133, 2001, https://doi.org/10.1214/ss/1009213286), and propagating the three by simulation is the
 * approach of Lang Z., Reiczigel J., "Confidence limits for prevalence of disease adjusted for estimated sensitivity
 * and specificity", Prev Vet Med 113(1):13–22, 2014 (https://doi.org/10.1016/j.prevetmed.2013.09.015). The draws
 * are seeded (common/seededRandom.ts), so the same counts give the same interval on every screen and in every export.
 *
 * Assumptions: Se and Sp measured on the training faces hold for the visitors at the camera, per visitor as per
 * face image, at the threshold they were measured at; a visitor the detector misses is missed whether smiling or not.
 */

/** The classifier's measured error: the model file's `operatingPoint` (common/smile/smileScorer.ts). */
export const ClassifierErrorSchema = z.strictObject({
  sensitivity: z.number().min(0).max(1),
  specificity: z.number().min(0).max(1),
  /** Smiling faces the sensitivity was measured on. */
  positives: z.number().int().min(1),
  /** Other faces the specificity was measured on. */
  negatives: z.number().int().min(1),
});
export type ClassifierError = z.infer<typeof ClassifierErrorSchema>;

/** The correction a figure was made with: the model file's version and its measured error. */
export const SmileCorrectionSchema = ClassifierErrorSchema.extend({ version: z.number().int().min(1) });
export type SmileCorrection = z.infer<typeof SmileCorrectionSchema>;

/**
 * Below this many visitors the big screen says "too few visitors yet" instead of a share: with 20 visitors the 95 %
 * interval of a corrected share is still about ±20 points wide (tests/unit/common/smileShare.test.ts measures it).
 * A content pack may set another minimum (`smile.minVisitors`).
 */
export const SMILE_MIN_VISITORS_DEFAULT = 20;

export const ShareIntervalSchema = z.strictObject({ low: z.number().min(0).max(1), high: z.number().min(0).max(1) });
export type ShareInterval = z.infer<typeof ShareIntervalSchema>;

export const CorrectedShareSchema = z.strictObject({
  /** Visitors counted. */
  n: z.number().int().min(0),
  /** Smiling / visitors as counted; null without visitors. */
  rawShare: z.number().min(0).max(1).nullable(),
  /** Rogan–Gladen, clamped to [0, 1]; null without visitors. */
  correctedShare: z.number().min(0).max(1).nullable(),
  /** 95 % interval of the corrected share; null without visitors. */
  interval: ShareIntervalSchema.nullable(),
});
export type CorrectedShare = z.infer<typeof CorrectedShareSchema>;

export const SHARE_INTERVAL_DRAWS = 2000;
export const SHARE_INTERVAL_SEED = 2026;

export interface CorrectOptions {
  /** Monte Carlo draws for the interval (default 2,000). */
  draws?: number;
  seed?: number;
  /** Two-sided level (default 0.95). */
  level?: number;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/**
 * Rogan–Gladen: the true share that an observed share `q` implies, clamped to [0, 1]. A classifier no better than
 * chance (Se + Sp ≤ 1) carries no information about the share: NaN.
 */
export function roganGladen(q: number, sensitivity: number, specificity: number): number {
  const youden = sensitivity + specificity - 1;
  if (!(youden > 0)) return Number.NaN;
  return clamp01((q + specificity - 1) / youden);
}

/** A standard normal draw (Box–Muller). */
function normal(random: () => number): number {
  const u = 1 - random(); // (0, 1]: log(0) never happens
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * A Gamma(shape, 1) draw: Marsaglia G., Tsang W.W., "A simple method for generating gamma variables", ACM TOMS
 * 26(3):363–372, 2000 (https://doi.org/10.1145/358407.358414); shapes below 1 by their boost Gamma(a+1)·U^(1/a).
 */
function gamma(shape: number, random: () => number): number {
  if (shape < 1) return gamma(shape + 1, random) * Math.pow(1 - random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** A Beta(a, b) draw from two gamma draws. */
export function betaDraw(a: number, b: number, random: () => number): number {
  const x = gamma(a, random);
  const y = gamma(b, random);
  return x / (x + y);
}

/** The Jeffreys distribution of a proportion seen as `successes` of `trials`. */
export const jeffreys = (successes: number, trials: number, random: () => number): number =>
  betaDraw(successes + 0.5, trials - successes + 0.5, random);

/** The q-th quantile (0..1) of sorted values, linear between neighbours. */
export function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * The corrected share of `smiling` among `visitors` counted by a classifier with error `error`, with its interval.
 * Without visitors, or with a classifier no better than chance, the shares and interval are null (the raw share
 * stays when there are visitors).
 */
export function correctShare(smiling: number, visitors: number, error: ClassifierError, options: CorrectOptions = {}): CorrectedShare {
  const n = Math.max(0, Math.floor(visitors));
  if (n === 0) return { n: 0, rawShare: null, correctedShare: null, interval: null };
  const x = Math.min(Math.max(0, Math.floor(smiling)), n);
  const q = x / n;
  const corrected = roganGladen(q, error.sensitivity, error.specificity);
  if (Number.isNaN(corrected)) return { n, rawShare: q, correctedShare: null, interval: null };

  const draws = options.draws ?? SHARE_INTERVAL_DRAWS;
  // No draws: the point estimate alone (the charts' hours and days, where an interval per point would not be shown).
  if (draws <= 0) return { n, rawShare: q, correctedShare: corrected, interval: null };
  const level = options.level ?? 0.95;
  const random = seededRandom(options.seed ?? SHARE_INTERVAL_SEED);
  // Counts behind Se and Sp (the model file stores the proportions, measured on these many faces).
  const tp = error.sensitivity * error.positives;
  const tn = error.specificity * error.negatives;
  const values: number[] = [];
  for (let i = 0; i < draws; i++) {
    const qi = jeffreys(x, n, random);
    const se = jeffreys(tp, error.positives, random);
    const sp = jeffreys(tn, error.negatives, random);
    const p = roganGladen(qi, se, sp);
    // A draw where the classifier looks no better than chance says nothing about the share (with Se and Sp near 0.9
    // measured on hundreds of faces this does not happen).
    if (!Number.isNaN(p)) values.push(p);
  }
  values.sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  const interval = values.length ? { low: quantile(values, tail), high: quantile(values, 1 - tail) } : null;
  return { n, rawShare: q, correctedShare: corrected, interval };
}
