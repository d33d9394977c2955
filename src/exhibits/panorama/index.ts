import { withStore } from '../../shell/storeBeforeSetup';
import type { ExhibitDescriptor } from '../types';
import { meta } from './meta';

// The store is made when the screen or the console panel loads, never by a component (storeBeforeSetup.ts says why).
const panoramaStore = () => import('./usePanoramaStore').then((m) => m.usePanoramaStore);

/** The panorama exhibit, as the shell sees it. Everything else in this folder is private to it. */
const descriptor: ExhibitDescriptor = {
  ...meta,
  component: withStore(() => import('./PanoramaView.vue'), panoramaStore),
  // The steering wheel's calibration (mapping stored per kiosk as 'panorama.wheel'), in the console's "Exhibits" tab.
  operatorPanel: withStore(() => import('./operator/WheelCalibration.vue'), panoramaStore),
  async showTarget(target) {
    if (target.kind === 'panorama') (await panoramaStore())().showStop(target.node, target.building);
  },
};

export default descriptor;
