import { describe, expect, it } from 'vitest';
import { aggregateSmileScores, decideSmile } from '../../../../common/smile/smileDecision';

describe('smile decision', () => {
  const scores = [0.9, 0.8, 0.85, 0.0, 0.95, 0.1, 0.9, 0.88, 0.92, 0.87];

  it('aggregates by mean, median and trimmed mean, skipping missing scores', () => {
    expect(aggregateSmileScores(scores, 'mean')).toBeCloseTo(7.17 / 10);
    expect(aggregateSmileScores([...scores, Number.NaN], 'median')).toBeCloseTo((0.87 + 0.88) / 2);
    // 20% of 10 = 2 cut from each end: drop 0.0, 0.1 and 0.92, 0.95.
    expect(aggregateSmileScores(scores, 'trimmedMean', 0.2)).toBeCloseTo((0.8 + 0.85 + 0.87 + 0.88 + 0.9 + 0.9) / 6);
    expect(aggregateSmileScores([], 'median')).toBeNaN();
  });

  it('compares the aggregate with the threshold once', () => {
    expect(decideSmile(scores, { aggregation: 'mean', trim: 0, threshold: 0.75 }).smiling).toBe(false);
    expect(decideSmile(scores, { aggregation: 'trimmedMean', trim: 0.2, threshold: 0.75 }).smiling).toBe(true);
    expect(decideSmile([], { aggregation: 'median', trim: 0, threshold: 0 }).smiling).toBe(false);
  });

  it('rejects a trim of half or more', () => {
    expect(() => aggregateSmileScores(scores, 'trimmedMean', 0.5)).toThrow(/trim/);
  });
});
