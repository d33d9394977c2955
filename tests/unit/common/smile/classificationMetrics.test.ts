import { describe, expect, it } from 'vitest';
import { bestBalancedThreshold, binaryMetrics, rocAuc } from '../../../../common/smile/classificationMetrics';

describe('classification metrics', () => {
  it('computes accuracy, sensitivity, specificity and balanced accuracy at a threshold', () => {
    // 3 positives (2 found), 5 negatives (4 rejected).
    const scores = [0.9, 0.7, 0.2, 0.1, 0.3, 0.6, 0.05, 0.4];
    const labels = [1, 1, 1, 0, 0, 0, 0, 0];
    const m = binaryMetrics(scores, labels, 0.5);
    expect(m).toMatchObject({ count: 8, positives: 3, negatives: 5 });
    expect(m.accuracy).toBeCloseTo(6 / 8);
    expect(m.sensitivity).toBeCloseTo(2 / 3);
    expect(m.specificity).toBeCloseTo(4 / 5);
    expect(m.balancedAccuracy).toBeCloseTo((2 / 3 + 4 / 5) / 2);
  });

  it('computes ROC AUC as the share of correctly ordered positive/negative pairs, ties counting half', () => {
    expect(rocAuc([0.9, 0.8, 0.1, 0.2], [1, 1, 0, 0])).toBe(1);
    expect(rocAuc([0.1, 0.2, 0.9, 0.8], [1, 1, 0, 0])).toBe(0);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [1, 0, 1, 0])).toBe(0.5);
    // Pairs (pos, neg): (0.8,0.7) ok, (0.8,0.9) wrong, (0.6,0.7) wrong, (0.6,0.9) wrong, plus (0.8,0.1), (0.6,0.1) ok -> 3/6.
    expect(rocAuc([0.8, 0.6, 0.7, 0.9, 0.1], [1, 1, 0, 0, 0])).toBeCloseTo(3 / 6);
    expect(rocAuc([0.3, 0.4], [1, 1])).toBeNaN();
  });

  it('chooses the threshold that maximises balanced accuracy, between two scores', () => {
    const scores = [0.1, 0.2, 0.3, 0.35, 0.6, 0.7];
    const labels = [0, 0, 0, 1, 1, 1];
    const t = bestBalancedThreshold(scores, labels);
    expect(t).toBeCloseTo(0.325);
    expect(binaryMetrics(scores, labels, t).balancedAccuracy).toBe(1);
  });

  it('rejects mismatched or invalid input', () => {
    expect(() => binaryMetrics([0.1], [1, 0], 0.5)).toThrow(/1 scores but 2 labels/);
    expect(() => rocAuc([0.1, 0.2], [1, 2])).toThrow(/0 or 1/);
    expect(() => rocAuc([Number.NaN, 0.2], [1, 0])).toThrow(/finite/);
  });
});
