import type { InjectionKey } from 'vue';

/**
 * Ends the current visit (exhibits reset, default language, attract screen). App.vue provides it;
 * the home menu's "start over" button injects it.
 */
export const END_VISIT: InjectionKey<() => void> = Symbol('endVisit');
