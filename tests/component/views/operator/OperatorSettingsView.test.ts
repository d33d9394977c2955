import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { defineComponent } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { defaultSettings } from '../../../../common/settings';
import OperatorSettingsView from '../../../../src/views/operator/OperatorSettingsView.vue';
import { createKioskI18n } from '../../../../src/i18n';
import { useOperatorStore } from '../../../../src/stores/useOperatorStore';
import { installFakeKiosk } from '../../../fixtures/packs/fakeKiosk';

describe('operator console after a one-time PIN', () => {
  it('shows only the PIN change and asks for nothing else; the settings load once the PIN is changed', async () => {
    const pinia = createPinia();
    setActivePinia(pinia);
    const { calls } = installFakeKiosk({ getSettings: () => defaultSettings('kiosk-test') });
    const operator = useOperatorStore();
    operator.token = 't'.repeat(40);
    operator.mustChangePin = true;
    const Empty = defineComponent({ template: '<div />' });
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', name: 'attract', component: Empty }] });
    const stubs = {
      PinChangeSection: { template: '<div data-testid="pin-change-stub" />' },
      PackManager: true,
      PanelCalibration: true,
      SystemPanel: true,
      ProfileSection: true,
      GeneralSection: true,
      HoursSection: true,
    };
    const w = mount(OperatorSettingsView, { global: { plugins: [pinia, router, createKioskI18n('en')], stubs } });
    await flushPromises();
    expect(w.find('[data-testid="must-change-pin"]').exists()).toBe(true);
    expect(w.find('[data-testid="pin-change-stub"]').exists()).toBe(true);
    expect(w.find('[data-testid="settings-save"]').exists()).toBe(false);
    expect(calls.map((c) => c.method)).not.toContain('getSettings');

    operator.mustChangePin = false;
    await flushPromises();
    expect(calls.filter((c) => c.method === 'getSettings')).toHaveLength(1);
    expect(w.find('[data-testid="must-change-pin"]').exists()).toBe(false);
    expect(w.find('[data-testid="settings-save"]').exists()).toBe(true);
  });
});
