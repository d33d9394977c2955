import type { SmileBackend, SmileRole } from '../../../../common/smileStatus';
import type { Region, TravelDirection } from '../../../../common/smile/FaceTracker';

/**
 * Messages between the page and a camera's worker (smileWorker.ts). Frames go in as transferred ImageBitmaps and are
 * closed in the worker; only numbers come back: each counted visitor as (role, smiling), the frame count and the
 * worker's live tensor count. Nothing in the replies is derived pixel by pixel from a frame (no boxes, no crops).
 */
export type BackendChoice = 'auto' | SmileBackend;

export interface WorkerConfig {
  role: SmileRole;
  /** Absolute URL of the app's root (where index.html is): models under smile-models/, wasm under smile-wasm/. */
  appBase: string;
  backend: BackendChoice;
  detectorInputSize: number;
  threshold: number;
  minTrackFrames: number;
  minFaceSize: number;
  roi: Region | null;
  direction: TravelDirection | null;
}

export type ToWorker =
  | { type: 'init'; config: WorkerConfig }
  | { type: 'frame'; frame: ImageBitmap }
  /** Ends the open tracks (camera lost or switched off): visitors seen long enough are still counted. */
  | { type: 'flush' };

export interface WorkerVisitor {
  role: SmileRole;
  smiling: boolean;
}

/**
 * Where one frame's time went in the worker, in milliseconds: plain numbers only (never pixels, boxes or landmarks).
 * `idleMs`: from the end of the previous frame to the start of this one (the worker waiting for the page).
 */
export interface WorkerFrameTimes {
  idleMs: number;
  fromPixelsMs: number;
  detectMs: number;
  /** Second looks for faces lost before they were counted (common/smile/SecondLook.ts); 0 in most frames. */
  secondLookMs: number;
  describeMs: number;
  /** Whole frame in the worker (fromPixels, detector, describe, tracker, dispose). */
  busyMs: number;
  /** Faces described in this frame. */
  described: number;
}

export interface WorkerDetector {
  inputSize: number;
  smallestFace: number;
}

export type FromWorker =
  /** `wasmMemoryBytes`: the wasm backend's memory (common/smile/wasmMemoryBytes.ts), null on WebGL. */
  | { type: 'ready'; backend: SmileBackend; numTensors: number; wasmMemoryBytes: number | null }
  /** `facesDescribed`: faces sent through the expression net so far (a camera that never sees a face shows 0). */
  /**
   * `detector`: the input size the meter chose for this frame size and the smallest face (fraction of the frame
   * height) it finds reliably with it (common/smile/detectionWindow.ts): two numbers, the same for every frame of a camera.
   */
  /** `facesInView`: faces the tracker accepts in this frame (a number: presence for the holographic narrator). */
  | {
      type: 'result';
      visitors: WorkerVisitor[];
      framesProcessed: number;
      facesDescribed: number;
      numTensors: number;
      wasmMemoryBytes: number | null;
      times?: WorkerFrameTimes;
      detector?: WorkerDetector;
      facesInView?: number;
    }
  | { type: 'error'; message: string; fatal: boolean };
