import PostcardIcon from './PostcardIcon.vue';

/** Card data of this exhibit (see ../types.ts). */
export const meta = {
  id: 'postcard',
  titleKey: 'exhibits.postcard.title',
  subtitleKey: 'exhibits.postcard.subtitle',
  descriptionKey: 'exhibits.postcard.description',
  icon: PostcardIcon,
  accent: '#e0a53a',
} as const;
