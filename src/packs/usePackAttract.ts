import { computed, type ComputedRef } from 'vue';
import { useLanguageStore } from '../stores/useLanguageStore';
import { useContentPackStore } from './useContentPackStore';

export interface PackAttract {
  /** The tagline in the current language, or undefined when the pack has no attract section. */
  tagline?: string;
  media?: { kind: 'image' | 'video'; url: string };
}

/**
 * The attract screen's media and tagline from the active pack, in the current language.
 * For the shell's AttractView: pass `{ tagline }` as its `content` override and draw `media`
 * (an <img>, or a muted looping <video>) behind the titles.
 */
export function usePackAttract(): ComputedRef<PackAttract> {
  const packs = useContentPackStore();
  const language = useLanguageStore();
  return computed(() => {
    const attract = packs.manifest?.attract;
    if (!attract) return {};
    return {
      tagline: attract.tagline[language.current],
      media: { kind: attract.media.kind, url: packs.assetUrl(attract.media.path) },
    };
  });
}
