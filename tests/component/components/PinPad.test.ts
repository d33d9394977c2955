import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, ref } from 'vue';
import PinPad from '../../../src/components/PinPad.vue';
import { createKioskI18n } from '../../../src/i18n';

/** Mounts the pad with a real v-model, as the setup and unlock screens use it. */
function mountPad(props: Record<string, unknown> = {}) {
  const submitted: string[] = [];
  const Host = defineComponent({
    components: { PinPad },
    setup: () => ({ pin: ref(''), props, submitted }),
    template: `<PinPad v-model="pin" submit-label="OK" v-bind="props" @submit="submitted.push($event)" />`,
  });
  const wrapper = mount(Host, { global: { plugins: [createKioskI18n('en')] }, attachTo: document.body });
  const press = async (label: string) => wrapper.get(`button[aria-label="Digit ${label}"]`).trigger('click');
  const filled = () => wrapper.findAll('.dot.filled').length;
  return { wrapper, press, filled, submitted, pin: () => (wrapper.vm as unknown as { pin: string }).pin };
}

describe('PinPad', () => {
  it('shows each digit as a masked dot, never the digit itself', async () => {
    const { wrapper, press, filled, pin } = mountPad();
    await press('2');
    await press('4');
    await press('6');
    expect(filled()).toBe(3);
    expect(pin()).toBe('246');
    expect(wrapper.get('[data-testid="pin-dots"]').text()).toBe('');
    expect(wrapper.get('[data-testid="pin-dots"]').attributes('aria-label')).toBe('3 digits entered');
    wrapper.unmount();
  });

  it('enables the confirm key from 4 digits and submits the digits', async () => {
    const { wrapper, press, submitted } = mountPad();
    for (const d of '246') await press(d);
    expect(wrapper.get('[data-testid="pin-submit"]').attributes('disabled')).toBeDefined();
    await wrapper.get('[data-testid="pin-submit"]').trigger('click');
    expect(submitted).toEqual([]);
    await press('8');
    expect(wrapper.get('[data-testid="pin-submit"]').attributes('disabled')).toBeUndefined();
    await wrapper.get('[data-testid="pin-submit"]').trigger('click');
    expect(submitted).toEqual(['2468']);
    wrapper.unmount();
  });

  it('stops at 8 digits and deletes the last one', async () => {
    const { wrapper, press, pin } = mountPad();
    for (const d of '1234567890') await press(d);
    expect(pin()).toBe('12345678');
    await wrapper.get('[data-testid="pin-delete"]').trigger('click');
    expect(pin()).toBe('1234567');
    wrapper.unmount();
  });

  it('accepts a hardware keyboard: digits, Backspace and Enter', async () => {
    const { wrapper, pin, submitted } = mountPad();
    for (const key of ['1', '3', 'x', '5', '7', '9', 'Backspace']) {
      window.dispatchEvent(new KeyboardEvent('keydown', { key }));
      await wrapper.vm.$nextTick();
    }
    expect(pin()).toBe('1357');
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(submitted).toEqual(['1357']);
    wrapper.unmount();
    // After unmounting, the keyboard no longer reaches it.
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '1' }));
    expect(pin()).toBe('1357');
  });

  it('ignores every key while disabled (locked out)', async () => {
    const { wrapper, press, pin, submitted } = mountPad({ disabled: true });
    await press('1');
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '2' }));
    await wrapper.get('[data-testid="pin-submit"]').trigger('click');
    expect(pin()).toBe('');
    expect(submitted).toEqual([]);
    expect(wrapper.findAll('button[disabled]').length).toBe(12);
    wrapper.unmount();
  });
});
