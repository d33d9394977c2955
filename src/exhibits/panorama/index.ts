import type { ExhibitDescriptor } from '../types';
import { meta } from './meta';

/** The panorama exhibit, as the shell sees it. Everything else in this folder is private to it. */
const descriptor: ExhibitDescriptor = {
  ...meta,
  component: () => import('./PanoramaView.vue'),
};

export default descriptor;
