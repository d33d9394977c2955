import { defineAsyncComponent } from 'vue';
import type { ExhibitDescriptor } from '../types';
import { meta } from './meta';

/** The history exhibit, as the shell sees it. Everything else in this folder is private to it. */
const descriptor: ExhibitDescriptor = {
  ...meta,
  component: () => import('./HistoryView.vue'),
};

export default descriptor;

/**
 * The operator's section for this exhibit: display mode (screen or transparent panel) and the
 * corner calibration of the panel. For the operator settings screen; loaded only when shown.
 */
export const PanelCalibration = defineAsyncComponent(() => import('./PanelCalibration.vue'));
