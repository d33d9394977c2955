import SmileIcon from './SmileIcon.vue';

/** Card data of this exhibit (see ../types.ts). */
export const meta = {
  id: 'smile',
  titleKey: 'exhibits.smile.title',
  subtitleKey: 'exhibits.smile.subtitle',
  descriptionKey: 'exhibits.smile.description',
  icon: SmileIcon,
  accent: '#e7729a',
} as const;
