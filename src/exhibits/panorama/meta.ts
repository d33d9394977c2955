import PanoramaIcon from './PanoramaIcon.vue';

/** Card data of this exhibit (see ../types.ts). */
export const meta = {
  id: 'panorama',
  titleKey: 'exhibits.panorama.title',
  subtitleKey: 'exhibits.panorama.subtitle',
  descriptionKey: 'exhibits.panorama.description',
  icon: PanoramaIcon,
  accent: '#2f9fb3',
} as const;
