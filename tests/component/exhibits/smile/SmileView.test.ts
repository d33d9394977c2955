import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import SmileView from '../../../../src/exhibits/smile/SmileView.vue';
import { useSmileStore } from '../../../../src/exhibits/smile/useSmileStore';
import { createKioskI18n } from '../../../../src/i18n';
import { toActivePack } from '../../../../src/packs/packApi';
import { useContentPackStore } from '../../../../src/packs/useContentPackStore';
import { createKioskRouter } from '../../../../src/router';
import { useLanguageStore } from '../../../../src/stores/useLanguageStore';
import { historyManifest } from '../../../fixtures/packs/historyManifest';
import { installScriptedKiosk, setReducedMotion, summaryOf } from './smileFixtures';

/**
 * The big screen over a scripted getSmileSummary; echarts is stubbed (happy-dom has no canvas; the options are tested
 * in smileCharts.test.ts).
 */
async function mountView(wording?: Record<string, { 'zh-CN': string; en: string }>, minVisitors?: number) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const packs = useContentPackStore();
  packs.active = toActivePack({
    manifest: { ...historyManifest(), smile: { ...(wording ? { wording } : {}), ...(minVisitors ? { minVisitors } : {}) } },
  });
  packs.loaded = true;
  const router = createKioskRouter();
  const wrapper = mount(SmileView, {
    attachTo: undefined,
    global: { plugins: [pinia, router, createKioskI18n('zh-CN')], stubs: { EChart: true } },
  });
  await flushPromises();
  mounted.push(wrapper);
  return wrapper;
}
const mounted: { unmount(): void }[] = [];
const text = (w: Awaited<ReturnType<typeof mountView>>, id: string): string => w.get(`[data-testid="${id}"]`).text();
const ringValue = (w: Awaited<ReturnType<typeof mountView>>, role: string): string =>
  w.get(`[data-testid="share-${role}"] [data-testid="share-value"]`).text();

beforeEach(() => setReducedMotion(true));
afterEach(() => {
  // Unmounted: the screen stops polling, so no test's timer runs into the next.
  mounted.splice(0).forEach((w) => w.unmount());
  vi.useRealTimers();
});

