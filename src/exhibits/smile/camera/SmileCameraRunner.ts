import type { SmileCameraState, SmileCameraStatus, SmileRole } from '../../../../common/smileStatus';
import { CameraWorker, WorkerStartError, type FrameResult } from './CameraWorker';
import { CameraMissingError, type FrameSource } from './frameSource';
import type { WorkerConfig, WorkerFrameTimes, WorkerVisitor } from './workerProtocol';

/** One frame's timing: the page's grab (createImageBitmap) and the worker's stages. Plain numbers only. */
export interface FrameTiming {
  grabMs: number;
  worker: WorkerFrameTimes | null;
}

export interface RunnerOptions {
  role: SmileRole;
  sampleFps: number;
  worker: WorkerConfig;
  openSource(): Promise<FrameSource>;
  onVisitor(visitor: WorkerVisitor): void;
  /** Test seam: the worker handle (default: a real module worker). */
  createWorker?: (config: WorkerConfig) => CameraWorker;
  now?: () => number;
  /**
   * Grab and post the next frame while the worker is still on the previous one (default true): the worker then
   * starts the next frame as soon as it finishes one, instead of idling while the page grabs and transfers it.
   * It still runs one inference at a time, and at most one grabbed frame waits behind it. false: the older
   * grab, wait, grab loop (kept for the benchmark's before/after comparison).
   */
  pipelined?: boolean;
  /** Each frame's number of faces in view (the narrator's presence check); never pixels or boxes. */
  onFacesInView?(faces: number): void;
  /** Benchmark seam: each counted frame's timing. */
  onFrameTiming?(timing: FrameTiming): void;
}

/** Longest frame grab side: the detector works on 224 px anyway; a smaller frame is cheaper to transfer and crop. */
const MAX_FRAME_WIDTH = 640;
/** A source that delivers no new frame for this long is treated as lost (a frozen USB camera). */
const FROZEN_MS = 10_000;
const backoffMs = (attempt: number) => Math.min(60_000, 2000 * 2 ** Math.min(attempt - 1, 5));

/**
 * Runs one camera role: opens its source, feeds its worker at `sampleFps` with one frame in flight, hands each
 * counted visitor to `onVisitor`, and keeps a status for the operator and health. A source that is missing, ends
 * or freezes is retried with backoff (sooner when a device is plugged in) and reported as `retrying`, never as a
 * camera seeing nobody. The worker (models loaded once) survives camera retries.
 */
export class SmileCameraRunner {
  private stopped = false;
  private wake: (() => void) | null = null;
  private worker: CameraWorker | null = null;
  private source: FrameSource | null = null;
  private readonly recent: number[] = [];
  private readonly now: () => number;
  private readonly state: SmileCameraStatus;
  private readonly done: Promise<void>;
  private readonly onDeviceChange = () => this.wake?.();
  /** The next step of a stepped video file: kept across a restart, so a file resumes where it was lost. */
  private fileStep = 0;

  constructor(private readonly options: RunnerOptions) {
    this.now = options.now ?? Date.now;
    this.state = {
      role: options.role,
      state: 'starting',
      backend: null,
      source: null,
      deviceLabel: null,
      fps: 0,
      framesProcessed: 0,
      facesDescribed: 0,
      visitors: 0,
      smiling: 0,
      numTensors: null,
      wasmMemoryBytes: null,
      retries: 0,
      lastError: null,
      since: this.now(),
      detectorInputSize: null,
      smallestFace: null,
      restarts: 0,
      lastLoss: null,
    };
    navigator.mediaDevices?.addEventListener?.('devicechange', this.onDeviceChange);
    this.done = this.run();
  }

  status(): SmileCameraStatus {
    const cutoff = this.now() - 5000;
    while (this.recent.length && this.recent[0]! < cutoff) this.recent.shift();
    const span = this.recent.length > 1 ? (this.recent[this.recent.length - 1]! - this.recent[0]!) / 1000 : 0;
    return { ...this.state, fps: this.state.state === 'running' && span > 0 ? Math.round(((this.recent.length - 1) / span) * 10) / 10 : 0 };
  }

