/**
 * This exhibit's texts in both languages, under the `panorama.` namespace of vue-i18n (merged by
 * src/exhibits/messages.ts). Both trees must have the same keys (tests/component/i18n/messages.test.ts).
 * Content (stories, buildings, frames, wording shown to visitors about the riverside) comes from the pack, not from here.
 */
export const messages = {
  'zh-CN': {
    title: '解读滨江',
  },
  en: {
    title: 'Riverside panorama',
  },
};
