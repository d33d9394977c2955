import type { SmileBackend } from '../../../../common/smileStatus';
import type { FromWorker, ToWorker, WorkerConfig, WorkerDetector, WorkerFrameTimes, WorkerVisitor } from './workerProtocol';

export interface FrameResult {
  visitors: WorkerVisitor[];
  framesProcessed: number;
  facesDescribed: number;
  numTensors: number;
  /** The worker's wasm memory in bytes (null on WebGL; absent from stand-ins that do not report it). */
  wasmMemoryBytes?: number | null;
  /** The worker's stage times for this frame (absent for a flush). */
  times?: WorkerFrameTimes;
  /** The detector's input size and the smallest face it finds reliably (absent for a flush). */
  detector?: WorkerDetector;
  /** Faces the tracker accepts in this frame (absent for a flush). */
  facesInView?: number;
}

/** A worker init failure (no usable backend, models missing): retrying soon will not fix it. */
export class WorkerStartError extends Error {}

/** The smallest Worker surface used here, so tests and the benchmark can pass their own. */
export interface WorkerLike {
  postMessage(message: ToWorker, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export const createSmileWorker = (): WorkerLike =>
  new Worker(new URL('./smileWorker.ts', import.meta.url), { type: 'module', name: 'smile-camera' }) as unknown as WorkerLike;

/** What a worker says once it has loaded its models. */
export interface WorkerReady {
  backend: SmileBackend;
  numTensors: number;
  wasmMemoryBytes?: number | null;
}

/**
 * The page's handle on one camera worker (smileWorker.ts): sends the config, then frames one at a time (each
 * ImageBitmap is transferred, so the page keeps no copy), and matches the worker's in-order replies to the calls.
 */
export class CameraWorker {
  readonly ready: Promise<WorkerReady>;
  private readonly pending: Array<{ resolve(r: FrameResult): void; reject(e: Error): void }> = [];
  private dead: Error | null = null;

  constructor(
    config: WorkerConfig,
    private readonly worker: WorkerLike = createSmileWorker(),
  ) {
    let ready!: { resolve(v: WorkerReady): void; reject(e: Error): void };
    this.ready = new Promise((resolve, reject) => (ready = { resolve, reject }));
    this.ready.catch(() => undefined); // observed by the runner; avoids an unhandled rejection when it stops first
    worker.onmessage = (event) => {
      const m = event.data;
      if (m.type === 'ready') ready.resolve({ backend: m.backend, numTensors: m.numTensors, wasmMemoryBytes: m.wasmMemoryBytes });
      else if (m.type === 'result')
        this.pending.shift()?.resolve({
          visitors: m.visitors,
          framesProcessed: m.framesProcessed,
          facesDescribed: m.facesDescribed,
          numTensors: m.numTensors,
          wasmMemoryBytes: m.wasmMemoryBytes,
          ...(m.times ? { times: m.times } : {}),
          ...(m.detector ? { detector: m.detector } : {}),
          ...(m.facesInView !== undefined ? { facesInView: m.facesInView } : {}),
        });
      else if (m.fatal) this.fail(new WorkerStartError(m.message), ready.reject);
      else this.pending.shift()?.reject(new Error(m.message));
    };
    worker.onerror = (event) => this.fail(new WorkerStartError(`camera worker failed: ${event.message || 'script error'}`), ready.reject);
    worker.postMessage({ type: 'init', config });
  }

  /** Counts one frame; the bitmap is transferred (unusable here afterwards). */
  process(frame: ImageBitmap): Promise<FrameResult> {
    if (this.dead) {
      frame.close();
      return Promise.reject(this.dead);
    }
    const result = new Promise<FrameResult>((resolve, reject) => this.pending.push({ resolve, reject }));
    this.worker.postMessage({ type: 'frame', frame }, [frame]);
    return result;
  }

  /** Ends the open tracks: people in view when the camera was lost or switched off are still counted. */
  flush(): Promise<FrameResult> {
    if (this.dead) return Promise.reject(this.dead);
    const result = new Promise<FrameResult>((resolve, reject) => this.pending.push({ resolve, reject }));
    this.worker.postMessage({ type: 'flush' });
    return result;
  }

  terminate(): void {
    this.worker.terminate();
    this.fail(new Error('camera worker stopped'), () => undefined);
  }

  private fail(error: Error, rejectReady: (e: Error) => void): void {
    this.dead ??= error;
    rejectReady(error);
    for (const p of this.pending.splice(0)) p.reject(error);
  }
}
