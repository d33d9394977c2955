import type { SmileCameraState, SmileCameraStatus, SmileRole } from '../../../../common/smileStatus';
import { CameraWorker, WorkerStartError, type FrameResult } from './CameraWorker';
import { CameraMissingError, type FrameSource } from './frameSource';
import type { WorkerConfig, WorkerVisitor } from './workerProtocol';

export interface RunnerOptions {
  role: SmileRole;
  sampleFps: number;
  worker: WorkerConfig;
  openSource(): Promise<FrameSource>;
  onVisitor(visitor: WorkerVisitor): void;
  /** Test seam: the worker handle (default: a real module worker). */
  createWorker?: (config: WorkerConfig) => CameraWorker;
  now?: () => number;
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

  constructor(private readonly options: RunnerOptions) {
    this.now = options.now ?? Date.now;
    this.state = { role: options.role, state: 'starting', backend: null, source: null, deviceLabel: null, fps: 0, framesProcessed: 0, facesDescribed: 0, visitors: 0, smiling: 0, numTensors: null, retries: 0, lastError: null, since: this.now() };
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
        }
        if (this.stopped) break;
        this.source = await this.options.openSource();
        this.state.source = this.source.kind;
        this.state.deviceLabel = this.source.label.slice(0, 200);
        const reason = await this.pump(this.source, this.worker);
        await this.flush();
        if (this.stopped) break;
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

  /** Grabs and counts frames until the source is lost (returns why) or the runner stops. */
  private async pump(source: FrameSource, worker: CameraWorker): Promise<string> {
    let lostReason: string | null = null;
    void source.lost.then((reason) => {
      lostReason = reason;
      this.wake?.();
    });
    const interval = 1000 / this.options.sampleFps;
    let lastTime = -1;
    let lastNewFrame = this.now();
    while (!this.stopped && lostReason === null) {
      const started = this.now();
      const video = source.video;
      if (video.readyState >= 2 && video.videoWidth > 0) {
        // A video file loops (currentTime jumps back); a camera's currentTime advances with each frame.
        if (video.currentTime !== lastTime) lastNewFrame = started;
        lastTime = video.currentTime;
        const scale = Math.min(1, MAX_FRAME_WIDTH / video.videoWidth);
        const bitmap = await createImageBitmap(video, { resizeWidth: Math.round(video.videoWidth * scale), resizeHeight: Math.round(video.videoHeight * scale), resizeQuality: 'low' });
        const result = await worker.process(bitmap);
        this.record(result);
      }
      if (started - lastNewFrame > FROZEN_MS) return `${source.kind} "${source.label}" delivered no new frame for ${FROZEN_MS / 1000} s`;
      await this.sleep(Math.max(0, interval - (this.now() - started)), false);
    }
    return lostReason ?? 'stopped';
  }

  private record(result: FrameResult): void {
    this.state.framesProcessed = result.framesProcessed;
    this.state.facesDescribed = result.facesDescribed;
    this.state.numTensors = result.numTensors;
    this.recent.push(this.now());
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
