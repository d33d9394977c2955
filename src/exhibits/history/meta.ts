import HistoryIcon from './HistoryIcon.vue';

/** Card data of this exhibit (see ../types.ts). */
export const meta = {
  id: 'history',
  titleKey: 'exhibits.history.title',
  subtitleKey: 'exhibits.history.subtitle',
  descriptionKey: 'exhibits.history.description',
  icon: HistoryIcon,
  accent: '#d2453a',
} as const;
