import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { POSTCARD_SETTINGS_DEFAULT } from '../../../../common/postcardSettings';
import PrintButton from '../../../../src/exhibits/postcard/components/PrintButton.vue';
import { usePostcardStore } from '../../../../src/exhibits/postcard/usePostcardStore';
import { createKioskI18n } from '../../../../src/i18n';
import { installFakeKiosk } from '../../../fixtures/packs/fakeKiosk';

const TOKEN = 'A'.repeat(43);
let savedLeft: number;

beforeEach(() => {
  setActivePinia(createPinia());
  savedLeft = 1;
  installFakeKiosk({
    savePostcard: () => ({ token: TOKEN, url: null, qrSvg: null, qrPngDataUrl: null, expiresAt: 1, online: false, printsLeft: savedLeft }),
  });
});

function mountButton(language: 'zh-CN' | 'en', printLimit: number) {
  const pc = usePostcardStore();
  pc.settings = { ...POSTCARD_SETTINGS_DEFAULT, printLimit };
  const wrapper = mount(PrintButton, { global: { plugins: [createKioskI18n(language)] } });
  return {
    pc,
    wrapper,
    button: () => wrapper.get('[data-testid="postcard-print"]'),
    left: () => wrapper.get('[data-testid="prints-left"]'),
  };
}

describe('PrintButton', () => {
  it('shows the prints left as a large number in a sentence, in Chinese and in English', async () => {
    const zh = mountButton('zh-CN', 1);
    expect(zh.left().text()).toBe('还可打印 1 张');
    expect(zh.left().find('strong.count').text()).toBe('1');
    expect(zh.left().attributes()).toMatchObject({ 'data-state': 'ok', 'data-left': '1' });
    expect(zh.button().attributes('disabled')).toBeUndefined();
    expect(zh.button().text()).toBe('打印');
    zh.wrapper.unmount();

    const en = mountButton('en', 1);
    expect(en.left().text()).toBe('Prints left: 1');
    en.pc.settings = { ...POSTCARD_SETTINGS_DEFAULT, printLimit: 3 };
    await flushPromises();
    expect(en.left().text()).toBe('Prints left: 3');
    en.wrapper.unmount();
  });

  it('is disabled with a reason, and no count, when the service says none are left', async () => {
    const { pc, wrapper, button, left } = mountButton('zh-CN', 2);
    savedLeft = 0;
    pc.card = { blob: new Blob(['card']), url: 'blob:x', ms: 1 };
    await pc.takeAway(); // the save's answer carries the service's count
    await flushPromises();
    expect(left().attributes()).toMatchObject({ 'data-state': 'none', 'data-left': '0' });
    expect(left().text()).toBe('这张卡不能再打印了');
    expect(left().find('strong.count').exists()).toBe(false);
    expect(button().attributes('disabled')).toBeDefined();
    wrapper.unmount();
  });

  it('is disabled with "no printing" when the operator turned printing off', () => {
    const { wrapper, button, left } = mountButton('en', 0);
    expect(left().attributes('data-state')).toBe('off');
    expect(left().text()).toBe('No printing on this kiosk');
    expect(button().attributes('disabled')).toBeDefined();
    wrapper.unmount();
  });

  it('waits for the composed card before it can be pressed, and says "print another" after a print', () => {
    const pc = usePostcardStore();
    pc.settings = { ...POSTCARD_SETTINGS_DEFAULT, printLimit: 2 };
    const wrapper = mount(PrintButton, { props: { ready: false, again: true }, global: { plugins: [createKioskI18n('zh-CN')] } });
    const button = wrapper.get('[data-testid="postcard-print"]');
    expect(button.attributes('disabled')).toBeDefined();
    expect(button.text()).toBe('再打印一张');
    wrapper.unmount();
  });
});
