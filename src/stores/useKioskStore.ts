import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { KioskState } from '../../common/contract';
import type { MetricName } from '../../common/metrics';
import { kioskClient } from '../api/client';

/** What the services say about this kiosk: profile, language, idle and opening-hours settings, PIN status. */
export const useKioskStore = defineStore('kiosk', () => {
  const state = shallowRef<KioskState | null>(null);
  const loadError = ref<string | null>(null);
  const loading = ref(false);

  async function refresh(): Promise<KioskState | null> {
    loading.value = true;
    try {
      state.value = await kioskClient().getKioskState({});
      loadError.value = null;
    } catch (err) {
      loadError.value = (err as Error).message;
    } finally {
      loading.value = false;
    }
    return state.value;
  }

  /** Counting must never break a visit: a failed count is logged and forgotten. */
  function record(metric: MetricName): void {
    kioskClient()
      .recordUsage({ metric })
      .catch((err: unknown) => console.warn(`usage metric ${metric} not recorded: ${(err as Error).message}`));
  }

  const exhibits = computed(() => state.value?.exhibits ?? []);
  const ready = computed(() => state.value !== null);

  return { state, loadError, loading, ready, exhibits, refresh, record };
});
