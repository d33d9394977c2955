import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { SmileWordingKey } from '../../../common/pack/smileSection';
import { SMILE_MIN_VISITORS_DEFAULT } from '../../../common/smileShare';
import type { SmileRole } from '../../../common/smileStatus';
import type { SmileSummary } from '../../../common/smileSummary';
import { kioskClient } from '../../api/client';
import { useContentPackStore } from '../../packs/useContentPackStore';
import { useLanguageStore } from '../../stores/useLanguageStore';

/** How often the big screen asks for the figures (a count lands within this long of being recorded). */
export const SMILE_POLL_MS = 3_000;

/** A notice the big screen shows instead of staying silent: the meter off, a camera failing, the counter not running. */
export type SmileNotice =
  { kind: 'off' } | { kind: 'camera'; role: SmileRole; state: 'retrying' | 'failed' } | { kind: 'notRunning' } | { kind: 'loadFailed' };

/**
 * The smile meter's big screen: polls the public `getSmileSummary` (today's and the week's counts from
 * the services' hourly buckets: nothing is counted here) and says what is wrong when something is.
 * The pack's wording is looked up here; the component falls back to its own messages.
 */
export const useSmileStore = defineStore('smile', () => {
  const summary = shallowRef<SmileSummary | null>(null);
  const loadError = ref<string | null>(null);
  /** The services' clock of the last good answer. */
  const updatedAt = ref<number | null>(null);
  let timer: ReturnType<typeof setInterval> | undefined;
  let inFlight = false;

  async function refresh(): Promise<void> {
    if (inFlight) return;
    inFlight = true;
    try {
      const s = await kioskClient().getSmileSummary({});
      summary.value = s;
      updatedAt.value = s.now;
      loadError.value = null;
    } catch (err) {
      loadError.value = (err as Error).message;
    } finally {
      inFlight = false;
    }
  }

  /** Starts polling (at once, then every `intervalMs`); the screen calls stop() when it closes. */
  function start(intervalMs = SMILE_POLL_MS): void {
    stop();
    void refresh();
    timer = setInterval(() => void refresh(), intervalMs);
  }

  function stop(): void {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  }

  const notices = computed<SmileNotice[]>(() => {
    const out: SmileNotice[] = [];
    if (loadError.value) out.push({ kind: 'loadFailed' });
    const s = summary.value;
    if (!s) return out;
    if (!s.enabled) return [...out, { kind: 'off' }];
    if (s.health.stale) out.push({ kind: 'notRunning' });
    for (const role of ['entry', 'exit'] as const) {
      const state = s.health[role];
      if (s.cameras[role] && (state === 'retrying' || state === 'failed')) out.push({ kind: 'camera', role, state });
    }
    return out;
  });

  const packs = useContentPackStore();
  const language = useLanguageStore();
  /** The pack's text for `key` in the visitor's language, or null (the component then uses its own). */
  function packText(key: SmileWordingKey): string | null {
    return packs.manifest?.smile?.wording?.[key]?.[language.current] ?? null;
  }

  /** Below this many visitors today a role's share is not shown (the pack may set it: `smile.minVisitors`). */
  const minVisitors = computed(() => packs.manifest?.smile?.minVisitors ?? SMILE_MIN_VISITORS_DEFAULT);

  return { summary, loadError, updatedAt, notices, refresh, start, stop, packText, minVisitors };
});
