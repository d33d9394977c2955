import { defineAsyncComponent } from 'vue';

/**
 * Guided group visits (情景党课), as the shell sees it. Today: the console's group log. Everything else in this
 * folder is private to it.
 */
export const GroupLogSection = defineAsyncComponent(() => import('./GroupLogSection.vue'));
