import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Language } from '../../common/settings';
import { useKioskStore } from './useKioskStore';

/** The visitor's language. App.vue mirrors `current` into vue-i18n and `<html lang>`. */
export const useLanguageStore = defineStore('language', () => {
  const current = ref<Language>('zh-CN');

  function set(lang: Language): void {
    if (lang === current.value) return;
    current.value = lang;
    useKioskStore().record('language.switched');
  }

  function toggle(): void {
    set(current.value === 'zh-CN' ? 'en' : 'zh-CN');
  }

  /** Back to the kiosk's default (at start and at every session reset); not counted as a switch. */
  function resetToDefault(): void {
    current.value = useKioskStore().state?.defaultLanguage ?? 'zh-CN';
  }

  return { current, set, toggle, resetToDefault };
});
