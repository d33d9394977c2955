import { describe, expect, it } from 'vitest';
import { shareSpread, shareSpreadCli } from '../../../../scripts/smile/shareSpread';

const shipped = { sensitivity: 0.812, specificity: 0.9495, positives: 399, negatives: 396 };

describe('shareSpread', () => {
  it('leaves no error with a meter that is never wrong', () => {
    const s = shareSpread({
      visitors: 50,
      share: 0.3,
      error: { ...shipped, sensitivity: 1, specificity: 1 },
      trials: 200,
      seed: 1,
      calibration: false,
    });
    expect(s).toMatchObject({ trueShare: 0.3, medianPoints: 0, p95Points: 0, within3Points: 1, meanPoints: 0 });
  });

  it("spreads by chance as the binomial variance of the meter's mistakes says", () => {
    // 174 smiling and 26 other visitors: the corrected share's standard deviation is
    // sqrt(174·Se·(1 − Se) + 26·Sp·(1 − Sp)) / 200 / (Se + Sp − 1) = 3.46 points.
    const sd = Math.sqrt(174 * 0.812 * 0.188 + 26 * 0.9495 * 0.0505) / 200 / (0.812 + 0.9495 - 1);
    const s = shareSpread({ visitors: 200, share: 0.87, error: shipped, trials: 4000, seed: 3, calibration: false });
    expect(s.p95Points / 100).toBeGreaterThan(1.96 * sd * 0.9);
    expect(s.p95Points / 100).toBeLessThan(1.96 * sd * 1.1);
    expect(s.medianPoints / 100).toBeGreaterThan(0.674 * sd * 0.85);
    expect(s.medianPoints / 100).toBeLessThan(0.674 * sd * 1.15);
    expect(Math.abs(s.meanPoints)).toBeLessThan(0.3); // unbiased away from the clamp
  });

  it("spreads wider when the meter's Se and Sp are only known from a few hundred visitors, and narrower with more visitors", () => {
    const at = (visitors: number, calibration: boolean) =>
      shareSpread({ visitors, share: 0.87, error: shipped, trials: 2000, seed: 5, calibration });
    expect(at(3000, true).p95Points).toBeGreaterThan(at(3000, false).p95Points * 1.5);
    expect(at(3000, false).p95Points).toBeLessThan(at(200, false).p95Points / 2);
    expect(at(3000, false).within3Points).toBeGreaterThan(at(200, false).within3Points);
  });

  it('refuses what is not a group of visitors', () => {
    const o = { visitors: 10, share: 0.5, error: shipped, trials: 10, seed: 1, calibration: false };
    expect(() => shareSpread({ ...o, visitors: 0 })).toThrow(/visitors must be a whole number from 1, got 0/);
    expect(() => shareSpread({ ...o, share: 1.5 })).toThrow(/share must be between 0 and 1, got 1.5/);
    expect(() => shareSpread({ ...o, trials: 2.5 })).toThrow(/trials must be a whole number from 1, got 2.5/);
  });
});

describe('smile:spread', () => {
  it("prints both cases per visitor count and share with the shipped model's version", () => {
    const lines = shareSpreadCli(['--visitors', '100,400', '--shares', '0.21', '--trials', '100']);
    expect(lines.map((l) => [l.visitors, l.case])).toEqual([
      [100, 'chance'],
      [100, 'with calibration'],
      [400, 'chance'],
      [400, 'with calibration'],
    ]);
    expect(lines.every((l) => Number.isInteger(l.modelVersion) && l.modelVersion >= 1)).toBe(true);
    expect(() => shareSpreadCli(['--visitors', '100,x'])).toThrow(/--visitors must be numbers separated by commas, got 100,x/);
  });
});
