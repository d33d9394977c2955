import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { msUntilChange, openState, type OpenState } from '../../common/openingHours';
import { useKioskStore } from './useKioskStore';

/** Re-check at least this often, so a changed clock or changed settings show up quickly. */
const RECHECK_MS = 30_000;

/**
 * Whether the station is open now, from the settings' hours and time zone and this page's clock
 * (the pure rule is common/openingHours.ts). Re-checked every 30 s and at the exact change instant.
 */
export const useOpeningStore = defineStore('opening', () => {
  const kiosk = useKioskStore();
  const now = ref(Date.now());
  let timer: ReturnType<typeof setTimeout> | undefined;

  const state = computed<OpenState | null>(() => {
    const s = kiosk.state;
    return s ? openState(s.openingHours, now.value, s.timeZone) : null;
  });
  const open = computed(() => state.value?.open ?? true);

  function schedule(): void {
    clearTimeout(timer);
    const st = state.value;
    const wait = st ? Math.min(RECHECK_MS, msUntilChange(st, now.value)) : RECHECK_MS;
    timer = setTimeout(() => {
      now.value = Date.now();
      schedule();
    }, wait);
  }

  function start(): void {
    now.value = Date.now();
    schedule();
  }

  function stop(): void {
    clearTimeout(timer);
  }

  watch(
    () => kiosk.state,
    () => {
      now.value = Date.now();
      if (timer !== undefined) schedule();
    },
  );

  return { now, state, open, start, stop };
});
