import { describe, expect, it } from 'vitest';
import { crossValidatedScores, predictLogistic, stratifiedFolds, trainLogistic } from '../../../../common/smile/logisticRegression';
import { rocAuc } from '../../../../common/smile/classificationMetrics';

/** Deterministic pseudo-random numbers for synthetic data. */
function lcg(seed: number) {
  let s = seed;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function synthetic(n: number, seed: number) {
  const r = lcg(seed);
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    // Feature 0 carries the class (shifted by 2 units on a 100x scale), feature 1 is noise.
    rows.push([100 * (label * 2 + (r() - 0.5) * 2), r()]);
    labels.push(label);
  }
  return { rows, labels };
}

describe('logistic regression', () => {
  it('learns a separable feature, ignores a noise feature, and standardises scales', () => {
    const { rows, labels } = synthetic(200, 7);
    const model = trainLogistic(rows, labels, ['signal', 'noise'], { l2: 0.01 });
    expect(Math.abs(model.weights[0]!)).toBeGreaterThan(5 * Math.abs(model.weights[1]!));
    expect(predictLogistic(model, [250, 0.5])).toBeGreaterThan(0.9);
    expect(predictLogistic(model, [-50, 0.5])).toBeLessThan(0.1);
  });

  it('gives out-of-fold scores that rank a learnable signal well and pure noise near chance', () => {
    const { rows, labels } = synthetic(200, 3);
    const cv = crossValidatedScores(rows, labels, ['signal', 'noise'], 5);
    expect(cv.every((s) => s >= 0 && s <= 1)).toBe(true);
    expect(rocAuc(cv, labels)).toBeGreaterThan(0.95);
    const noiseOnly = crossValidatedScores(
      rows.map((r) => [r[1]!]),
      labels,
      ['noise'],
      5,
    );
    expect(Math.abs(rocAuc(noiseOnly, labels) - 0.5)).toBeLessThan(0.15);
  });

  it('deals each class evenly into folds', () => {
    const labels = [...new Array(30).fill(1), ...new Array(20).fill(0)] as number[];
    const folds = stratifiedFolds(labels, 5);
    for (let f = 0; f < 5; f++) {
      expect(labels.filter((l, i) => l === 1 && folds[i] === f)).toHaveLength(6);
      expect(labels.filter((l, i) => l === 0 && folds[i] === f)).toHaveLength(4);
    }
  });

  it('reaches the penalised optimum: the gradient vanishes there', () => {
    const { rows, labels } = synthetic(200, 9);
    const l2 = 0.05;
    const model = trainLogistic(rows, labels, ['signal', 'noise'], { l2 });
    // Gradient of mean log-loss + l2/2 |w|^2 in the standardised space the model works in.
    const gradient = [0, 0, 0];
    rows.forEach((r, i) => {
      const z = r.map((v, j) => (v - model.mean[j]!) / model.std[j]!);
      const err = (predictLogistic(model, r) - labels[i]!) / rows.length;
      gradient[0]! += err * z[0]!;
      gradient[1]! += err * z[1]!;
      gradient[2]! += err;
    });
    expect(Math.abs(gradient[0]! + l2 * model.weights[0]!)).toBeLessThan(1e-7);
    expect(Math.abs(gradient[1]! + l2 * model.weights[1]!)).toBeLessThan(1e-7);
    expect(Math.abs(gradient[2]!)).toBeLessThan(1e-7);
    // A stronger penalty shrinks the weights.
    expect(Math.abs(trainLogistic(rows, labels, ['signal', 'noise'], { l2: 10 }).weights[0]!)).toBeLessThan(Math.abs(model.weights[0]!));
  });

  it('rejects rows of the wrong width', () => {
    expect(() => trainLogistic([[1, 2], [3]], [0, 1], ['a', 'b'])).toThrow(/expected 2 features/);
    const model = trainLogistic([[1], [2]], [0, 1], ['a']);
    expect(() => predictLogistic(model, [1, 2])).toThrow(/expected 1 features/);
    expect(() => trainLogistic([[1], [2]], [0, 1], ['a'], { l2: 0 })).toThrow(/l2 must be positive/);
  });

  it('with balanced classes, a minority class shifted as much as the majority is found as often (0.5 threshold)', () => {
    // One overlapping feature; 1 positive for 4 negatives. Unweighted, P >= 0.5 misses most positives.
    const r = lcg(9);
    const gauss = () => Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());
    const labels = Array.from({ length: 2000 }, (_, i) => (i % 5 === 0 ? 1 : 0));
    const rows = labels.map((l) => [l + gauss()]);
    const rate = (balanced: boolean) => {
      const m = trainLogistic(rows, labels, ['x'], { l2: 1e-4, balanced });
      const hit = (cls: number) =>
        labels.filter((l, i) => l === cls && predictLogistic(m, rows[i]!) >= 0.5 === (cls === 1)).length /
        labels.filter((l) => l === cls).length;
      return { se: hit(1), sp: hit(0) };
    };
    const plain = rate(false);
    const balanced = rate(true);
    expect(plain.se).toBeLessThan(0.3);
    // Equal unit shift both ways: the balanced boundary sits near the midpoint 0.5, so Se and Sp are both near 0.69.
    expect(Math.abs(balanced.se - balanced.sp)).toBeLessThan(0.08);
    expect(balanced.se).toBeGreaterThan(0.6);
  });

  it('L-BFGS reaches the same penalised optimum as Newton on many correlated features (both classes weighed)', () => {
    // 400 rows of 40 features: a few carry the class, all share a common factor (so the Hessian is far from diagonal),
    // 1 positive for 3 negatives; both penalties the grid spans.
    const r = lcg(21);
    const gauss = () => Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());
    const names = Array.from({ length: 40 }, (_, j) => `f${j}`);
    const labels = Array.from({ length: 400 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const rows = labels.map((l) => {
      const common = gauss();
      return names.map((_, j) => (j < 4 ? 0.8 * l : 0) + common + gauss() * (1 + j / 10) + 3 * j);
    });
    for (const l2 of [0.003, 0.3]) {
      const newton = trainLogistic(rows, labels, names, { l2, balanced: true, solver: 'newton' });
      const lbfgs = trainLogistic(rows, labels, names, { l2, balanced: true, solver: 'lbfgs' });
      expect(lbfgs.mean).toEqual(newton.mean);
      expect(lbfgs.std).toEqual(newton.std);
      for (let j = 0; j < names.length; j++) expect(Math.abs(lbfgs.weights[j]! - newton.weights[j]!)).toBeLessThan(1e-6);
      expect(Math.abs(lbfgs.bias - newton.bias)).toBeLessThan(1e-6);
      for (const row of rows) expect(Math.abs(predictLogistic(lbfgs, row) - predictLogistic(newton, row))).toBeLessThan(1e-7);
    }
    // Above 32 features `auto` takes L-BFGS; below, Newton.
    expect(trainLogistic(rows, labels, names, { l2: 0.3, balanced: true }).weights).toEqual(
      trainLogistic(rows, labels, names, { l2: 0.3, balanced: true, solver: 'lbfgs' }).weights,
    );
    const few = rows.map((row) => row.slice(0, 5));
    expect(trainLogistic(few, labels, names.slice(0, 5), { l2: 0.3 }).weights).toEqual(
      trainLogistic(few, labels, names.slice(0, 5), { l2: 0.3, solver: 'newton' }).weights,
    );
  });
});
