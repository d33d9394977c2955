import { flushPromises } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { useKioskStore } from '../../../src/stores/useKioskStore';
import { useLanguageStore } from '../../../src/stores/useLanguageStore';
import { installFakeKioskState } from '../fakeKioskState';

describe('useLanguageStore', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('toggles between Chinese and English and counts each switch', async () => {
    const fake = installFakeKioskState();
    await useKioskStore().refresh();
    const language = useLanguageStore();
    expect(language.current).toBe('zh-CN');
    language.toggle();
    expect(language.current).toBe('en');
    language.toggle();
    expect(language.current).toBe('zh-CN');
    language.set('zh-CN'); // no change, no count
    await flushPromises();
    expect(fake.metrics()).toEqual(['language.switched', 'language.switched']);
  });

  it("resets to the kiosk's default language without counting a switch", async () => {
    const fake = installFakeKioskState({ defaultLanguage: 'en' });
    await useKioskStore().refresh();
    const language = useLanguageStore();
    language.resetToDefault();
    expect(language.current).toBe('en');
    language.toggle();
    language.resetToDefault();
    expect(language.current).toBe('en');
    await flushPromises();
    expect(fake.metrics()).toEqual(['language.switched']);
  });
});
