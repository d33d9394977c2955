import { createI18n } from 'vue-i18n';
import type { Language } from '../../common/settings';
import { EXHIBIT_MESSAGES } from '../exhibits/messages';
import zhCN from './zh-CN';
import en from './en';

/** The shell's messages plus each exhibit's own (src/exhibits/messages.ts), under the exhibit's id. */
export const MESSAGES = {
  'zh-CN': { ...zhCN, ...EXHIBIT_MESSAGES['zh-CN'] },
  en: { ...en, ...EXHIBIT_MESSAGES.en },
} satisfies Record<Language, object>;
export type MessageSchema = (typeof MESSAGES)['zh-CN'];

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
