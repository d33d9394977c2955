/**
 * The browser benchmark's page script (bundled by tests/bench/smileBrowser.bench.ts, never shipped): runs the kiosk's
 * own SmileCameraRunner, one per camera, exactly as startSmileCounting does, on one of two sources:
 *  - `camera`: Chromium's fake camera (a y4m walk-through played in real time at its own frame rate), opened with the
 *    kiosk's openCamera: consecutive frames, as a camera delivers them; a slow pipeline skips frames like the kiosk.
 *  - `cycle`: a canvas that shows the next of a few far-apart frames each time the runner grabs one (the worst
 *    case: faces jump between frames, so the tracker sees new, undecided faces nearly every frame).
 * The worker is the kiosk's built camera worker or the naive one (same messages). Returns plain numbers.
 */
import { CameraWorker, type WorkerLike } from '../../../src/exhibits/smile/camera/CameraWorker';
import { openCamera, type FrameSource } from '../../../src/exhibits/smile/camera/frameSource';
import { SmileCameraRunner, type FrameTiming } from '../../../src/exhibits/smile/camera/SmileCameraRunner';
import type { WorkerConfig } from '../../../src/exhibits/smile/camera/workerProtocol';

export interface BenchArgs {
  workerUrl: string;
  backend: 'wasm' | 'webgl';
  detectorInputSize: number;
  cameras: number;
  seconds: number;
  source: 'camera' | 'cycle';
  pipelined: boolean;
}

export interface CameraFigures {
  fps: number;
  frames: number;
  backend: string | null;
  /** Means over the measured frames (ms), and faces described per frame. */
  grabMs: number;
  worker: { idleMs: number; fromPixelsMs: number; detectMs: number; describeMs: number; busyMs: number; described: number } | null;
  numTensors: number[];
  visitors: number;
  lastError: string | null;
}

declare global {
  interface Window {
    FRAMES?: Array<Uint8ClampedArray<ArrayBuffer>>;
    runBench(args: BenchArgs): Promise<{ cameras: CameraFigures[] } | { error: string }>;
  }
}

/** A canvas posing as a playing video: each read of `currentTime` (the runner reads it once per grab) shows the next frame. */
async function cycleSource(offset: number): Promise<FrameSource> {
  const bitmaps = await Promise.all(window.FRAMES!.map((f) => createImageBitmap(new ImageData(f, 640, 480))));
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 480;
  const ctx = canvas.getContext('2d')!;
  let n = offset;
  const video = Object.assign(canvas, { readyState: 4, videoWidth: 640, videoHeight: 480 });
  Object.defineProperty(video, 'currentTime', {
    get: () => {
      ctx.drawImage(bitmaps[n % bitmaps.length]!, 0, 0);
      return n++;
    },
  });
  return {
    kind: 'video',
    video: video as unknown as HTMLVideoElement,
    label: 'cycle',
    deviceId: null,
    lost: new Promise(() => undefined),
    close: () => bitmaps.forEach((b) => b.close()),
  };
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);

window.runBench = async (a) => {
  let deviceId: string | null = null;
  if (a.source === 'camera') {
    (await navigator.mediaDevices.getUserMedia({ video: true })).getTracks().forEach((t) => t.stop());
    deviceId = (await navigator.mediaDevices.enumerateDevices()).find((d) => d.kind === 'videoinput')?.deviceId ?? null;
    if (!deviceId) return { error: 'no fake camera' };
  }
  const timings: Array<Array<{ at: number; t: FrameTiming; tensors: number | null }>> = [];
  const runners: SmileCameraRunner[] = [];
  const visitors: number[] = [];
  for (let c = 0; c < a.cameras; c++) {
    const role = c === 0 ? 'entry' : 'exit';
    const config: WorkerConfig = {
      role,
      appBase: `${location.origin}/`,
      backend: a.backend,
      detectorInputSize: a.detectorInputSize,
      threshold: 0.5,
      minTrackFrames: 5,
      minFaceSize: 0.04,
      roi: null,
      direction: null,
    };
    const list: (typeof timings)[number] = [];
    timings.push(list);
    visitors.push(0);
    const runner: SmileCameraRunner = new SmileCameraRunner({
      role,
      // The settings' ceiling (30): the benchmark measures what the machine can do, not the default sampling rate.
      sampleFps: 30,
      worker: config,
      pipelined: a.pipelined,
      createWorker: (cfg) => new CameraWorker(cfg, new Worker(a.workerUrl, { type: 'module' }) as unknown as WorkerLike),
      openSource: () => (a.source === 'camera' ? openCamera({ deviceId, label: null }, []) : cycleSource(c * 7)),
      onVisitor: () => visitors[c]!++,
      onFrameTiming: (t) => list.push({ at: performance.now(), t, tensors: runner?.status().numTensors ?? null }),
    });
    runners.push(runner);
  }
  try {
    // Warm-up: every camera running with a few frames counted (wasm tiering, model first runs), then 2 s more.
    const deadline = performance.now() + 120_000;
    while (!timings.every((l) => l.length >= 5)) {
      const failed = runners.map((r) => r.status()).find((s) => s.state === 'failed' || s.state === 'retrying');
      if (failed) return { error: `${failed.role}: ${failed.state} ${failed.lastError}` };
      if (performance.now() > deadline) return { error: 'no frames within 120 s' };
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 2000));
    const t0 = performance.now();
    const counted = visitors.slice();
    await new Promise((r) => setTimeout(r, a.seconds * 1000));
    const t1 = performance.now();
    return {
      cameras: timings.map((list, c) => {
        const win = list.filter((x) => x.at > t0 && x.at <= t1);
        const w = win.map((x) => x.t.worker).filter((x) => x !== null);
        const status = runners[c]!.status();
        return {
          fps: win.length / ((t1 - t0) / 1000),
          frames: win.length,
          backend: status.backend,
          grabMs: mean(win.map((x) => x.t.grabMs)),
          worker: w.length
            ? {
                idleMs: mean(w.map((x) => x.idleMs)),
                fromPixelsMs: mean(w.map((x) => x.fromPixelsMs)),
                detectMs: mean(w.map((x) => x.detectMs)),
                describeMs: mean(w.map((x) => x.describeMs)),
                busyMs: mean(w.map((x) => x.busyMs)),
                described: mean(w.map((x) => x.described)),
              }
            : null,
          numTensors: [...new Set(win.map((x) => x.tensors ?? -1))],
          visitors: visitors[c]! - counted[c]!,
          lastError: status.lastError,
        };
      }),
    };
  } finally {
    await Promise.all(runners.map((r) => r.stop()));
  }
};
