import type * as Tfjs from '@tensorflow/tfjs';
import type { SmileBackend } from '../../../../common/smileStatus';
import type { BackendChoice } from './workerProtocol';

/** tfjs as face-api's ESM no-bundle build exposes it: tfjs plus the WebGL and wasm backends' exports (setWasmPaths). */
export type WorkerTf = typeof Tfjs & { setWasmPaths(prefix: string, usePlatformFetch?: boolean): void };

/**
 * Picks the camera worker's tfjs backend: WebGL where a real GPU answers (created in the worker on an OffscreenCanvas,
 * then checked with a tiny op whose result is read back), else WebAssembly with the binaries served by the kiosk
 * (`smile-wasm/`, never a CDN). A software WebGL (SwiftShader, llvmpipe) is slower than wasm on the CPU, so `auto`
 * treats it as "no WebGL". Upstream: https://www.tensorflow.org/js/guide/platform_environment#backends
 */
export async function chooseBackend(tf: WorkerTf, choice: BackendChoice, wasmPrefix: string): Promise<SmileBackend> {
  if (choice !== 'wasm') {
    const webgl = await tryWebgl(tf, choice === 'webgl');
    if (webgl === true) return 'webgl';
    if (choice === 'webgl') throw new Error(`WebGL backend unavailable: ${webgl}`);
  }
  tf.setWasmPaths(wasmPrefix);
  if (!(await tf.setBackend('wasm'))) throw new Error('neither WebGL nor the WebAssembly backend could start');
  await tf.ready();
  return 'wasm';
}

/** True when WebGL works, else the reason it was not used. */
async function tryWebgl(tf: WorkerTf, allowSoftware: boolean): Promise<true | string> {
  const renderer = webglRenderer();
  if (renderer === null) return 'no WebGL context';
  if (!allowSoftware && /swiftshader|llvmpipe|software|softpipe/i.test(renderer)) return `software renderer (${renderer})`;
  try {
    if (!(await tf.setBackend('webgl'))) return 'tfjs could not initialise WebGL';
    await tf.ready();
    const probe = tf.tidy(() => tf.add(tf.tensor1d([1, 2]), tf.scalar(1)));
    const values = await probe.data();
    probe.dispose();
    if (values[0] !== 2 || values[1] !== 3) return 'WebGL returned wrong results';
    return true;
  } catch (error) {
    return (error as Error).message;
  }
}

function webglRenderer(): string | null {
  if (typeof OffscreenCanvas === 'undefined') return null;
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2') ?? new OffscreenCanvas(1, 1).getContext('webgl');
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return String(name);
  } catch {
    return null;
  }
}
