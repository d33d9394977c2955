import { withStore } from '../../shell/storeBeforeSetup';
import type { ExhibitDescriptor } from '../types';
import { meta } from './meta';

// The store is made when the screen loads, never by a component (storeBeforeSetup.ts says why).
const postcardStore = () => import('./usePostcardStore').then((m) => m.usePostcardStore);

/** The postcard exhibit, as the shell sees it. Everything else in this folder is private to it. */
const descriptor: ExhibitDescriptor = {
  ...meta,
  component: withStore(() => import('./PostcardView.vue'), postcardStore),
  operatorPanel: () => import('./operator/PostcardSettingsPanel.vue'),
  async showTarget(target) {
    if (target.kind === 'postcard') (await postcardStore())().pickScene(target.scene);
  },
};

export default descriptor;
