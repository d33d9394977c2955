import type { SmileCamera, SmileSettings, TravelDirectionSetting } from '../../../../common/smileSettings';
import type { SmileRole, SmileSourceKind } from '../../../../common/smileStatus';
import type { TravelDirection } from '../../../../common/smile/FaceTracker';
import type { BackendChoice, WorkerConfig } from './workerProtocol';

/**
 * What one camera role should run, from the smile settings and what the kiosk has: its worker config and where its
 * frames come from. Pure: the background runner compares plans by `key` and restarts only the roles that changed.
 */
export type PlannedSource =
  | { kind: 'camera'; deviceId: string | null; label: string | null; exclude: string[]; unconfiguredIndex: number }
  | { kind: Exclude<SmileSourceKind, 'camera'>; url: string };

export interface CameraPlan {
  role: SmileRole;
  sampleFps: number;
  worker: WorkerConfig;
  source: PlannedSource;
  /** Equal keys: nothing to restart. */
  key: string;
}

export interface PlanContext {
  appBase: string;
  backend: BackendChoice;
  /** The active pack's demo videos (already as URLs), if any. */
  demoVideos: { entry: string; exit: string } | null;
  /** False when the machine has no video input at all. */
  anyCamera: boolean;
  /** Automated browser (tests): never falls back to the demo videos on its own. */
  automated: boolean;
  /** Turns a pack path from the settings into a URL. */
  packUrl(path: string): string;
}

/** Required travel along the chosen direction, as a share of the frame: a face must cross a good part of the picture. */
const MIN_TRAVEL = 0.15;

export function travelDirection(setting: TravelDirectionSetting): TravelDirection | null {
  switch (setting) {
    case 'any':
      return null;
    case 'left-to-right':
      return { axis: 'x', sign: 1, minTravel: MIN_TRAVEL };
    case 'right-to-left':
      return { axis: 'x', sign: -1, minTravel: MIN_TRAVEL };
    case 'top-to-bottom':
      return { axis: 'y', sign: 1, minTravel: MIN_TRAVEL };
    case 'bottom-to-top':
      return { axis: 'y', sign: -1, minTravel: MIN_TRAVEL };
  }
}

/** A settings video path: app-relative when it starts with './' or '/', else a path inside the active pack. */
export function videoUrl(url: string, packUrl: (path: string) => string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//'))
    throw new Error(`video source "${url}" must be a pack path or an app-relative URL (the kiosk reaches nothing else)`);
  return url.startsWith('./') || url.startsWith('/') ? url : packUrl(url);
}

export function planCamera(settings: SmileSettings, role: SmileRole, ctx: PlanContext): CameraPlan | null {
  const cam = settings.cameras[role];
  if (!settings.enabled || !cam.enabled) return null;
  const other: SmileCamera = settings.cameras[role === 'entry' ? 'exit' : 'entry'];
  const source = planSource(cam, other, role, ctx);
  const worker: WorkerConfig = {
    role,
    appBase: ctx.appBase,
    backend: ctx.backend,
    detectorInputSize: settings.detectorInputSize,
    threshold: settings.threshold,
    minTrackFrames: settings.minTrackFrames,
    minFaceSize: cam.minFaceSize,
    roi: cam.roi,
    direction: travelDirection(cam.direction),
  };
  return { role, sampleFps: settings.sampleFps, worker, source, key: JSON.stringify({ sampleFps: settings.sampleFps, worker, source }) };
}

function planSource(cam: SmileCamera, other: SmileCamera, role: SmileRole, ctx: PlanContext): PlannedSource {
  if (cam.source.kind === 'video') return { kind: 'video', url: videoUrl(cam.source.url, ctx.packUrl) };
  const { deviceId, label } = cam.source;
  const unconfigured = deviceId === null && label === null;
  // Demo mode (npm start on a PC without a camera): only an unconfigured role, only with no camera at all.
  // A configured camera that is missing stays missing (reported), never replaced by a video.
  if (unconfigured && !ctx.anyCamera && ctx.demoVideos && !ctx.automated) return { kind: 'demo', url: ctx.demoVideos[role] };
  const otherUsesCamera = other.enabled && other.source.kind === 'camera';
  const otherUnconfigured =
    otherUsesCamera && other.source.kind === 'camera' && other.source.deviceId === null && other.source.label === null;
  const exclude = otherUsesCamera && other.source.kind === 'camera' && other.source.deviceId ? [other.source.deviceId] : [];
  return { kind: 'camera', deviceId, label, exclude, unconfiguredIndex: unconfigured && otherUnconfigured && role === 'exit' ? 1 : 0 };
}
