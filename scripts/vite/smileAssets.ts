import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

/**
 * The smile meter's camera worker loads face-api's model weights and tfjs's WebAssembly binaries from the kiosk
 * itself, never from the network. This plugin serves them from node_modules in `vite dev` and copies them into the
 * build, under `smile-models/` and `smile-wasm/` next to index.html. Only the three models the kiosk uses are
 * shipped: TinyFaceDetector, the expression net and the tiny 68-point landmarks; the face-recognition (descriptor)
 * model is never served. Upstream: https://github.com/vladmandic/face-api (model/), tfjs-backend-wasm's setWasmPaths
 * (https://github.com/tensorflow/tfjs/tree/master/tfjs-backend-wasm#using-bundlers).
 */
const require = createRequire(import.meta.url);

export const SMILE_MODELS = ['tiny_face_detector_model', 'face_expression_model', 'face_landmark_68_tiny_model'] as const;
/** The non-threaded builds: threads need cross-origin isolation, which the kiosk does not enable (one thread per camera worker). */
const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm'] as const;

export function smileAssetFiles(): Map<string, string> {
  const models = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
  const wasm = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
  const files = new Map<string, string>();
  for (const m of SMILE_MODELS) {
    files.set(`smile-models/${m}-weights_manifest.json`, join(models, `${m}-weights_manifest.json`));
    files.set(`smile-models/${m}.bin`, join(models, `${m}.bin`));
  }
  for (const w of WASM_FILES) files.set(`smile-wasm/${w}`, join(wasm, w));
  for (const [name, path] of files)
    if (!existsSync(path)) throw new Error(`smile assets: ${path} (for ${name}) is missing: run npm install`);
  return files;
}

export function smileAssets(): Plugin {
  const files = smileAssetFiles();
  return {
    name: 'kiosk-smile-assets',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0]!.replace(/^\/+/, '');
        const file = files.get(path);
        if (!file) return next();
        res.setHeader(
          'Content-Type',
          path.endsWith('.wasm') ? 'application/wasm' : path.endsWith('.json') ? 'application/json' : 'application/octet-stream',
        );
        createReadStream(file).pipe(res);
      });
    },
    generateBundle() {
      for (const [fileName, path] of files) this.emitFile({ type: 'asset', fileName, source: readFileSync(path) });
    },
  };
}
