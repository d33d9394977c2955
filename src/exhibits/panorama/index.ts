import type { ExhibitDescriptor } from '../types';
import { meta } from './meta';

/** The panorama exhibit, as the shell sees it. Everything else in this folder is private to it. */
const descriptor: ExhibitDescriptor = {
  ...meta,
  component: () => import('./PanoramaView.vue'),
  // The steering wheel's calibration (mapping stored per kiosk as 'panorama.wheel'), in the console's "Exhibits" tab.
  operatorPanel: () => import('./operator/WheelCalibration.vue'),
};

export default descriptor;
