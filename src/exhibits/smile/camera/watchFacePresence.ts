import { openCamera, openVideo } from './frameSource';
import { SmileCameraRunner } from './SmileCameraRunner';
import { videoUrl } from './cameraPlan';
import type { BackendChoice } from './workerProtocol';

/** Where a presence camera's frames come from: the smile meter's source shape (common/smileSettings.ts). */
export type PresenceSource = { kind: 'camera'; deviceId: string | null; label: string | null } | { kind: 'video'; url: string };

export interface FacePresenceOptions {
  source: PresenceSource;
  sampleFps: number;
  minFaceSize: number;
  /** Turns a pack path (a demo video) into a URL. */
  packUrl(path: string): string;
  /** Called with each looked-at frame's number of faces in view, nothing else. */
  onFaces(faces: number, at: number): void;
  backend?: BackendChoice;
}

/**
 * The smile meter's camera worker used only to tell whether someone is in front of a camera (the holographic
 * narrator): the same detector, frame source and retries, but no visitor is counted or recorded (the worker's
 * visitor events are dropped here) and only the number of faces in each frame leaves the worker; the frame itself
 * is closed in the worker like the smile meter's.
 */
export function watchFacePresence(options: FacePresenceOptions): { stop(): Promise<void> } {
  const { source } = options;
  const runner = new SmileCameraRunner({
    role: 'entry',
    sampleFps: options.sampleFps,
    worker: {
      role: 'entry',
      appBase: new URL('.', location.href).href,
      backend: options.backend ?? 'auto',
      detectorInputSize: 224,
      threshold: 0.5,
      minTrackFrames: 2,
      minFaceSize: options.minFaceSize,
      roi: null,
      direction: null,
    },
    openSource: () => (source.kind === 'camera' ? openCamera(source, []) : openVideo(videoUrl(source.url, options.packUrl), 'video')),
    onVisitor: () => undefined,
    onFacesInView: (faces) => options.onFaces(faces, Date.now()),
  });
  return { stop: () => runner.stop() };
}
