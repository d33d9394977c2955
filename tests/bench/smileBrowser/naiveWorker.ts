/**
 * The naive face-api usage for the browser benchmark (never shipped in the kiosk): SSD MobileNet v1 and the
 * expression net on every full frame, face-api's documented `detectAllFaces(input).withFaceExpressions()`.
 * Same messages as the kiosk's camera worker (init, frame -> result), same backend choice and environment patch.
 */
import * as faceapi from '@vladmandic/face-api/dist/face-api.esm-nobundle.js';
import { chooseBackend, type WorkerTf } from '../../../src/exhibits/smile/camera/chooseBackend';
import { loadModelWeights } from '../../../src/exhibits/smile/camera/loadModelWeights';
import { workerEnvironment } from '../../../src/exhibits/smile/camera/workerEnvironment';

interface Scope {
  onmessage:
    | ((e: MessageEvent<{ type: string; config?: { appBase: string; backend: 'auto' | 'webgl' | 'wasm' }; frame?: ImageBitmap }>) => void)
    | null;
  postMessage(m: unknown): void;
}
const scope = self as unknown as Scope;
const tf = faceapi.tf as unknown as WorkerTf;
let frames = 0;
let queue: Promise<void> = Promise.resolve();

scope.onmessage = (e) => {
  const m = e.data;
  queue = queue
    .then(async () => {
      if (m.type === 'init') {
        faceapi.env.setEnv(workerEnvironment());
        const backend = await chooseBackend(tf, m.config!.backend, new URL('smile-wasm/', m.config!.appBase).href);
        type WeightMap = Parameters<typeof faceapi.nets.ssdMobilenetv1.loadFromWeightMap>[0];
        const models = new URL('bench-models/', m.config!.appBase).href;
        faceapi.nets.ssdMobilenetv1.loadFromWeightMap(
          (await loadModelWeights(tf, models, 'ssd_mobilenetv1_model')) as unknown as WeightMap,
        );
        faceapi.nets.faceExpressionNet.loadFromWeightMap(
          (await loadModelWeights(tf, models, 'face_expression_model')) as unknown as WeightMap,
        );
        scope.postMessage({ type: 'ready', backend, numTensors: tf.memory().numTensors });
        return;
      }
      const bitmap = m.frame!;
      const tensor = tf.browser.fromPixels(bitmap);
      try {
        await faceapi.detectAllFaces(tensor as unknown as faceapi.tf.Tensor3D, new faceapi.SsdMobilenetv1Options()).withFaceExpressions();
      } finally {
        tensor.dispose();
        bitmap.close();
      }
      frames++;
      scope.postMessage({ type: 'result', visitors: [], framesProcessed: frames, facesDescribed: 0, numTensors: tf.memory().numTensors });
    })
    .catch((error: unknown) => scope.postMessage({ type: 'error', message: (error as Error).message, fatal: m.type === 'init' }));
};
