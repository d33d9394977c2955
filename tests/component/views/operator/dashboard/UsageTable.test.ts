import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { METRICS } from '../../../../../common/metrics';
import { createKioskI18n } from '../../../../../src/i18n';
import UsageTable from '../../../../../src/views/operator/dashboard/UsageTable.vue';

describe('UsageTable', () => {
  it('every known metric has a label in both languages', () => {
    const i18n = createKioskI18n('en');
    for (const locale of ['en', 'zh-CN'] as const)
      for (const m of Object.keys(METRICS)) expect(i18n.global.te(`metrics.${m}`, locale), `${locale}: ${m}`).toBe(true);
  });

  it('lists every metric returned, labelled when known and by name when not, with its change', () => {
    const usage = { 'history.story_opened': 1200, 'postcard.made': 4, 'panorama.future_metric': 2 };
    const changes = {
      'history.story_opened': { current: 1200, previous: 1000, delta: 200, percent: 20 },
      'postcard.made': { current: 4, previous: 8, delta: -4, percent: -50 },
      'panorama.future_metric': { current: 2, previous: 0, delta: 2, percent: null },
      'postcard.printed': { current: 0, previous: 3, delta: -3, percent: -100 },
    };
    const w = mount(UsageTable, { props: { usage, changes }, global: { plugins: [createKioskI18n('en')] } });
    const row = (m: string) =>
      w
        .get(`[data-testid="usage-${m}"]`)
        .findAll('th, td')
        .map((c) => c.text());
    expect(row('history.story_opened')).toEqual(['Stories opened', '1,200', '+20% vs. previous period']);
    expect(row('postcard.made')).toEqual(['Postcards made', '4', '-50% vs. previous period']);
    expect(row('postcard.printed')).toEqual(['Postcards printed', '0', '-100% vs. previous period']);
    expect(row('panorama.future_metric')).toEqual(['panorama.future_metric', '2', 'No data in the previous period']);
    expect(w.get('[data-testid="usage-postcard.made"] .change').classes()).toContain('down');
  });

  it('says so when nothing was used', () => {
    const w = mount(UsageTable, { props: { usage: {}, changes: {} }, global: { plugins: [createKioskI18n('zh-CN')] } });
    expect(w.get('[data-testid="usage-empty"]').text()).toBe('此期间没有展项使用记录');
  });
});
