import { describe, expect, it } from 'vitest';
import { binaryMetrics, bestBalancedThreshold, rocAuc } from '../../../../common/smile/classificationMetrics';
import { chooseHyperparameters, logLoss, nestedCrossValidation } from '../../../../scripts/smile/nestedCrossValidation';
import { trainLogistic, predictLogistic } from '../../../../common/smile/logisticRegression';

function lcg(seed: number) {
  let s = seed;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** `signal` columns shift with the class by `strength`; the rest are uniform noise. */
function synthetic(n: number, columns: number, signal: number, strength: number, seed: number) {
  const r = lcg(seed);
  const labels = Array.from({ length: n }, (_, i) => i % 2);
  const rows = labels.map((l) => Array.from({ length: columns }, (_, j) => r() + (j < signal ? l * strength : 0)));
  return { rows, labels, names: Array.from({ length: columns }, (_, j) => `x${j}`) };
}

describe('nested cross-validation', () => {
  it('scores every row out of fold and recovers a learnable signal', () => {
    const { rows, labels, names } = synthetic(120, 3, 1, 0.8, 5);
    const r = nestedCrossValidation(rows, labels, names, { folds: 5, innerFolds: 3, l2Grid: [0.01, 1], seed: 2 });
    expect(r.scores.every((s) => s > 0 && s < 1)).toBe(true);
    expect(r.decisions.every((d) => d === 0 || d === 1)).toBe(true);
    expect(r.chosen).toHaveLength(5);
    for (const c of r.chosen) expect([0.01, 1]).toContain(c.l2);
    expect(rocAuc(r.scores, labels)).toBeGreaterThan(0.9);
  });

  it('is not fooled by noise where tuning on the same data is', () => {
    // 40 noise features for 60 rows: an in-sample fit with its threshold tuned on itself looks excellent.
    const { rows, labels, names } = synthetic(60, 40, 0, 0, 11);
    const fitted = trainLogistic(rows, labels, names, { l2: 0.001 });
    const inSample = rows.map((row) => predictLogistic(fitted, row));
    expect(binaryMetrics(inSample, labels, bestBalancedThreshold(inSample, labels)).balancedAccuracy).toBeGreaterThan(0.9);
    const r = nestedCrossValidation(rows, labels, names, { folds: 5, innerFolds: 3, l2Grid: [0.001, 1], seed: 3 });
    expect(binaryMetrics(r.decisions, labels, 0.5).balancedAccuracy).toBeLessThan(0.7);
  });

  it('chooses the penalty by inner log-loss: strong penalties win on noise', () => {
    const { rows, labels, names } = synthetic(60, 20, 0, 0, 4);
    expect(chooseHyperparameters(rows, labels, names, { innerFolds: 3, l2Grid: [0.0001, 100], seed: 1 }).l2).toBe(100);
    expect(() => chooseHyperparameters(rows, labels, names, { innerFolds: 3, l2Grid: [], seed: 1 })).toThrow(/l2Grid is empty/);
  });

  it('log-loss is ln 2 for coin flips and small for confident right answers', () => {
    expect(logLoss([0.5, 0.5], [0, 1])).toBeCloseTo(Math.log(2));
    expect(logLoss([0.01, 0.99], [0, 1])).toBeCloseTo(-Math.log(0.99));
    expect(logLoss([1, 0], [0, 1])).toBeGreaterThan(10); // clamped, not infinite
  });
});
