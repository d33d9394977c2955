import { bestBalancedThreshold } from '../../common/smile/classificationMetrics';
import { crossValidatedScores, predictLogistic, stratifiedFolds, trainLogistic } from '../../common/smile/logisticRegression';

/**
 * Nested cross-validation of the smile model: an honest estimate of how it does on faces it has never seen, with
 * every choice made by training (the L2 penalty and the decision threshold) made again inside each outer training
 * fold from that fold alone. The outer test fold is touched once, to score it. Plain k-fold with the penalty and
 * threshold picked on the same data would flatter the model. (Varma & Simon, BMC Bioinformatics 7:91, 2006.)
 */
export interface NestedCvOptions {
  folds: number;
  innerFolds: number;
  /** Candidate L2 penalties; the one with the lowest inner out-of-fold log-loss wins. */
  l2Grid: number[];
  seed: number;
  /** Weigh the classes equally when fitting (logisticRegression.ts `balanced`). */
  balanced?: boolean;
}

export interface NestedCvResult {
  /** Out-of-fold P(smile) of every row (from a model that never saw it). */
  scores: number[];
  /** Out-of-fold decision of every row at the threshold its training fold chose (1 = smile). */
  decisions: number[];
  /** Per outer fold: the chosen penalty and threshold. */
  chosen: Array<{ l2: number; threshold: number }>;
}

export const defaultNestedCvOptions: NestedCvOptions = { folds: 10, innerFolds: 5, l2Grid: [0.01, 0.03, 0.1, 0.3, 1, 3], seed: 1 };

/** Mean log-loss of probabilities against labels. */
export function logLoss(scores: readonly number[], labels: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    const p = Math.min(Math.max(scores[i]!, 1e-9), 1 - 1e-9);
    sum -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / scores.length;
}

/** Picks the penalty and threshold on `rows` alone by inner k-fold cross-validation. */
export function chooseHyperparameters(
  rows: readonly number[][],
  labels: readonly number[],
  featureNames: string[],
  options: Omit<NestedCvOptions, 'folds'>,
): { l2: number; threshold: number } {
  if (options.l2Grid.length === 0) throw new Error('l2Grid is empty');
  let best: { l2: number; loss: number; scores: number[] } | null = null;
  for (const l2 of options.l2Grid) {
    const scores = crossValidatedScores(
      rows,
      labels,
      featureNames,
      options.innerFolds,
      { l2, balanced: options.balanced ?? false },
      options.seed,
    );
    const loss = logLoss(scores, labels);
    if (!best || loss < best.loss) best = { l2, loss, scores };
  }
  return { l2: best!.l2, threshold: bestBalancedThreshold(best!.scores, labels) };
}

export function nestedCrossValidation(
  rows: readonly number[][],
  labels: readonly number[],
  featureNames: string[],
  options: Partial<NestedCvOptions> = {},
): NestedCvResult {
  const o = { ...defaultNestedCvOptions, ...options };
  if (rows.length !== labels.length) throw new Error(`${rows.length} rows but ${labels.length} labels`);
  const fold = stratifiedFolds(labels, o.folds, o.seed);
  const scores = new Array<number>(rows.length).fill(Number.NaN);
  const decisions = new Array<number>(rows.length).fill(Number.NaN);
  const chosen: NestedCvResult['chosen'] = [];
  for (let f = 0; f < o.folds; f++) {
    const train = rows.flatMap((_, i) => (fold[i] === f ? [] : [i]));
    const trainRows = train.map((i) => rows[i]!);
    const trainLabels = train.map((i) => labels[i]!);
    // Inner folds use a different shuffle from the outer ones.
    const pick = chooseHyperparameters(trainRows, trainLabels, featureNames, { ...o, seed: o.seed * 7919 + f + 1 });
    chosen.push(pick);
    const model = trainLogistic(trainRows, trainLabels, featureNames, { l2: pick.l2, balanced: o.balanced ?? false });
    rows.forEach((r, i) => {
      if (fold[i] !== f) return;
      scores[i] = predictLogistic(model, r);
      decisions[i] = scores[i]! >= pick.threshold ? 1 : 0;
    });
  }
  return { scores, decisions, chosen };
}
