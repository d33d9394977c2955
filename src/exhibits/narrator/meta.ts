import NarratorIcon from './NarratorIcon.vue';

/** Card data of this exhibit (see ../types.ts). */
export const meta = {
  id: 'narrator',
  titleKey: 'exhibits.narrator.title',
  subtitleKey: 'exhibits.narrator.subtitle',
  descriptionKey: 'exhibits.narrator.description',
  icon: NarratorIcon,
  accent: '#6fc3df',
} as const;
