import type { ExhibitDescriptor } from '../types';
import { meta } from './meta';

/** The smile exhibit, as the shell sees it. Everything else in this folder is private to it. */
const descriptor: ExhibitDescriptor = {
  ...meta,
  component: () => import('./SmileView.vue'),
};

export default descriptor;
