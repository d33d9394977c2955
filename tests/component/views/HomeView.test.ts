import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it, vi } from 'vitest';
import HomeView from '../../../src/views/HomeView.vue';
import { createKioskI18n } from '../../../src/i18n';
import { createKioskRouter } from '../../../src/router';
import { useKioskStore } from '../../../src/stores/useKioskStore';
import { installFakeKioskState } from '../fakeKioskState';
import { useContentPackStore } from '../../../src/packs/useContentPackStore';
import { toActivePack } from '../../../src/packs/packApi';
import { historyManifest } from '../../fixtures/packs/historyManifest';

async function mountHome(exhibits: ('history' | 'panorama' | 'postcard' | 'smile')[]) {
  const fake = installFakeKioskState({ exhibits });
  const pinia = createPinia();
  setActivePinia(pinia);
  await useKioskStore().refresh();
  const router = createKioskRouter();
  await router.push({ name: 'home' });
  const wrapper = mount(HomeView, { global: { plugins: [pinia, router, createKioskI18n('zh-CN')] } });
  return { fake, router, wrapper };
}

describe('HomeView', () => {
  it('shows one card per exhibit of the profile, in the profile order, with bilingual titles', async () => {
    const { wrapper } = await mountHome(['smile', 'history']);
    const cards = wrapper.findAll('[data-testid^="exhibit-card-"]');
    expect(cards.map((c) => c.attributes('data-testid'))).toEqual(['exhibit-card-smile', 'exhibit-card-history']);
    expect(cards[0]!.text()).toContain('微笑滨江');
    expect(cards[0]!.text()).toContain('Smile Meter');
    expect(cards[1]!.text()).toContain('触摸红色记忆');
  });

  it('opens an exhibit and counts the opening', async () => {
    const { wrapper, router, fake } = await mountHome(['history', 'panorama']);
    await wrapper.get('[data-testid="exhibit-card-panorama"]').trigger('click');
    await flushPromises();
    // The exhibit's screen is loaded lazily before the navigation completes.
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('exhibit-panorama'), { timeout: 5000 });
    expect(fake.metrics()).toEqual(['exhibit.panorama.opened']);
  });

  it('refuses the route of an exhibit that is not in the profile', async () => {
    const { router } = await mountHome(['history']);
    await router.push('/exhibit/smile');
    expect(router.currentRoute.value.name).toBe('home');
  });

  it('hides an exhibit the active content pack leaves out, and refuses its route', async () => {
    installFakeKioskState({ exhibits: ['history', 'panorama', 'smile'] });
    const pinia = createPinia();
    setActivePinia(pinia);
    await useKioskStore().refresh();
    const packs = useContentPackStore();
    // A pack with history and smile content but no panorama section.
    packs.active = toActivePack({ manifest: { ...historyManifest(), smile: {} } });
    packs.loaded = true;
    const router = createKioskRouter();
    await router.push({ name: 'home' });
    const wrapper = mount(HomeView, { global: { plugins: [pinia, router, createKioskI18n('zh-CN')] } });
    const cards = wrapper.findAll('[data-testid^="exhibit-card-"]').map((c) => c.attributes('data-testid'));
    expect(cards).toEqual(['exhibit-card-history', 'exhibit-card-smile']);
    await router.push('/exhibit/panorama');
    expect(router.currentRoute.value.name).toBe('home');
  });
});
