import { createI18n } from 'vue-i18n';
import type { Language } from '../../common/settings';
import zhCN, { type MessageSchema } from './zh-CN';
import en from './en';

export const MESSAGES: Record<Language, MessageSchema> = { 'zh-CN': zhCN, en };

/**
 * vue-i18n in Composition API mode (https://vue-i18n.intlify.dev/guide/advanced/composition.html).
 * Messages are compiled just in time without `eval` (vue-i18n's default since v10), which the
 * kiosk's CSP (no 'unsafe-eval') requires.
 */
export function createKioskI18n(locale: Language = 'zh-CN') {
  return createI18n<[MessageSchema], Language, false>({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    messages: MESSAGES,
  });
}

export type KioskI18n = ReturnType<typeof createKioskI18n>;
