import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CameraWorker, FrameResult } from '../../../../../src/exhibits/smile/camera/CameraWorker';
import { WorkerStartError } from '../../../../../src/exhibits/smile/camera/CameraWorker';
import { CameraMissingError, type FrameSource } from '../../../../../src/exhibits/smile/camera/frameSource';
import { SmileCameraRunner } from '../../../../../src/exhibits/smile/camera/SmileCameraRunner';
import type { WorkerConfig, WorkerVisitor } from '../../../../../src/exhibits/smile/camera/workerProtocol';

const config: WorkerConfig = {
  role: 'entry',
  appBase: 'http://x/',
  backend: 'auto',
  detectorInputSize: 224,
  threshold: 0.5,
  minTrackFrames: 5,
  minFaceSize: 0.04,
  roi: null,
  direction: null,
};

/** A worker stand-in: each processed frame yields the next scripted visitors. */
function fakeWorker(
  script: WorkerVisitor[][],
  ready: Promise<{ backend: 'wasm' | 'webgl'; numTensors: number }> = Promise.resolve({ backend: 'wasm', numTensors: 96 }),
) {
  let frames = 0;
  const worker = {
    ready,
    flushed: 0,
    process: vi.fn(async (): Promise<FrameResult> => ({
      visitors: script[frames++] ?? [],
      framesProcessed: frames,
      facesDescribed: frames,
      numTensors: 96,
      wasmMemoryBytes: 24 * 1048576,
    })),
    flush: vi.fn(async (): Promise<FrameResult> => {
      worker.flushed++;
      return { visitors: [{ role: 'entry', smiling: true }], framesProcessed: frames, facesDescribed: frames, numTensors: 96 };
    }),
    terminate: vi.fn(),
  };
  return worker;
}

function fakeSource(): FrameSource & { end(reason: string): void } {
  let end!: (r: string) => void;
  let t = 0;
  const video = { readyState: 4, videoWidth: 320, videoHeight: 240 } as HTMLVideoElement;
  Object.defineProperty(video, 'currentTime', { get: () => (t += 0.1) });
  return {
    kind: 'camera',
    video,
    label: 'Fake cam',
    deviceId: 'id1',
    lost: new Promise((r) => (end = r)),
    close: vi.fn(),
    end: (reason) => end(reason),
  };
}

/** A video file source that the runner steps through (frameSource.ts `stepTo`). */
function videoFile(video: HTMLVideoElement, stepTo: (seconds: number) => Promise<void>): FrameSource {
  return { kind: 'video', video, label: 'walk.webm', deviceId: null, lost: new Promise(() => undefined), close: vi.fn(), stepTo };
}

const until = async (check: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 10));
  }
};

