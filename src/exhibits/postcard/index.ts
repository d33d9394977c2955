import type { ExhibitDescriptor } from '../types';
import { meta } from './meta';

/** The postcard exhibit, as the shell sees it. Everything else in this folder is private to it. */
const descriptor: ExhibitDescriptor = {
  ...meta,
  component: () => import('./PostcardView.vue'),
  operatorPanel: () => import('./operator/PostcardSettingsPanel.vue'),
};

export default descriptor;
