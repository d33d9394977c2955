import type { ExhibitDescriptor } from '../types';
import { meta } from './meta';

/** The holographic narrator, as the shell sees it. Everything else in this folder is private to it. */
const descriptor: ExhibitDescriptor = {
  ...meta,
  component: () => import('./NarratorView.vue'),
  // Camera and projection (mirror, turn, size, black level), behind the PIN.
  operatorPanel: () => import('./operator/NarratorPanel.vue'),
  // A figure on a glass is watched, not touched: on a kiosk that shows only this exhibit it stays up.
  passiveDisplay: true,
  async showTarget(target) {
    if (target.kind === 'narrator') (await import('./useNarratorStore')).useNarratorStore().showClip(target.clip);
  },
};

export default descriptor;
