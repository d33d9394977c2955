/** One row of the soak's CSV: every figure it watches, at one moment (taken at the attract screen, between visitors). */
export interface Sample {
  minute: number;
  rendererHeapMB: number;
  domNodes: number;
  listeners: number;
  glTextures: number;
  glBuffers: number;
  glPrograms: number;
  tensorsEntry: number | null;
  tensorsExit: number | null;
  /** Each camera worker's wasm memory (common/smile/wasmMemoryBytes.ts; null on WebGL): it only grows, so it must level off. */
  wasmEntryMB: number | null;
  wasmExitMB: number | null;
  framesEntry: number;
  framesExit: number;
  /** Visitors each camera's runner has counted so far (against its frames: where in the file they were counted). */
  visitorsEntry: number;
  visitorsExit: number;
  chromiumRssMB: number;
  hostRssMB: number;
  hostHeapMB: number | null;
  hostFds: number;
  dbMB: number;
  walMB: number;
  logsMB: number;
  postcardsMB: number;
  outbox: number;
  /**
   * The kiosk renderer's Oilpan (Blink's garbage-collected heap) as memory-infra reports it: its pages (`size`) and
   * the objects alive in them, and the array buffers' partition; null without --memory-dumps.
   */
  oilpanMB: number | null;
  oilpanLiveMB: number | null;
  arrayBuffersMB: number | null;
}
