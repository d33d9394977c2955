import * as faceapi from '@vladmandic/face-api/dist/face-api.esm-nobundle.js';
import { createKioskMeter } from '../../../../common/smile/createKioskMeter';
import type { FaceApi } from '../../../../common/smile/faceAnalyzer';
import type { SmileMeter } from '../../../../common/smile/SmileMeter';
import { wasmMemoryBytes } from '../../../../common/smile/wasmMemoryBytes';
import { chooseBackend, type WorkerTf } from './chooseBackend';
import { createFrameReader } from './frameTensor';
import { loadModelWeights } from './loadModelWeights';
import { workerEnvironment } from './workerEnvironment';
import type { FromWorker, ToWorker, WorkerConfig } from './workerProtocol';

/**
 * One camera's counting worker (a module Worker per camera role). It loads @vladmandic/face-api's ESM build without
 * its bundled tfjs (the kiosk's own @tensorflow/tfjs 4.22), picks WebGL or wasm, loads TinyFaceDetector, the
 * expression net and the tiny landmark net from the kiosk's own files, and runs SmileMeter (the same loop as the
 * command lines) on each frame the page transfers. Each frame becomes one tensor that is disposed after the frame
 * (SmileMeter/FaceAnalyzer dispose their own), and the ImageBitmap is closed: nothing of a frame outlives it, and
 * only (role, smiling) per counted visitor goes back to the page.
 */
// The renderer's tsconfig has the DOM lib, not WebWorker (they conflict): the two members used here.
interface WorkerScope {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker): void;
}
const scope = self as unknown as WorkerScope;
const tf = faceapi.tf as unknown as WorkerTf;
let config: WorkerConfig | null = null;
let meter: SmileMeter | null = null;
let frameSize: [number, number] = [0, 0];
let queue: Promise<void> = Promise.resolve();
let lastFrameEnd = -1;
const readFrame = createFrameReader(tf);

const post = (message: FromWorker) => scope.postMessage(message);

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  // One message at a time, in order (the page keeps one frame in flight; this also orders init before frames).
  queue = queue
    .then(() => handle(message))
    .catch((error: unknown) => {
      if (message.type === 'frame') message.frame.close();
      post({ type: 'error', message: (error as Error)?.message ?? String(error), fatal: message.type === 'init' });
    });
};

async function handle(message: ToWorker): Promise<void> {
  if (message.type === 'init') return init(message.config);
  if (!meter || !config) throw new Error(`"${message.type}" before the worker was initialised`);
  if (message.type === 'flush') {
    const events = meter.finish(frameSize[0], frameSize[1]);
    post({
      type: 'result',
      visitors: events.map((e) => ({ role: config!.role, smiling: e.smiling })),
      framesProcessed: meter.framesProcessed,
      facesDescribed: meter.facesDescribed,
      numTensors: tf.memory().numTensors,
      wasmMemoryBytes: wasmMemoryBytes(tf),
    });
    return;
  }
  const bitmap = message.frame;
  const start = performance.now();
  try {
    frameSize = [bitmap.width, bitmap.height];
    const tensor = readFrame(bitmap);
    const pixelsDone = performance.now();
    let events;
    try {
      events = await meter.processFrame(tensor as unknown as Parameters<SmileMeter['processFrame']>[0]);
    } finally {
      tensor.dispose();
    }
    const stages = meter.lastStageTimes;
    const end = performance.now();
    const times = {
      idleMs: lastFrameEnd < 0 ? 0 : start - lastFrameEnd,
      fromPixelsMs: pixelsDone - start,
      detectMs: stages.detectMs,
      secondLookMs: stages.secondLookMs,
      describeMs: stages.describeMs,
      busyMs: end - start,
      described: stages.described,
    };
    lastFrameEnd = end;
    const setup = meter.detectionSetup;
    const detector = setup ? { inputSize: setup.inputSize, smallestFace: setup.smallestFace } : undefined;
    post({
      type: 'result',
      visitors: events.map((e) => ({ role: config!.role, smiling: e.smiling })),
      framesProcessed: meter.framesProcessed,
      facesDescribed: meter.facesDescribed,
      numTensors: tf.memory().numTensors,
      wasmMemoryBytes: wasmMemoryBytes(tf),
      times,
      detector,
      facesInView: meter.facesInView,
    });
  } finally {
    bitmap.close();
  }
}

async function init(c: WorkerConfig): Promise<void> {
  if (meter) throw new Error('the worker is already initialised');
  faceapi.env.setEnv(workerEnvironment());
  const backend = await chooseBackend(tf, c.backend, new URL('smile-wasm/', c.appBase).href);
  const models = new URL('smile-models/', c.appBase).href;
  // face-api's typings carry their own copy of tfjs's types; at runtime it is the same engine.
  type WeightMap = Parameters<typeof faceapi.nets.tinyFaceDetector.loadFromWeightMap>[0];
  const weights = async (name: string) => (await loadModelWeights(tf, models, name)) as unknown as WeightMap;
  faceapi.nets.tinyFaceDetector.loadFromWeightMap(await weights('tiny_face_detector_model'));
  faceapi.nets.faceExpressionNet.loadFromWeightMap(await weights('face_expression_model'));
  faceapi.nets.faceLandmark68TinyNet.loadFromWeightMap(await weights('face_landmark_68_tiny_model'));
  config = c;
  // The tracker's region and smallest face also set where the detector looks and its input size (createKioskMeter).
  meter = createKioskMeter(faceapi as unknown as FaceApi, {
    analyzer: { inputSize: c.detectorInputSize },
    tracker: {
      minFrames: c.minTrackFrames,
      minFaceSize: c.minFaceSize,
      roi: c.roi,
      direction: c.direction,
      smile: { threshold: c.threshold },
    },
  });
  post({ type: 'ready', backend, numTensors: tf.memory().numTensors, wasmMemoryBytes: wasmMemoryBytes(tf) });
}