describe('SmileView (the big screen)', () => {
  it("shows the corrected entry and exit shares, their lift in points and today's visitors (the station's true 21 % and 86.7 %)", async () => {
    // A classifier with Se 0.88 and Sp 0.90 counts a true 21 % as 26.4 % and a true 86.7 % as 77.6 %: the screen
    // shows the shares corrected back (common/smileShare.ts), not the counted ones.
    installScriptedKiosk({ getSmileSummary: summaryOf([1000, 264], [1000, 776]) });
    const w = await mountView();
    expect(ringValue(w, 'entry')).toBe('21%');
    expect(ringValue(w, 'exit')).toBe('86.7%');
    expect(text(w, 'lift-value')).toBe('+65.6');
    expect(text(w, 'visitors-entry')).toContain('1,000');
    expect(text(w, 'visitors-exit')).toContain('1,000');
    // The words agree with the percentage: about 21 % of 1,000, not the 264 counted.
    expect(w.get('[data-testid="share-entry"] [data-testid="share-detail"]').text()).toBe('1,000 人中约 210 人微笑');
    expect(w.find('[data-testid^="smile-notice-"]').exists()).toBe(false);
    expect(w.get('[data-testid="smile"]').attributes('data-state')).toBe('on');
    // Both charts get today's hours and the week.
    await vi.waitFor(() => expect(w.findAllComponents({ name: 'EChart' })).toHaveLength(2), { timeout: 10_000 });
    const [hourly, week] = w.findAllComponents({ name: 'EChart' });
    expect(hourly?.props('testid')).toBe('smile-chart-hourly');
    expect((hourly?.props('option') as { series: { data: number[] }[] }).series[0]?.data[10]).toBe(1000);
    expect(week?.props('label')).toBe('最近七天每天的进站和离站微笑率');
    expect((week?.props('option') as { xAxis: { data: string[] } }).xAxis.data[6]).toBe('周三\n3/18\n1,000进 1,000出');
  }, 20_000); // the first import of echarts (the charts' lazy chunk) takes a few seconds

  it('no visitors: a dash and "nobody yet", never 0 %; the lift waits for both', async () => {
    installScriptedKiosk({ getSmileSummary: summaryOf([40, 0], [0, 0]) });
    const w = await mountView();
    expect(ringValue(w, 'entry')).toBe('0%');
    expect(ringValue(w, 'exit')).toBe('—');
    expect(w.get('[data-testid="share-exit"] [data-testid="share-detail"]').text()).toBe('今天还没有人经过');
    expect(text(w, 'lift-value')).toBe('—');
    expect(text(w, 'lift-caption')).toBe('两处都有人经过后显示');
    expect(text(w, 'lift')).not.toContain('个百分点');
    expect(text(w, 'visitors-exit')).toContain('0');
  });

  it('takes its words from the pack, falls back to its own for what the pack leaves out, and follows the language', async () => {
    installScriptedKiosk({ getSmileSummary: summaryOf([100, 49], [100, 80]) });
    const w = await mountView({
      title: { 'zh-CN': '滨江微笑指数', en: 'Riverside Smile Index' },
      privacyNotice: { 'zh-CN': '只计数，不留影。', en: 'Counts only, no pictures.' },
    });
    expect(text(w, 'smile-title')).toBe('滨江微笑指数');
    expect(text(w, 'smile-privacy')).toContain('只计数，不留影。');
    expect(text(w, 'share-entry')).toContain('进站微笑率');
    useLanguageStore().current = 'en';
    // App.vue mirrors the language into vue-i18n; here the test does.
    (w.vm.$i18n as unknown as { locale: string }).locale = 'en';
    await flushPromises();
    expect(text(w, 'smile-title')).toBe('Riverside Smile Index');
    expect(text(w, 'smile-privacy')).toContain('Counts only, no pictures.');
    expect(text(w, 'share-entry')).toContain('Smiling on the way in');
    expect(w.get('[data-testid="share-exit"] [data-testid="share-detail"]').text()).toBe('About 90 of 100 smiling');
    expect(text(w, 'lift-value')).toBe('+39.7');
  });

  it('the meter off: the off notice instead of any figure; the privacy notice stays', async () => {
    installScriptedKiosk({ getSmileSummary: summaryOf([100, 21], [30, 26], { enabled: false }) });
    const w = await mountView({ offNotice: { 'zh-CN': '今天微笑统计休息。', en: 'The smile meter rests today.' } });
    expect(text(w, 'smile-off')).toContain('今天微笑统计休息。');
    expect(w.find('[data-testid="share-entry"]').exists()).toBe(false);
    expect(w.find('[data-testid="lift-value"]').exists()).toBe(false);
    expect(w.find('[data-testid="smile-privacy"]').exists()).toBe(true);
    expect(w.get('[data-testid="smile"]').attributes('data-state')).toBe('off');
  });

  it('says when a camera fails, when the counter stopped reporting, and when a role is switched off', async () => {
    installScriptedKiosk({
      getSmileSummary: summaryOf([100, 21], [30, 26], {
        cameras: { entry: true, exit: false },
        health: { stale: true, entry: 'failed', exit: 'retrying' },
      }),
    });
    const w = await mountView();
    const notices = w.findAll('[data-testid^="smile-notice-"]').map((n) => n.text());
    expect(notices).toEqual(['统计程序没有运行，数字暂不更新', '入口摄像头无法工作，请联系工作人员']);
    // The exit role is off: no figure and no failure notice for it.
    expect(ringValue(w, 'exit')).toBe('—');
    expect(w.get('[data-testid="share-exit"] [data-testid="share-detail"]').text()).toBe('这个摄像头已关闭');
    expect(text(w, 'visitors-exit')).toContain('—');
  });

  it('keeps the last figures and says so when the services cannot answer', async () => {
    const kiosk = installScriptedKiosk({ getSmileSummary: summaryOf([100, 49], [100, 80]) });
    const w = await mountView();
    expect(ringValue(w, 'entry')).toBe('50%');
    kiosk.failures.getSmileSummary = { code: 'INTERNAL', message: 'services restarting' };
    await useSmileStore().refresh();
    await flushPromises();
    expect(text(w, 'smile-notice-loadFailed')).toBe('暂时无法读取统计数字，正在重试');
    expect(ringValue(w, 'entry')).toBe('50%');
  });

  it('polls every few seconds while shown and stops when it closes', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const kiosk = installScriptedKiosk({ getSmileSummary: summaryOf([20, 20], [20, 20]) });
    const w = await mountView();
    const polls = () => kiosk.calls.filter((c) => c.method === 'getSmileSummary').length;
    expect(polls()).toBe(1);
    kiosk.answers.getSmileSummary = summaryOf([100, 49], [20, 20]);
    vi.advanceTimersByTime(3_000);
    await flushPromises();
    expect(polls()).toBe(2);
    expect(ringValue(w, 'entry')).toBe('50%');
    mounted.splice(mounted.indexOf(w), 1);
    w.unmount();
    vi.advanceTimersByTime(30_000);
    expect(polls()).toBe(2);
  });

  it('counts roll up to their value unless the system prefers reduced motion', async () => {
    setReducedMotion(false);
    installScriptedKiosk({ getSmileSummary: summaryOf([1000, 490], [10, 9]) });
    const w = await mountView();
    // Mid-roll (1.2 s) the numbers are on their way, and then they arrive.
    expect(text(w, 'visitors-entry')).not.toContain('1,000');
    await vi.waitFor(() => expect(text(w, 'visitors-entry')).toContain('1,000'), { timeout: 3000 });
    expect(ringValue(w, 'entry')).toBe('50%');
  });

  it('under the minimum count: a dash and "too few visitors yet" in both languages, and no lift', async () => {
    installScriptedKiosk({ getSmileSummary: summaryOf([19, 5], [1000, 776]) });
    const w = await mountView();
    expect(ringValue(w, 'entry')).toBe('—');
    expect(w.get('[data-testid="share-entry"] [data-testid="share-detail"]').text()).toBe('经过的人还太少（满 20 人后显示）');
    expect(ringValue(w, 'exit')).toBe('86.7%');
    expect(text(w, 'lift-value')).toBe('—');
    (w.vm.$i18n as unknown as { locale: string }).locale = 'en';
    await flushPromises();
    expect(w.get('[data-testid="share-entry"] [data-testid="share-detail"]').text()).toBe('Too few visitors yet (shown from 20)');
  });

  it('the pack may set the minimum count (smile.minVisitors)', async () => {
    installScriptedKiosk({ getSmileSummary: summaryOf([19, 5], [300, 233]) });
    const w = await mountView(undefined, 5);
    // 5 of 19 counted: (0.263 - 0.10) / 0.78.
    expect(ringValue(w, 'entry')).toBe('20.9%');
    const few = await mountView(undefined, 500);
    expect(ringValue(few, 'exit')).toBe('—');
    expect(few.get('[data-testid="share-exit"] [data-testid="share-detail"]').text()).toBe('经过的人还太少（满 500 人后显示）');
  });

  it("not corrected (the threshold setting is not the model's): the counted share and the counted words", async () => {
    installScriptedKiosk({ getSmileSummary: summaryOf([100, 21], [30, 26], { correction: null }) });
    const w = await mountView();
    expect(ringValue(w, 'entry')).toBe('21%');
    expect(ringValue(w, 'exit')).toBe('86.7%');
    expect(text(w, 'lift-value')).toBe('+65.7');
    expect(w.get('[data-testid="share-entry"] [data-testid="share-detail"]').text()).toBe('100 人中 21 人微笑');
  });
});
