import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FaceApi } from '../../../common/smile/faceAnalyzer';

/**
 * Loads @vladmandic/face-api's node-wasm build on tfjs's WebAssembly backend, with the .wasm binaries and the model
 * weights read from the installed npm packages: nothing is fetched from the network. (tfjs-node is not used: its
 * install downloads a native binary from outside npm.) The face-recognition/descriptor model is never loaded.
 * Upstream: https://github.com/vladmandic/face-api#usage-in-nodejs (demo/node-wasm.js, here with local wasm paths).
 */
const require = createRequire(import.meta.url);

export type FaceApiBackend = 'wasm' | 'cpu';

export type Tfjs = typeof import('@tensorflow/tfjs');

export interface LoadedFaceApi {
  faceapi: FaceApi;
  /** The full tfjs API (face-api's own `tf` export is typed as a subset); the same engine at runtime. */
  tf: Tfjs;
  backend: FaceApiBackend;
}

let loading: Promise<LoadedFaceApi> | null = null;

/** Folder of the model weights shipped inside the face-api package. */
export function faceApiModelDir(): string {
  return join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
}

/** Loads once per process (tfjs keeps one global engine); later calls share the result. */
export function loadFaceApi(backend: FaceApiBackend = 'wasm'): Promise<LoadedFaceApi> {
  loading ??= load(backend).catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

async function load(backend: FaceApiBackend): Promise<LoadedFaceApi> {
  const wasm = require('@tensorflow/tfjs-backend-wasm') as { setWasmPaths(prefix: string, usePlatformFetch?: boolean): void };
  const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js') as FaceApi;
  const tf = require('@tensorflow/tfjs') as Tfjs;
  // setWasmPaths wants a prefix ending in '/'; in Node tfjs reads the file from disk with fs.
  wasm.setWasmPaths(`${join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist')}/`);
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend "${backend}" failed to initialise`);
  await tf.ready();
  const models = faceApiModelDir();
  await faceapi.nets.tinyFaceDetector.loadFromDisk(models);
  await faceapi.nets.faceExpressionNet.loadFromDisk(models);
  await faceapi.nets.faceLandmark68TinyNet.loadFromDisk(models);
  return { faceapi, tf, backend };
}
