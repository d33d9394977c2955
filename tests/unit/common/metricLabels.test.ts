import { describe, expect, it } from 'vitest';
import { METRIC_LABELS, metricLabel, metricMessageTree } from '../../../common/metricLabels';
import { METRICS } from '../../../common/metrics';

describe('metric labels', () => {
  it('label every metric in both languages, and nothing else', () => {
    expect(Object.keys(METRIC_LABELS).sort()).toEqual(Object.keys(METRICS).sort());
    for (const labels of Object.values(METRIC_LABELS)) {
      expect(labels['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(labels.en).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it('fall back to the raw name for a metric the kiosk does not know (an old row)', () => {
    expect(metricLabel('smile.exit.smiling', 'en')).toBe('Smiling visitors out');
    expect(metricLabel('smile.exit.smiling', 'zh-CN')).toBe('出站微笑人次');
    expect(metricLabel('retired.metric', 'en')).toBe('retired.metric');
    expect(metricLabel('toString', 'en')).toBe('toString');
  });

  it('nest as vue-i18n messages under the dotted name', () => {
    const tree = metricMessageTree('en') as { smile: { entry: { visitors: string } }; postcard: { picked_up: string } };
    expect(tree.smile.entry.visitors).toBe('Visitors in');
    expect(tree.postcard.picked_up).toBe('Postcards picked up');
  });
});
