import { defineAsyncComponent } from 'vue';
import type { RouteRecordRaw } from 'vue-router';
import { useGuideStore } from './useGuideStore';

/**
 * Guided group visits (情景党课), as the shell sees it: the guide's route (behind the guide PIN), the guide's bar shown
 * over the exhibits while a lesson runs, the guide store (the PIN pad signs guides in), and the console's group log
 * and guide PIN. Everything else in this folder is private to it.
 */
export { useGuideStore, GUIDED_IDLE_MIN_SECONDS } from './useGuideStore';

export const guideRoutes: RouteRecordRaw[] = [
  {
    path: '/guide',
    name: 'guide',
    component: () => import('./GuideView.vue'),
    beforeEnter: () => (useGuideStore().unlocked ? true : { name: 'attract' }),
  },
];

export const GuideBar = defineAsyncComponent(() => import('./GuideBar.vue'));
export const GroupLogSection = defineAsyncComponent(() => import('./GroupLogSection.vue'));
export const GuidePinSection = defineAsyncComponent(() => import('./GuidePinSection.vue'));
