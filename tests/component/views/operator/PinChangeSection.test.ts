import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import PinChangeSection from '../../../../src/views/operator/PinChangeSection.vue';
import { createKioskI18n } from '../../../../src/i18n';
import { useOperatorStore } from '../../../../src/stores/useOperatorStore';
import { installFakeKiosk } from '../../../fixtures/packs/fakeKiosk';

describe('a one-time PIN from the installer', () => {
  it('signing in with it flags the console; entering it and a new PIN twice clears the flag', async () => {
    const pinia = createPinia();
    setActivePinia(pinia);
    const { calls } = installFakeKiosk({
      unlockOperator: () => ({ token: 't'.repeat(40), expiresAt: 0, mustChangePin: true }),
      changePin: () => ({}),
    });
    const operator = useOperatorStore();
    await operator.unlock('908172635544');
    expect(operator.mustChangePin).toBe(true);
    const w = mount(PinChangeSection, { global: { plugins: [pinia, createKioskI18n('en')] }, attachTo: document.body });
    const enter = async (digits: string): Promise<void> => {
      for (const d of digits) await w.get(`button[aria-label="Digit ${d}"]`).trigger('click');
      await w.get('[data-testid="pin-submit"]').trigger('click');
      await flushPromises();
    };
    // A one-time PIN may have up to 12 digits: the pad takes all of them for the current PIN.
    await enter('908172635544');
    await enter('2468');
    await enter('2468');
    expect(calls.find((c) => c.method === 'changePin')?.payload).toEqual({ currentPin: '908172635544', newPin: '2468' });
    expect(operator.mustChangePin).toBe(false);
    w.unmount();
  });
});
