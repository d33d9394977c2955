import { z } from 'zod';

/**
 * What the kiosk screen running the smile meter (src/exhibits/smile/camera/) says about its cameras, every few
 * seconds (contract `reportSmileStatus`, public), and what the operator screen and health read back
 * (`getSmileStatus`, operator). Numbers and short texts only: never a frame, a face or anything derived from one.
 */

export const SmileRoleSchema = z.enum(['entry', 'exit']);
export type SmileRole = z.infer<typeof SmileRoleSchema>;

/**
 * - `off`: this role is switched off in the settings (or the whole meter is).
 * - `starting`: opening the camera / video, loading the models.
 * - `running`: frames are being counted.
 * - `retrying`: the camera is missing or failed; it is tried again with backoff (not counting meanwhile).
 * - `failed`: a failure that retrying cannot fix (no WebGL nor wasm, models missing); needs an operator.
 */
export const SmileCameraStateSchema = z.enum(['off', 'starting', 'running', 'retrying', 'failed']);
export type SmileCameraState = z.infer<typeof SmileCameraStateSchema>;

/** tfjs backend the camera's worker chose: WebGL where it works, WebAssembly otherwise. */
export const SmileBackendSchema = z.enum(['webgl', 'wasm']);
export type SmileBackend = z.infer<typeof SmileBackendSchema>;

/** `camera`: a real camera; `video`: a video file from the settings; `demo`: the pack's demo video (no camera configured nor present). */
export const SmileSourceKindSchema = z.enum(['camera', 'video', 'demo']);
export type SmileSourceKind = z.infer<typeof SmileSourceKindSchema>;

export const SmileCameraStatusSchema = z.strictObject({
  role: SmileRoleSchema,
  state: SmileCameraStateSchema,
  backend: SmileBackendSchema.nullable(),
  source: SmileSourceKindSchema.nullable(),
  /** The camera's device label (or the video's file name); null until opened. */
  deviceLabel: z.string().max(200).nullable(),
  /** Frames counted per second over the last few seconds. */
  fps: z.number().min(0).max(1000),
  /** Frames counted since this camera (re)started. */
  framesProcessed: z.number().int().min(0),
  /** Faces sent through the expression net since (re)start: a camera that never sees a face stays at 0 (aimed wrong?). */
  facesDescribed: z.number().int().min(0),
  /** Visitors and smiling visitors counted since this camera (re)started (the day's totals are in the usage counter). */
  visitors: z.number().int().min(0),
  smiling: z.number().int().min(0),
  /** tf.memory().numTensors in the camera's worker after the last frame: flat while nothing leaks. */
  numTensors: z.number().int().min(0).nullable(),
  /**
   * The worker's WebAssembly memory in bytes (common/smile/wasmMemoryBytes.ts): it only grows, so it levels off unless
   * something leaks in the wasm heap. Null on WebGL and before the worker is ready; absent from older reports.
   */
  wasmMemoryBytes: z.number().int().min(0).nullable().optional(),
  /** Failed attempts since the last successful start. */
  retries: z.number().int().min(0),
  lastError: z.string().max(300).nullable(),
  /** When the camera entered its current state (ms since the epoch, the kiosk screen's clock). */
  since: z.number(),
  /**
   * TinyFaceDetector's input size the worker chose for this camera's frames (from the smallest-face setting and the
   * counting region, common/smile/detectionWindow.ts), and the smallest face (fraction of the picture
   * height) it finds reliably with it. Optional: reports from kiosks that always scanned the whole frame have neither.
   */
  detectorInputSize: z.number().int().min(0).max(4096).nullable().optional(),
  smallestFace: z.number().min(0).max(100).nullable().optional(),
  /**
   * How often the source was lost and opened again since this camera started (never reset by a good start, unlike
   * `retries`), and why the last time. A stepped video file resumes where it was; a camera starts afresh. Optional:
   * older kiosk screens report neither.
   */
  restarts: z.number().int().min(0).optional(),
  lastLoss: z.string().max(300).nullable().optional(),
});
export type SmileCameraStatus = z.infer<typeof SmileCameraStatusSchema>;

export const SmileStatusReportSchema = z.strictObject({
  /** The meter is switched on in the settings and this kiosk's profile includes it. */
  enabled: z.boolean(),
  cameras: z.array(SmileCameraStatusSchema).max(2),
});
export type SmileStatusReport = z.infer<typeof SmileStatusReportSchema>;

/** A report older than this means the kiosk screen stopped reporting (crashed, closed): shown as stale. */
export const SMILE_STATUS_STALE_MS = 30_000;

export const SmileStatusViewSchema = z.strictObject({
  /** The last report, or null if none arrived since the services started. */
  report: SmileStatusReportSchema.nullable(),
  /** When it arrived (the services' clock) and how old it is. */
  reportedAt: z.number().nullable(),
  ageMs: z.number().nullable(),
  /** No report for SMILE_STATUS_STALE_MS (or none at all) while the meter should be running. */
  stale: z.boolean(),
});
export type SmileStatusView = z.infer<typeof SmileStatusViewSchema>;
