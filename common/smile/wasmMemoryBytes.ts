/**
 * The size of the WebAssembly memory of tfjs's wasm backend, in bytes; null on any other backend. A wasm memory only
 * ever grows (https://developer.mozilla.org/en-US/docs/WebAssembly/Reference/JavaScript_interface/Memory/grow), so
 * this is the most the backend has needed at once: it levels off once every frame size and face count has been seen,
 * and keeps rising only if something leaks inside the wasm heap (tensors freed by tfjs never count here).
 * The backend keeps its Emscripten module as `wasm`, whose `HEAPU8` views the whole memory (tfjs-backend-wasm's
 * backend_wasm.ts reads and writes tensors through it).
 */
export function wasmMemoryBytes(tf: { getBackend(): string | undefined; backend(): unknown }): number | null {
  if (tf.getBackend() !== 'wasm') return null;
  const heap = (tf.backend() as { wasm?: { HEAPU8?: Uint8Array } }).wasm?.HEAPU8;
  return heap ? heap.buffer.byteLength : null;
}
