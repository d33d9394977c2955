import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { createKioskI18n } from '../../../src/i18n';
import GroupLogSection from '../../../src/groups/GroupLogSection.vue';
import { toActivePack } from '../../../src/packs/packApi';
import { useContentPackStore } from '../../../src/packs/useContentPackStore';
import { useOperatorStore } from '../../../src/stores/useOperatorStore';
import { installFakeKiosk } from '../../fixtures/packs/fakeKiosk';
import { historyManifest } from '../../fixtures/packs/historyManifest';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

function setup(withGroups = true) {
  const fake = installFakeKiosk({ logGroupVisit: () => ({ recorded: true }) });
  const pinia = createPinia();
  setActivePinia(pinia);
  const packs = useContentPackStore();
  const groups = {
    lessons: [
      {
        id: 'wharf',
        title: t('码头', 'Wharf'),
        steps: [{ title: t('一', 'One'), notes: t('注', 'Note'), minutes: 5, target: { kind: 'story' as const, story: 'wharf', page: 1 } }],
      },
    ],
    organisationTypes: [
      { id: 'school', label: t('学校', 'School') },
      { id: 'company', label: t('企业', 'Company') },
    ],
  };
  packs.active = toActivePack({ manifest: { ...historyManifest(), ...(withGroups ? { groups } : {}) } });
  packs.loaded = true;
  useOperatorStore().token = 't'.repeat(40);
  const wrapper = mount(GroupLogSection, { global: { plugins: [pinia, createKioskI18n('zh-CN')] } });
  return { fake, wrapper };
}

describe("the console's group log", () => {
  it('logs the size and the organisation type chosen from the pack', async () => {
    const { fake, wrapper } = setup();
    const types = wrapper.findAll('[data-testid^="group-type-"]');
    expect(types.map((b) => b.text())).toEqual(['不填写', '学校', '企业']);
    for (let i = 0; i < 5; i++) await wrapper.get('[data-testid="group-people"] [data-testid="stepper-up"]').trigger('click');
    await wrapper.get('[data-testid="group-type-school"]').trigger('click');
    await wrapper.get('[data-testid="group-log-submit"]').trigger('click');
    await flushPromises();
    expect(fake.calls.filter((c) => c.method === 'logGroupVisit').map((c) => c.payload)).toEqual([
      { people: 25, organisationType: 'school' },
    ]);
    expect(wrapper.get('[data-testid="group-logged"]').text()).toContain('25');

    await wrapper.get('[data-testid="group-type-none"]').trigger('click');
    await wrapper.get('[data-testid="group-log-submit"]').trigger('click');
    await flushPromises();
    expect(fake.calls.filter((c) => c.method === 'logGroupVisit').at(-1)?.payload).toEqual({ people: 25 });
  });

  it('is not shown when the pack has no groups section', () => {
    const { wrapper } = setup(false);
    expect(wrapper.find('[data-testid="group-log"]').exists()).toBe(false);
  });
});
