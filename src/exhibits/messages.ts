import type { Language } from '../../common/settings';
import { messages as narrator } from './narrator/messages';
import { messages as panorama } from './panorama/messages';
import { messages as postcard } from './postcard/messages';
import { messages as smile } from './smile/messages';

/**
 * The exhibits' own UI texts, each kept in its folder (`<id>/messages.ts`, plain data) so that an exhibit's
 * work never edits the shell's message files. src/i18n/index.ts merges them under the exhibit's id.
 * (The red-history exhibit predates this and keeps its texts in src/i18n/*.ts under `history`.)
 */
export const EXHIBIT_MESSAGES = {
  'zh-CN': { panorama: panorama['zh-CN'], postcard: postcard['zh-CN'], smile: smile['zh-CN'], narrator: narrator['zh-CN'] },
  en: { panorama: panorama.en, postcard: postcard.en, smile: smile.en, narrator: narrator.en },
} satisfies Record<Language, Record<string, object>>;
