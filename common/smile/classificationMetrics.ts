/**
 * Metrics of a binary score against labels (1 = smile), used by the evaluation command line, the training script
 * and the benchmark, so every reported number comes from the same code.
 */
export interface BinaryMetrics {
  count: number;
  positives: number;
  negatives: number;
  accuracy: number;
  /** Mean of sensitivity and specificity: the honest figure when classes are unbalanced. */
  balancedAccuracy: number;
  sensitivity: number;
  specificity: number;
}

function checkInputs(scores: readonly number[], labels: readonly number[]): void {
  if (scores.length !== labels.length) throw new Error(`${scores.length} scores but ${labels.length} labels`);
  for (const l of labels) if (l !== 0 && l !== 1) throw new Error(`labels must be 0 or 1, got ${l}`);
  for (const s of scores) if (!Number.isFinite(s)) throw new Error(`scores must be finite numbers, got ${s}`);
}

/** Accuracy, sensitivity, specificity and balanced accuracy of `score >= threshold`. */
export function binaryMetrics(scores: readonly number[], labels: readonly number[], threshold: number): BinaryMetrics {
  checkInputs(scores, labels);
  let tp = 0;
  let tn = 0;
  let positives = 0;
  for (let i = 0; i < scores.length; i++) {
    const predicted = scores[i]! >= threshold;
    if (labels[i] === 1) {
      positives++;
      if (predicted) tp++;
    } else if (!predicted) tn++;
  }
  const negatives = scores.length - positives;
  const sensitivity = positives ? tp / positives : Number.NaN;
  const specificity = negatives ? tn / negatives : Number.NaN;
  return {
    count: scores.length,
    positives,
    negatives,
    accuracy: scores.length ? (tp + tn) / scores.length : Number.NaN,
    balancedAccuracy: (sensitivity + specificity) / 2,
    sensitivity,
    specificity,
  };
}

/**
 * Area under the ROC curve: the probability that a random positive scores above a random negative (ties count
 * one half), computed from average ranks (Mann-Whitney U). NaN when either class is empty.
 */
export function rocAuc(scores: readonly number[], labels: readonly number[]): number {
  checkInputs(scores, labels);
  const order = scores.map((s, i) => ({ s, l: labels[i]! })).sort((a, b) => a.s - b.s);
  let rankSumPositives = 0;
  let positives = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j < order.length && order[j]!.s === order[i]!.s) j++;
    const averageRank = (i + 1 + j) / 2; // ranks i+1 .. j share their mean
    for (let k = i; k < j; k++) {
      if (order[k]!.l === 1) {
        rankSumPositives += averageRank;
        positives++;
      }
    }
    i = j;
  }
  const negatives = order.length - positives;
  if (!positives || !negatives) return Number.NaN;
  return (rankSumPositives - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * The threshold that maximises balanced accuracy on these scores (midpoint between adjacent distinct scores, so it
 * generalises a little better than a threshold sitting exactly on a training score).
 */
export function bestBalancedThreshold(scores: readonly number[], labels: readonly number[]): number {
  checkInputs(scores, labels);
  const distinct = [...new Set(scores)].sort((a, b) => a - b);
  if (distinct.length === 0) throw new Error('no scores to choose a threshold from');
  const candidates = [distinct[0]! - 1e-6, ...distinct.slice(1).map((s, i) => (s + distinct[i]!) / 2), distinct.at(-1)! + 1e-6];
  let best = candidates[0]!;
  let bestValue = -1;
  for (const t of candidates) {
    const value = binaryMetrics(scores, labels, t).balancedAccuracy;
    if (value > bestValue) {
      bestValue = value;
      best = t;
    }
  }
  return best;
}