  /** Stops counting: the open tracks are still counted (flushed), then the camera and worker are released. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    navigator.mediaDevices?.removeEventListener?.('devicechange', this.onDeviceChange);
    await this.done;
  }

  private setState(state: SmileCameraState, error: string | null = this.state.lastError): void {
    if (state !== this.state.state) this.state.since = this.now();
    this.state.state = state;
    this.state.lastError = error;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        this.setState('starting');
        if (!this.worker) {
          const worker = (this.options.createWorker ?? ((c) => new CameraWorker(c)))(this.options.worker);
          this.worker = worker;
          const ready = await worker.ready;
          this.state.backend = ready.backend;
          this.state.numTensors = ready.numTensors;
          this.state.wasmMemoryBytes = ready.wasmMemoryBytes ?? null;
        }
        if (this.stopped) break;
        this.source = await this.options.openSource();
        this.state.source = this.source.kind;
        this.state.deviceLabel = this.source.label.slice(0, 200);
        const stepped = this.source.stepTo !== undefined;
        const reason = await this.pump(this.source, this.worker);
        // A camera's loss ends the tracks in view (the people still count). A stepped file resumes at the frame where
        // it was lost, so its tracks go on with the same worker: flushing them would count those visitors again.
        if (this.stopped || !stepped) await this.flush();
        if (this.stopped) break;
        this.state.restarts = (this.state.restarts ?? 0) + 1;
        this.state.lastLoss = reason.slice(0, 300);
        throw new CameraMissingError(reason);
      } catch (error) {
        this.closeSource();
        if (this.stopped) break;
        const err = error as Error;
        if (error instanceof WorkerStartError) {
          this.worker?.terminate();
          this.worker = null;
        }
        this.state.retries++;
        this.setState(error instanceof WorkerStartError ? 'failed' : 'retrying', describe(err).slice(0, 300));
        await this.sleep(error instanceof WorkerStartError ? 60_000 : backoffMs(this.state.retries), !(error instanceof WorkerStartError));
      }
    }
    this.closeSource();
    this.worker?.terminate();
    this.worker = null;
    this.setState('off', null);
  }

  /**
   * Grabs and counts frames until the source is lost (returns why) or the runner stops. Pipelined: frame n+1 is
   * grabbed and posted while the worker runs frame n (the worker's queue runs them one after the other), then the
   * page waits for frame n's result before grabbing n+2, so at most one frame waits and a slow worker is never
   * flooded. A waiting frame is at most one inference older than it would otherwise be (~50-150 ms).
   */
  private async pump(source: FrameSource, worker: CameraWorker): Promise<string> {
    let lostReason: string | null = null;
    void source.lost.then((reason) => {
      lostReason = reason;
      this.wake?.();
    });
    const pipelined = this.options.pipelined ?? true;
    const interval = 1000 / this.options.sampleFps;
    let lastTime = -1;
    let lastNewFrame = this.now();
    let waiting: { result: Promise<FrameResult>; grabMs: number } | null = null;
    // A video file is stepped through at sampleFps of its own time (frameSource.ts, stepTo): frame n is the one at
    // n / sampleFps s, however long the machine takes per frame. A camera runs in real time and a slow machine
    // samples fewer of its frames. A file reopened after a loss goes on from its step: started over, it would
    // replay (and count again) the visitors already counted.
    let step = this.fileStep;
    try {
      while (!this.stopped && lostReason === null) {
        const started = this.now();
        const video = source.video;
        if (source.stepTo) await source.stepTo(step / this.options.sampleFps);
        // A file's frame is taken only once its seek is over (a seek that outlasted stepTo's timeout is still
        // running), and only then does the step move on: no frame of the file is skipped, however busy the machine.
        // A skipped frame can break a fast face's track, and the tracker then counts that visitor twice.
        const frameReady = video.readyState >= 2 && video.videoWidth > 0 && !(source.stepTo && video.seeking);
        if (frameReady) {
          if (source.stepTo) this.fileStep = step += 1;
          // A video file loops (currentTime jumps back); a camera's currentTime advances with each frame.
          const time = video.currentTime;
          if (time !== lastTime) lastNewFrame = started;
          lastTime = time;
          const scale = Math.min(1, MAX_FRAME_WIDTH / video.videoWidth);
          const grabStart = performance.now();
          const bitmap = await createImageBitmap(video, {
            resizeWidth: Math.round(video.videoWidth * scale),
            resizeHeight: Math.round(video.videoHeight * scale),
            resizeQuality: 'low',
          });
          const sent = { result: worker.process(bitmap), grabMs: performance.now() - grabStart };
          sent.result.catch(() => undefined); // awaited below or on the next turn; not an unhandled rejection meanwhile
          if (pipelined) {
            const previous = waiting;
            waiting = sent;
            if (previous) this.record(await previous.result, previous.grabMs);
          } else {
            this.record(await sent.result, sent.grabMs);
          }
        }
        if (started - lastNewFrame > FROZEN_MS) return `${source.kind} "${source.label}" delivered no new frame for ${FROZEN_MS / 1000} s`;
        await this.sleep(Math.max(0, interval - (this.now() - started)), false);
      }
      return lostReason ?? 'stopped';
    } finally {
      // The frame still in the worker is counted too (the flush that follows ends its tracks).
      if (waiting) {
        try {
          this.record(await waiting.result, waiting.grabMs);
        } catch {
          /* the worker failed on it: reported by the caller's error path */
        }
      }
    }
  }

  private record(result: FrameResult, grabMs?: number): void {
    if (grabMs !== undefined) this.options.onFrameTiming?.({ grabMs, worker: result.times ?? null });
    this.state.framesProcessed = result.framesProcessed;
    this.state.facesDescribed = result.facesDescribed;
    this.state.numTensors = result.numTensors;
    this.state.wasmMemoryBytes = result.wasmMemoryBytes ?? null;
    if (result.detector) {
      this.state.detectorInputSize = result.detector.inputSize;
      this.state.smallestFace = Math.round(result.detector.smallestFace * 1000) / 1000;
    }
    this.recent.push(this.now());
    if (result.facesInView !== undefined) this.options.onFacesInView?.(result.facesInView);
    if (this.state.state !== 'running') {
      this.state.retries = 0;
      this.setState('running', null);
    }
    for (const v of result.visitors) {
      this.state.visitors++;
      if (v.smiling) this.state.smiling++;
      this.options.onVisitor(v);
    }
  }

  private async flush(): Promise<void> {
    try {
      if (this.worker) this.record(await this.worker.flush());
    } catch {
      /* the worker died with the camera: nothing left to count */
    }
  }

  private closeSource(): void {
    this.source?.close();
    this.source = null;
  }

  /** Waits `ms`, or less when stopped (or, if `onDeviceChange`, when a device is plugged in or out). */
  private sleep(ms: number, onDeviceChange: boolean): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        if (this.stopped || onDeviceChange) done();
      };
    }).finally(() => {
      this.wake = null;
    });
  }
}

function describe(error: Error): string {
  if (error instanceof DOMException) {
    if (error.name === 'NotFoundError' || error.name === 'OverconstrainedError') return `camera not found (${error.message})`;
    if (error.name === 'NotAllowedError') return `camera access refused (${error.message})`;
    if (error.name === 'NotReadableError') return `camera busy or failing (${error.message})`;
  }
  return error.message || String(error);
}
