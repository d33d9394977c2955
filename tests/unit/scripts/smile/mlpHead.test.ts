import { describe, expect, it } from 'vitest';
import { binaryMetrics, rocAuc } from '../../../../common/smile/classificationMetrics';
import { nestedMlp, predictMlp, trainMlp } from '../../../../scripts/smile/mlpHead';

function lcg(seed: number) {
  let s = seed;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** Two features whose signs agree for a smile (XOR): no linear boundary separates them; one noise feature. */
function xor(n: number, seed: number) {
  const r = lcg(seed);
  const rows = Array.from({ length: n }, () => [r() * 2 - 1, r() * 2 - 1, r()]);
  const labels = rows.map(([a, b]) => (a! * b! > 0 ? 1 : 0));
  return { rows, labels, names: ['a', 'b', 'noise'] };
}

describe('MLP smile head', () => {
  it('learns a boundary a linear head cannot, the same way twice from the same seed', () => {
    const { rows, labels, names } = xor(600, 4);
    const model = trainMlp(rows, labels, names, { hidden: 8, l2: 1e-4, epochs: 60, learningRate: 0.01 });
    const test = xor(300, 5);
    const scores = test.rows.map((row) => predictMlp(model, row));
    expect(binaryMetrics(scores, test.labels, 0.5).balancedAccuracy).toBeGreaterThan(0.9);
    expect(trainMlp(rows, labels, names, { hidden: 8, l2: 1e-4, epochs: 60, learningRate: 0.01 })).toEqual(model);
    expect(() => predictMlp(model, [1, 2])).toThrow(/expected 3 features/);
  });

  it('nested CV scores every row out of fold and chooses from its grid', () => {
    const { rows, labels, names } = xor(240, 6);
    const r = nestedMlp(rows, labels, names, {
      folds: 3,
      innerFolds: 2,
      grid: [
        { hidden: 8, l2: 1e-4 },
        { hidden: 2, l2: 1 },
      ],
      seed: 1,
      fit: { epochs: 40, learningRate: 0.01 },
    });
    expect(r.scores.every((s) => s > 0 && s < 1)).toBe(true);
    expect(r.chosen).toHaveLength(3);
    // A penalty of 1 flattens the net to a constant: the inner folds must prefer the free one.
    for (const c of r.chosen) expect(c).toEqual({ hidden: 8, l2: 1e-4 });
    expect(rocAuc(r.scores, labels)).toBeGreaterThan(0.9);
  });
});
