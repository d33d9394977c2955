import { defineAsyncComponent } from 'vue';
import { withStore } from '../../shell/storeBeforeSetup';
import type { ExhibitDescriptor } from '../types';
import { meta } from './meta';

// The store is made when the screen or the console section loads, never by a component (storeBeforeSetup.ts says why).
const historyStore = () => import('./useHistoryStore').then((m) => m.useHistoryStore);

/** The history exhibit, as the shell sees it. Everything else in this folder is private to it. */
const descriptor: ExhibitDescriptor = {
  ...meta,
  component: withStore(() => import('./HistoryView.vue'), historyStore),
  async showTarget(target) {
    if (target.kind !== 'story') return;
    const history = (await historyStore())();
    if (history.storyId !== target.story) history.openStory(target.story);
    history.goToPage(target.page - 1);
  },
};

export default descriptor;

/**
 * The operator's section for this exhibit: display mode (screen or transparent panel) and the
 * corner calibration of the panel. For the operator settings screen; loaded only when shown.
 */
export const PanelCalibration = defineAsyncComponent(withStore(() => import('./PanelCalibration.vue'), historyStore));
