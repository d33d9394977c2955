import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { defineComponent } from 'vue';
import SetupView from '../../../src/views/SetupView.vue';
import { createKioskI18n } from '../../../src/i18n';
import { useKioskStore } from '../../../src/stores/useKioskStore';
import { installFakeKioskState } from '../fakeKioskState';

async function mountSetup(setupPinAllowed: boolean) {
  const pinia = createPinia();
  setActivePinia(pinia);
  installFakeKioskState({ pinSet: false, setupPinAllowed });
  await useKioskStore().refresh();
  const Empty = defineComponent({ template: '<div />' });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: Empty },
      { path: '/operator', name: 'operator', component: Empty },
    ],
  });
  const wrapper = mount(SetupView, { global: { plugins: [pinia, router, createKioskI18n('en')] } });
  await flushPromises();
  return wrapper;
}

describe('first-start screen', () => {
  it('offers the PIN pad while the first-run window is open', async () => {
    const w = await mountSetup(true);
    expect(w.find('[data-testid="setup-provision-required"]').exists()).toBe(false);
    expect(w.find('[data-testid="setup-step"]').exists()).toBe(true);
  });

  it('says the installer must provision the kiosk, with no PIN pad, once the window has closed', async () => {
    const w = await mountSetup(false);
    expect(w.get('[data-testid="setup-provision-required"]').text()).toContain('npm run kioskctl -- provision <file>');
    expect(w.find('[data-testid="setup-step"]').exists()).toBe(false);
    expect(w.find('button[aria-label="Digit 1"]').exists()).toBe(false);
  });
});
