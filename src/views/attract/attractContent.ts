import { computed, type ComputedRef } from 'vue';
import { useI18n } from 'vue-i18n';

/**
 * The words of the attract screen. They come from the built-in messages today; the content pack
 * will supply them later (pass `overrides` with the pack's already-translated strings).
 */
export interface AttractContent {
  kicker: string;
  title: string;
  subtitle: string;
  tagline: string;
  touchHint: string;
}

export function useAttractContent(overrides: () => Partial<AttractContent> = () => ({})): ComputedRef<AttractContent> {
  const { t } = useI18n();
  return computed(() => ({
    kicker: t('attract.kicker'),
    title: t('attract.title'),
    subtitle: t('attract.subtitle'),
    tagline: t('attract.tagline'),
    touchHint: t('attract.touchHint'),
    ...overrides(),
  }));
}
