import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { LocalizedText, Services } from '../../common/pack/manifest';
import { kioskClient } from '../api/client';
import { useContentPackStore } from '../packs/useContentPackStore';
import { useLanguageStore } from '../stores/useLanguageStore';

/**
 * The services board (便民服务): its content from the active pack's `services` section and the services
 * the operator marked out of use today (the public `getServicesStatus`; the services decide what
 * "today" is, in the kiosk's time zone). The board re-asks whenever it is opened, so a switch made in the
 * console shows on the next visit without a poll running between visitors.
 */
export const useServicesStore = defineStore('services', () => {
  const packs = useContentPackStore();
  const language = useLanguageStore();
  const outOfUse = ref<ReadonlySet<string>>(new Set());
  const loadError = ref<string | null>(null);

  const section = computed<Services | null>(() => packs.manifest?.services ?? null);

  /** A pack text in the current language. */
  function t(text: LocalizedText): string {
    return text[language.current];
  }

  /** The walking time of a circle point, in the pack's words ("{minutes}" replaced). */
  function walk(minutes: number): string {
    const w = section.value?.wording.walkMinutes;
    return w ? t(w).replaceAll('{minutes}', String(minutes)) : String(minutes);
  }

  async function refreshStatus(): Promise<void> {
    try {
      const s = await kioskClient().getServicesStatus({});
      outOfUse.value = new Set(s.outOfUse);
      loadError.value = null;
    } catch (err) {
      // The board still shows every service; only the "not available today" badges are missing.
      loadError.value = (err as Error).message;
    }
  }

  return { section, outOfUse, loadError, t, walk, refreshStatus };
});
