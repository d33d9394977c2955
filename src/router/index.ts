import { createRouter, type RouteRecordRaw, type Router } from 'vue-router';
import { EXHIBITS, exhibitRouteName } from '../exhibits/registry';
import { useOperatorStore } from '../stores/useOperatorStore';
import { visibleExhibits } from '../shell/visibleExhibits';
import AttractView from '../views/attract/AttractView.vue';
import HomeView from '../views/HomeView.vue';
import { servicesRoutes } from '../services';
import { guideRoutes } from '../groups';
import { createBoundedMemoryHistory } from './boundedMemoryHistory';

/**
 * Memory history (https://router.vuejs.org/guide/essentials/history-mode.html#Memory-mode): a kiosk
 * has no URL bar, and a reload must land on the attract screen rather than mid-visit. Bounded, as the kiosk never
 * reloads in a day of visitors (boundedMemoryHistory.ts).
 */
export function createKioskRouter(): Router {
  const routes: RouteRecordRaw[] = [
    { path: '/', name: 'attract', component: AttractView },
    { path: '/home', name: 'home', component: HomeView },
    ...EXHIBITS.map((e) => ({
      path: `/exhibit/${e.id}`,
      name: exhibitRouteName(e.id),
      component: e.component,
      meta: { exhibit: e.id },
      // An exhibit switched off in this kiosk's profile, or left out by the content pack, is not reachable.
      beforeEnter: () => (visibleExhibits().includes(e.id) ? true : { name: 'home' }),
    })),
    ...servicesRoutes,
    ...guideRoutes,
    {
      path: '/operator',
      name: 'operator',
      component: () => import('../views/operator/OperatorSettingsView.vue'),
      beforeEnter: () => (useOperatorStore().unlocked ? true : { name: 'attract' }),
    },
    { path: '/:rest(.*)*', redirect: { name: 'attract' } },
  ];
  return createRouter({ history: createBoundedMemoryHistory(), routes });
}
