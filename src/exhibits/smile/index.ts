import type { ExhibitDescriptor } from '../types';
import { meta } from './meta';

/** The smile exhibit, as the shell sees it. Everything else in this folder is private to it. */
const descriptor: ExhibitDescriptor = {
  ...meta,
  component: () => import('./SmileView.vue'),
  // Cameras, region, detection parameters and status (console "Exhibits" tab, behind the PIN).
  operatorPanel: () => import('./operator/SmilePanel.vue'),
  // Counting runs from app start on a kiosk whose profile includes the meter, not only while its screen shows.
  // The big screen at the station's exit is watched, not touched: on a kiosk that shows only this exhibit it stays up.
  passiveDisplay: true,
  background: () => import('./camera/startSmileCounting').then((m) => m.startSmileCounting()),
};

export default descriptor;

/** The smile meter's detector as a presence check, for other exhibits (the holographic narrator): no counting. */
export { watchFacePresence, type FacePresenceOptions, type PresenceSource } from './camera/watchFacePresence';