beforeEach(() => {
  vi.stubGlobal(
    'createImageBitmap',
    vi.fn(async () => ({ close() {} })),
  );
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('SmileCameraRunner', () => {
  it('counts the visitors its worker reports and shows running with the backend', async () => {
    const worker = fakeWorker([[], [{ role: 'entry', smiling: true }], [{ role: 'entry', smiling: false }]]);
    const seen: WorkerVisitor[] = [];
    const runner = new SmileCameraRunner({
      role: 'entry',
      sampleFps: 30,
      worker: config,
      openSource: async () => fakeSource(),
      onVisitor: (v) => seen.push(v),
      createWorker: () => worker as unknown as CameraWorker,
    });
    await until(() => seen.length === 2);
    expect(runner.status()).toMatchObject({
      state: 'running',
      backend: 'wasm',
      source: 'camera',
      deviceLabel: 'Fake cam',
      visitors: 2,
      smiling: 1,
      numTensors: 96,
      lastError: null,
    });
    expect(runner.status().wasmMemoryBytes, "the worker's wasm memory after its last frame").toBe(24 * 1048576);
    await runner.stop();
    expect(runner.status().state).toBe('off');
    expect(worker.flushed, 'open tracks are counted when stopping').toBe(1);
    expect(seen).toHaveLength(3);
    expect(worker.terminate).toHaveBeenCalled();
  });

  it('shows the detector input size and smallest face the worker chose, null until its first frame', async () => {
    let frames = 0;
    const worker = {
      ...fakeWorker([]),
      process: vi.fn(async (): Promise<FrameResult> => ({
        visitors: [],
        framesProcessed: ++frames,
        facesDescribed: 0,
        numTensors: 96,
        detector: { inputSize: 320, smallestFace: 0.23456 },
      })),
    };
    const runner = new SmileCameraRunner({
      role: 'entry',
      sampleFps: 30,
      worker: config,
      openSource: async () => fakeSource(),
      onVisitor: () => undefined,
      createWorker: () => worker as unknown as CameraWorker,
    });
    expect(runner.status()).toMatchObject({ detectorInputSize: null, smallestFace: null });
    await until(() => runner.status().framesProcessed > 0);
    expect(runner.status()).toMatchObject({ detectorInputSize: 320, smallestFace: 0.235 });
    await runner.stop();
  });

  it("hands each frame's number of faces in view to onFacesInView (the narrator's presence), and nothing for a flush", async () => {
    let frames = 0;
    const worker = {
      ...fakeWorker([]),
      process: vi.fn(async (): Promise<FrameResult> => ({
        visitors: [],
        framesProcessed: ++frames,
        facesDescribed: 0,
        numTensors: 96,
        facesInView: frames % 2,
      })),
    };
    const faces: number[] = [];
    const runner = new SmileCameraRunner({
      role: 'entry',
      sampleFps: 30,
      worker: config,
      openSource: async () => fakeSource(),
      onVisitor: () => undefined,
      onFacesInView: (n) => faces.push(n),
      createWorker: () => worker as unknown as CameraWorker,
    });
    await until(() => faces.length >= 4);
    await runner.stop();
    expect(faces.slice(0, 4)).toEqual([1, 0, 1, 0]);
    expect(faces).toHaveLength(frames);
  });

  it('grabs the next frame while the worker is on the previous one, with never more than one frame waiting', async () => {
    // A worker whose frames finish only when the test says so: shows what the page has posted meanwhile.
    const results: Array<(r: FrameResult) => void> = [];
    let maxOutstanding = 0;
    const worker = {
      ready: Promise.resolve({ backend: 'wasm' as const, numTensors: 96 }),
      process: vi.fn(
        () =>
          new Promise<FrameResult>((resolve) => {
            results.push(resolve);
            maxOutstanding = Math.max(maxOutstanding, results.length);
          }),
      ),
      flush: vi.fn(async (): Promise<FrameResult> => ({ visitors: [], framesProcessed: 0, facesDescribed: 0, numTensors: 96 })),
      terminate: vi.fn(),
    };
    const seen: WorkerVisitor[] = [];
    const timings: number[] = [];
    const runner = new SmileCameraRunner({
      role: 'entry',
      sampleFps: 30,
      worker: config,
      openSource: async () => fakeSource(),
      onVisitor: (v) => seen.push(v),
      onFrameTiming: (t) => timings.push(t.grabMs),
      createWorker: () => worker as unknown as CameraWorker,
    });
    await until(() => worker.process.mock.calls.length === 2);
    await new Promise((r) => setTimeout(r, 100));
    expect(worker.process, 'frame 2 posted while frame 1 is still in the worker, frame 3 not yet').toHaveBeenCalledTimes(2);
    results.shift()!({ visitors: [], framesProcessed: 1, facesDescribed: 0, numTensors: 96 });
    await until(() => worker.process.mock.calls.length === 3);
    await new Promise((r) => setTimeout(r, 100));
    expect(worker.process).toHaveBeenCalledTimes(3);
    expect(maxOutstanding).toBe(2);
    // Stopping while a frame waits: its visitor is still counted.
    const stopped = runner.stop();
    results.shift()!({ visitors: [], framesProcessed: 2, facesDescribed: 0, numTensors: 96 });
    results.shift()!({ visitors: [{ role: 'entry', smiling: false }], framesProcessed: 3, facesDescribed: 1, numTensors: 96 });
    await stopped;
    expect(seen).toEqual([{ role: 'entry', smiling: false }]);
    expect(timings).toHaveLength(3);
  });

  it('steps a video file through its own time at sampleFps: a slow worker counts every sampled frame, later', async () => {
    // A file that would play on in real time: 1 s of video per 100 ms of wall clock while nobody steps it.
    const video = { readyState: 4, videoWidth: 320, videoHeight: 240 } as HTMLVideoElement;
    let stepped: number | null = null;
    const startedAt = Date.now();
    Object.defineProperty(video, 'currentTime', { get: () => stepped ?? (Date.now() - startedAt) / 100 });
    const source = videoFile(video, async (seconds) => void (stepped = seconds));
    const grabbed: number[] = [];
    vi.stubGlobal(
      'createImageBitmap',
      vi.fn(async (v: HTMLVideoElement) => (grabbed.push(Math.round(v.currentTime * 1000) / 1000), { close() {} })),
    );
    // A worker far slower than the sampling (25 ms per frame at 100 fps: a busy CPU).
    let frames = 0;
    const worker = {
      ...fakeWorker([]),
      process: vi.fn(
        async (): Promise<FrameResult> => (
          await new Promise((r) => setTimeout(r, 25)),
          { visitors: [], framesProcessed: ++frames, facesDescribed: 0, numTensors: 96 }
        ),
      ),
    };
    const runner = new SmileCameraRunner({
      role: 'entry',
      sampleFps: 100,
      worker: config,
      openSource: async () => source,
      onVisitor: () => undefined,
      createWorker: () => worker as unknown as CameraWorker,
    });
    await until(() => grabbed.length >= 8);
    await runner.stop();
    expect(grabbed.slice(0, 8)).toEqual([0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07]);
  });

  it('takes a video frame only once its seek is over, and never skips one: a slow seek holds the step', async () => {
    const video = { readyState: 4, videoWidth: 320, videoHeight: 240, seeking: false } as unknown as HTMLVideoElement & {
      seeking: boolean;
    };
    let at = 0;
    let slowSeeks = 3;
    Object.defineProperty(video, 'currentTime', { get: () => at });
    // The second frame's seek outlasts stepTo three times (as a seek past its timeout on a loaded machine).
    const source = videoFile(video, async (seconds) => {
      at = seconds;
      video.seeking = seconds === 0.01 && slowSeeks-- > 0;
    });
    const grabbed: Array<{ t: number; seeking: boolean }> = [];
    vi.stubGlobal(
      'createImageBitmap',
      vi.fn(
        async (v: HTMLVideoElement) => (grabbed.push({ t: Math.round(v.currentTime * 1000) / 1000, seeking: v.seeking }), { close() {} }),
      ),
    );
    const runner = new SmileCameraRunner({
      role: 'entry',
      sampleFps: 100,
      worker: config,
      openSource: async () => source,
      onVisitor: () => undefined,
      createWorker: () => fakeWorker([]) as unknown as CameraWorker,
    });
    await until(() => grabbed.length >= 5);
    await runner.stop();
    expect(grabbed.slice(0, 5)).toEqual([0, 0.01, 0.02, 0.03, 0.04].map((t) => ({ t, seeking: false })));
    expect(slowSeeks).toBeLessThanOrEqual(0);
  });

  it('without pipelining waits for each frame before grabbing the next', async () => {
    const results: Array<(r: FrameResult) => void> = [];
    const worker = {
      ready: Promise.resolve({ backend: 'wasm' as const, numTensors: 96 }),
      process: vi.fn(() => new Promise<FrameResult>((resolve) => results.push(resolve))),
      flush: vi.fn(async (): Promise<FrameResult> => ({ visitors: [], framesProcessed: 0, facesDescribed: 0, numTensors: 96 })),
      terminate: vi.fn(),
    };
    const runner = new SmileCameraRunner({
      role: 'entry',
      sampleFps: 30,
      pipelined: false,
      worker: config,
      openSource: async () => fakeSource(),
      onVisitor: () => undefined,
      createWorker: () => worker as unknown as CameraWorker,
    });
    await until(() => worker.process.mock.calls.length === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(worker.process).toHaveBeenCalledTimes(1);
    const stopped = runner.stop();
    results.shift()!({ visitors: [], framesProcessed: 1, facesDescribed: 0, numTensors: 96 });
    await stopped;
  });

  it('reports a missing camera as retrying with the reason, never as running with zero visitors', async () => {
    const worker = fakeWorker([]);
    const runner = new SmileCameraRunner({
      role: 'exit',
      sampleFps: 30,
      worker: { ...config, role: 'exit' },
      openSource: async () => {
        throw new CameraMissingError('camera "Exit cam" not found');
      },
      onVisitor: () => undefined,
      createWorker: () => worker as unknown as CameraWorker,
    });
    await until(() => runner.status().state === 'retrying');
    expect(runner.status()).toMatchObject({ state: 'retrying', retries: 1, lastError: 'camera "Exit cam" not found', visitors: 0, fps: 0 });
    await runner.stop();
  });

  it('a camera that ends is flushed (its people still count) and reported as retrying', async () => {
    const worker = fakeWorker([]);
    const source = fakeSource();
    const seen: WorkerVisitor[] = [];
    const runner = new SmileCameraRunner({
      role: 'entry',
      sampleFps: 30,
      worker: config,
      openSource: async () => source,
      onVisitor: (v) => seen.push(v),
      createWorker: () => worker as unknown as CameraWorker,
    });
    await until(() => runner.status().state === 'running');
    source.end('camera "Fake cam" ended (unplugged or taken away)');
    await until(() => runner.status().state === 'retrying');
    expect(seen).toEqual([{ role: 'entry', smiling: true }]);
    expect(runner.status().lastError).toContain('unplugged');
    expect(source.close).toHaveBeenCalled();
    await runner.stop();
  });

  it('a video file lost mid-walk resumes at its frame, its tracks not flushed: nothing is counted twice', async () => {
    const worker = fakeWorker([]);
    const steps: number[][] = [];
    let loseFirst!: (reason: string) => void;
    const open = () => {
      const mine: number[] = [];
      steps.push(mine);
      let at = 0;
      const video = { readyState: 4, videoWidth: 320, videoHeight: 240, seeking: false } as HTMLVideoElement;
      Object.defineProperty(video, 'currentTime', { get: () => at });
      const lost = new Promise<string>((r) => (steps.length === 1 ? (loseFirst = r) : undefined));
      const stepTo = async (seconds: number) => void mine.push(Math.round((at = seconds) * 100));
      return { kind: 'video' as const, video, label: 'walk.webm', deviceId: null, lost, close: vi.fn(), stepTo };
    };
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const runner = new SmileCameraRunner({
        role: 'entry',
        sampleFps: 100,
        worker: config,
        openSource: async () => open(),
        onVisitor: () => undefined,
        createWorker: () => worker as unknown as CameraWorker,
      });
      while ((steps[0]?.length ?? 0) < 6) await vi.advanceTimersByTimeAsync(10);
      loseFirst('video walk.webm could not be played (decode error)');
      while ((steps[1]?.length ?? 0) < 3) await vi.advanceTimersByTimeAsync(100);
      const lostAt = steps[0]!.at(-1)!;
      // The reopened file goes on from the frame after the last one taken, not from its start.
      expect(lostAt).toBeGreaterThanOrEqual(5);
      expect(steps[1]!.slice(0, 3)).toEqual([lostAt + 1, lostAt + 2, lostAt + 3]);
      expect(worker.flushed).toBe(0);
      expect(runner.status()).toMatchObject({
        state: 'running',
        retries: 0,
        restarts: 1,
        lastLoss: 'video walk.webm could not be played (decode error)',
      });
      const stopped = runner.stop();
      await vi.runAllTimersAsync();
      await stopped;
      expect(worker.flushed).toBe(1); // stopping still counts the tracks in view
    } finally {
      vi.useRealTimers();
    }
  });

  it('a worker that cannot start (no backend) is failed, not retrying forever quietly', async () => {
    const ready = Promise.reject(new WorkerStartError('neither WebGL nor the WebAssembly backend could start'));
    ready.catch(() => undefined);
    const runner = new SmileCameraRunner({
      role: 'entry',
      sampleFps: 30,
      worker: config,
      openSource: async () => fakeSource(),
      onVisitor: () => undefined,
      createWorker: () => fakeWorker([], ready) as unknown as CameraWorker,
    });
    await until(() => runner.status().state === 'failed');
    expect(runner.status().lastError).toContain('backend');
    await runner.stop();
  });
});
