import { computed } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { addDays } from '../../common/time';
import { todayLocal } from './format';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The page's period, kept in the address (`?from=…&to=…`, so a link or a reload shows the same), default the last 7 days. */
export function useRange() {
  const route = useRoute();
  const router = useRouter();
  const range = computed(() => {
    const today = todayLocal();
    const from = typeof route.query.from === 'string' && DAY.test(route.query.from) ? route.query.from : addDays(today, -6);
    const to = typeof route.query.to === 'string' && DAY.test(route.query.to) ? route.query.to : today;
    return { from, to };
  });
  const setRange = (r: { from: string; to: string }): void => void router.replace({ query: { ...route.query, from: r.from, to: r.to } });
  return { range, setRange };
}
