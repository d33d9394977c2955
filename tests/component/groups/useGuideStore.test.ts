import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { KioskError } from '../../../common/contract';
import GroupLogSection from '../../../src/groups/GroupLogSection.vue';
import { GUIDED_IDLE_MIN_SECONDS, useGuideStore } from '../../../src/groups/useGuideStore';
import { createKioskI18n } from '../../../src/i18n';
import { toActivePack } from '../../../src/packs/packApi';
import { useContentPackStore } from '../../../src/packs/useContentPackStore';
import { installFakeKiosk } from '../../fixtures/packs/fakeKiosk';
import { historyManifest } from '../../fixtures/packs/historyManifest';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const step = (minutes: number) => ({
  title: t('步', 'Step'),
  notes: t('注', 'Note'),
  minutes,
  target: { kind: 'story' as const, story: 'wharf', page: 1 },
});
const TOKEN = 'g'.repeat(40);

function setup(answers: Parameters<typeof installFakeKiosk>[0] = {}) {
  const fake = installFakeKiosk({
    unlockGuide: () => ({ token: TOKEN, expiresAt: Date.now() + 60_000 }),
    lockGuide: () => ({}),
    logGroupVisit: () => ({ recorded: true }),
    ...answers,
  });
  const pinia = createPinia();
  setActivePinia(pinia);
  const packs = useContentPackStore();
  const groups = {
    lessons: [{ id: 'wharf', title: t('码头', 'Wharf'), steps: [step(5), step(45), step(10)] }],
    organisationTypes: [{ id: 'school', label: t('学校', 'School') }],
  };
  packs.active = toActivePack({ manifest: { ...historyManifest(), groups } });
  packs.loaded = true;
  return { fake, pinia, guide: useGuideStore() };
}

describe('the guide store', () => {
  it('signs in with the guide PIN and steps through a lesson within its bounds', async () => {
    const { fake, guide } = setup();
    await guide.unlock('2468');
    expect(guide.unlocked).toBe(true);
    expect(fake.calls.map((c) => c.method)).toEqual(['unlockGuide']);

    expect(() => guide.begin('nope')).toThrow(/no lesson "nope"/);
    guide.begin('wharf');
    expect(guide.running).toBe(true);
    guide.prev();
    expect(guide.stepIndex).toBe(0);
    guide.next();
    guide.next();
    guide.next();
    expect(guide.stepIndex).toBe(2);
    guide.go(1);
    expect(guide.stepIndex).toBe(1);
  });

  it('holds the idle reset for at least half an hour, or twice a long step', () => {
    const { guide } = setup();
    guide.begin('wharf');
    expect(guide.idleSeconds).toBe(GUIDED_IDLE_MIN_SECONDS);
    guide.next();
    expect(guide.idleSeconds).toBe(90 * 60);
  });

  it('locking ends the lesson and closes the session with its token', async () => {
    const { fake, guide } = setup();
    await guide.unlock('2468');
    guide.begin('wharf');
    await guide.lock();
    expect(guide.running).toBe(false);
    expect(guide.unlocked).toBe(false);
    expect(fake.calls.at(-1)?.method).toBe('lockGuide');
  });

  it('an expired session signs the guide out', async () => {
    const { guide } = setup({
      logGroupVisit: () => {
        throw new KioskError({ code: 'UNAUTHORIZED', message: 'guide or operator PIN required' });
      },
    });
    await guide.unlock('2468');
    await expect(guide.call('logGroupVisit', { people: 3 })).rejects.toThrow(/PIN required/);
    expect(guide.unlocked).toBe(false);
  });

  it("the group form logs the group with the guide's session and reports it", async () => {
    const { fake, pinia, guide } = setup();
    await guide.unlock('2468');
    const wrapper = mount(GroupLogSection, {
      props: { role: 'guide', submitLabel: '开始' },
      global: { plugins: [pinia, createKioskI18n('zh-CN')] },
    });
    expect(wrapper.get('h2').text()).toBe('本次团队');
    expect(wrapper.get('[data-testid="group-log-submit"]').text()).toBe('开始');
    await wrapper.get('[data-testid="group-log-submit"]').trigger('click');
    await flushPromises();
    expect(fake.calls.at(-1)).toEqual({ method: 'logGroupVisit', payload: { people: 20 } });
    expect(wrapper.emitted('logged')).toEqual([[20]]);
  });
});
