/**
 * How far a corrected smile share lands from the truth by chance alone, for a meter whose error per counted visitor
 * is exactly as measured: how many visitors a share needs before it is worth reading, and what a single walk-through
 * of 100-200 visitors can show about a bias.
 *
 *   npm run smile:spread -- [--visitors 100,200,440,3000] [--shares 0.21,0.87] [--trials 4000] [--seed 1]
 *     [--model common/smile/smileModel.json]
 *
 * Each trial is one group of `n` visitors of whom round(share·n) smile. The meter calls each smiling visitor smiling
 * with probability Se and each other visitor with probability 1 − Sp, and the counted share is corrected with the
 * Rogan–Gladen estimator (common/smileShare.ts) at the model file's Se and Sp. Two cases:
 * - `chance`: the meter's true Se and Sp are the measured ones; what is left is which visitors it happens to get wrong.
 * - `with calibration`: the true Se and Sp are drawn from their Jeffreys distributions over the counts they were
 *   measured on (the file's `positives` and `negatives`), as the interval does, so a group also carries the error of
 *   the calibration itself.
 * For each it prints the median and the 95th percentile of |corrected − true| in percentage points and the share of
 * trials within 3 points, one JSON line per visitor count and share.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { correctionOf } from '../../common/smile/smileModel';
import type { SmileModelFile } from '../../common/smile/smileScorer';
import { jeffreys, quantile, roganGladen, type ClassifierError } from '../../common/smileShare';
import { seededRandom } from '../../common/seededRandom';

export interface SpreadOptions {
  visitors: number;
  share: number;
  error: ClassifierError;
  trials: number;
  seed: number;
  /** Draw the true Se and Sp from the calibration's Jeffreys distributions in each trial. */
  calibration: boolean;
}

export interface Spread {
  visitors: number;
  trueShare: number;
  /** Median of |corrected − true|, in percentage points. */
  medianPoints: number;
  /** 95th percentile of |corrected − true|, in percentage points. */
  p95Points: number;
  /** Share of trials whose corrected share is within 3 points of the truth. */
  within3Points: number;
  /** Mean of corrected − true, in percentage points (the estimator's bias, from clamping at 0 and 100 %). */
  meanPoints: number;
}

const binomial = (trials: number, p: number, random: () => number): number => {
  let k = 0;
  for (let i = 0; i < trials; i++) if (random() < p) k++;
  return k;
};

const points = (x: number) => Math.round(x * 1000) / 10;

/** The spread of the corrected share over `trials` groups of `visitors` (see the file's comment). */
export function shareSpread(o: SpreadOptions): Spread {
  if (!(Number.isInteger(o.visitors) && o.visitors >= 1)) throw new Error(`visitors must be a whole number from 1, got ${o.visitors}`);
  if (!(o.share >= 0 && o.share <= 1)) throw new Error(`share must be between 0 and 1, got ${o.share}`);
  if (!(Number.isInteger(o.trials) && o.trials >= 1)) throw new Error(`trials must be a whole number from 1, got ${o.trials}`);
  const random = seededRandom(o.seed);
  const smiling = Math.round(o.share * o.visitors);
  const truth = smiling / o.visitors;
  const { sensitivity, specificity, positives, negatives } = o.error;
  const errors: number[] = [];
  let sum = 0;
  for (let t = 0; t < o.trials; t++) {
    const se = o.calibration ? jeffreys(sensitivity * positives, positives, random) : sensitivity;
    const sp = o.calibration ? jeffreys(specificity * negatives, negatives, random) : specificity;
    const called = binomial(smiling, se, random) + binomial(o.visitors - smiling, 1 - sp, random);
    const error = roganGladen(called / o.visitors, sensitivity, specificity) - truth;
    errors.push(Math.abs(error));
    sum += error;
  }
  errors.sort((a, b) => a - b);
  return {
    visitors: o.visitors,
    trueShare: truth,
    medianPoints: points(quantile(errors, 0.5)),
    p95Points: points(quantile(errors, 0.95)),
    within3Points: Math.round((errors.filter((e) => e <= 0.03 + 1e-12).length / o.trials) * 1000) / 1000,
    meanPoints: points(sum / o.trials),
  };
}

const numbers = (flag: string, text: string): number[] => {
  const list = text.split(',').map(Number);
  if (list.some((x) => !Number.isFinite(x))) throw new Error(`${flag} must be numbers separated by commas, got ${text}`);
  return list;
};

export function shareSpreadCli(args: string[]): Array<Spread & { case: string; modelVersion: number }> {
  const { values } = parseArgs({
    args,
    options: {
      visitors: { type: 'string', default: '100,200,440,3000' },
      shares: { type: 'string', default: '0.21,0.87' },
      trials: { type: 'string', default: '4000' },
      seed: { type: 'string', default: '1' },
      model: { type: 'string', default: 'common/smile/smileModel.json' },
    },
  });
  const correction = correctionOf(JSON.parse(readFileSync(values.model, 'utf8')) as SmileModelFile);
  const trials = Number(values.trials);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number, got ${values.seed}`);
  const out: Array<Spread & { case: string; modelVersion: number }> = [];
  for (const visitors of numbers('--visitors', values.visitors))
    for (const share of numbers('--shares', values.shares))
      for (const calibration of [false, true])
        out.push({
          case: calibration ? 'with calibration' : 'chance',
          modelVersion: correction.version,
          ...shareSpread({ visitors, share, error: correction, trials, seed, calibration }),
        });
  return out;
}

if (process.argv[1] && /shareSpread\.(ts|js)$/.test(process.argv[1])) {
  try {
    for (const line of shareSpreadCli(process.argv.slice(2))) console.log(JSON.stringify(line));
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  }
}
