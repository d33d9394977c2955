import { describe, expect, it } from 'vitest';
import { correctShare } from '../../../../common/smileShare';
import { formatBytes, formatDuration, formatPoints, formatShare, shownShare } from '../../../../web/console/format';

const t = (key: string, p: Record<string, unknown>) => `${key.split('.')[1]}:${String(p.n ?? '')}`;
const error = { sensitivity: 0.88, specificity: 0.9, positives: 400, negatives: 400 };

describe('console number formats', () => {
  it('shows the corrected share only from the minimum visitors on, the counted share without a correction', () => {
    const many = correctShare(16, 40, error);
    expect(shownShare(many, true, 20)).toEqual({ value: many.correctedShare, tooFew: false });
    expect(shownShare(correctShare(3, 7, error), true, 20)).toEqual({ value: null, tooFew: true });
    expect(shownShare({ n: 7, rawShare: 3 / 7, correctedShare: null, interval: null }, false, 20)).toEqual({ value: 3 / 7, tooFew: false });
  });

  it('formats shares, points, bytes and durations as the page shows them', () => {
    expect(formatShare(0.398, 'zh-CN')).toBe('39.8%');
    expect(formatShare(null, 'en')).toBe('—');
    expect(formatPoints(0.2521, 'en')).toBe('+25.2');
    expect(formatPoints(-0.05, 'en')).toBe('-5');
    expect(formatBytes(5 * 1024 ** 3, 'en')).toBe('5 GB');
    expect(formatDuration(3 * 3600 + 5 * 60 + 59, t)).toBe('h:3 m:5');
    expect(formatDuration(2 * 86400 + 3600 + 60, t)).toBe('d:2 h:1');
    expect(formatDuration(86400, t)).toBe('d:1');
    expect(formatDuration(30, t)).toBe('lessThanMinute:');
  });
});
