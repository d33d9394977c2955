import { createRouter, createWebHashHistory, type Router } from 'vue-router';
import { api, currentUser } from './api';
import AlertsView from './views/AlertsView.vue';
import DistrictView from './views/DistrictView.vue';
import FleetView from './views/FleetView.vue';
import LoginView from './views/LoginView.vue';
import RolloutsView from './views/RolloutsView.vue';
import StationView from './views/StationView.vue';

/** The console's own home: a station account's station, the district page for a district account. */
export const homeOf = (u: { role: string; stationId: string | null }): string =>
  u.role === 'station' && u.stationId ? `/station/${u.stationId}` : '/district';

/**
 * Hash routes (https://router.vuejs.org/guide/essentials/history-mode.html#Hash-Mode): the server serves one
 * index.html and needs no fallback route. Every page but the sign-in needs a session; the server decides what an
 * account may read (a station account asking for another station gets a 403, which the page shows).
 */
export function createConsoleRouter(): Router {
  const router = createRouter({
    history: createWebHashHistory(),
    routes: [
      { path: '/login', component: LoginView, meta: { open: true } },
      { path: '/station/:id', component: StationView, props: true },
      { path: '/district', component: DistrictView },
      { path: '/fleet', component: FleetView },
      { path: '/rollouts', component: RolloutsView },
      { path: '/alerts', component: AlertsView },
      { path: '/:rest(.*)*', redirect: () => (currentUser.value ? homeOf(currentUser.value) : '/login') },
    ],
  });
  let restored = false;
  router.beforeEach(async (to) => {
    if (!restored) {
      restored = true;
      await api.restore().catch(() => null);
    }
    if (!to.meta.open && !currentUser.value) return { path: '/login', query: to.fullPath === '/' ? {} : { next: to.fullPath } };
    if (to.path === '/login' && currentUser.value) return homeOf(currentUser.value);
    return true;
  });
  return router;
}
