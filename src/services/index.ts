import { defineAsyncComponent } from 'vue';
import type { RouteRecordRaw } from 'vue-router';
import { useContentPackStore } from '../packs/useContentPackStore';

/**
 * The services board (便民服务), as the shell sees it: its two routes, the corner button for the attract
 * screen and the home menu, and the console's out-of-use switches. Everything else in this folder is private.
 */
export { default as ServicesCorner } from './ServicesCorner.vue';

/** Without a `services` section in the pack there is no board to show: back to the home menu. */
const needsBoard = () => (useContentPackStore().manifest?.services ? true : { name: 'home' });

export const servicesRoutes: RouteRecordRaw[] = [
  { path: '/services', name: 'services', component: () => import('./ServicesBoardView.vue'), beforeEnter: needsBoard },
  { path: '/services/circle', name: 'services-circle', component: () => import('./ServiceCircleView.vue'), beforeEnter: needsBoard },
];

/** The console's section (Exhibits tab); loaded only when shown. */
export const ServicesOperatorSection = defineAsyncComponent(() => import('./ServicesOperatorSection.vue'));
