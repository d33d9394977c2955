import type { Box, Region } from './FaceTracker';

/**
 * Where in a frame TinyFaceDetector looks, and at what input size (a window around the region lets it find smaller faces).
 *
 * Why: face-api pads the image it is given to a square and shrinks it to `inputSize` pixels. Whether a face is found
 * depends on how many pixels it still has at that input, not on the camera's resolution: measured on synthetic
 * walk-throughs (docs/experiments/smile.md, "Counting with smaller faces"), a face image of 42 px side at the
 * input is found in about 1 frame of 4, 54 px in 4 of 5, 58-60 px in 93-98 %, 67 px and more always, the same at
 * 320x240 and 640x480; counting was exact from 60 px. The detector's box on those images has a shorter side of about
 * 0.75 of the image's (0.57-0.96), so 60 px of image are about 45 px of box: `MIN_FACE_PIXELS` is in that measure,
 * the box's shorter side, the same measure the tracker's `minFaceSize` filters on. On a whole 640x480 frame at input
 * 224 that means faces (boxes) of at least ~27 % of the picture height (face images of ~36 %).
 *
 * Two levers, both here:
 * - the window: with a counting region (ROI) the detector sees only that region (plus a margin, so a face whose
 *   centre is just inside is whole), which zooms it to the detector's input for free: a region half the frame wide
 *   doubles the pixels every face has at the input, at the same cost per frame;
 * - the input size: the smallest that gives the smallest face the operator wants counted (`minFaceSize`, a fraction
 *   of the picture height) `MIN_FACE_PIXELS` at the input, between a floor (224, what the kiosk always used) and the
 *   configured size, which is the frame-rate budget: the detector's cost grows with the square of the size (22 ms at
 *   224, 36 ms at 288, 43 ms at 320, 72 ms at 416 per 640x480 frame in Node). An operator who lowered the size to save
 *   CPU keeps it; one who asks only for large faces with a large size saves CPU.
 * Pure TS: the camera worker and the Node command lines use it the same way.
 */

/** A rectangle in whole pixels of the frame. */
export interface PixelRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Shorter side (px) of a face's detector box, at the detector's input, needed for the face to be found in nearly
 * every frame (measured: see above).
 */
export const MIN_FACE_PIXELS = 45;

/** The automatic size's floor: the size the kiosk always used, measured exact with faces of 40 % of the height. */
export const MIN_AUTO_INPUT_SIZE = 224;

/** Sizes TinyFaceDetector takes: its network's stride is 32. */
const STRIDE = 32;

export interface DetectionPolicy {
  /** The counting region (fractions of the frame); null: the whole frame. */
  roi: Region | null;
  /** Smallest face the operator wants counted, as a fraction of the frame height. */
  minFaceSize: number;
  /** The automatic size never goes below this (unless `maxInputSize` is smaller). */
  minInputSize: number;
  /** The configured input size: the largest the detector gets (frame-rate budget). */
  maxInputSize: number;
  /** Margin around the region, as a fraction of the frame height (a face centred on the region's edge stays whole). */
  margin: number;
}

export interface DetectionSetup {
  /** The part of the frame the detector sees. */
  window: PixelRect;
  inputSize: number;
  /**
   * The smallest face (fraction of the frame height) that has `MIN_FACE_PIXELS` at this input in this window: what
   * the operator can expect to be counted. Faces smaller than that are missed more and more often.
   */
  smallestFace: number;
}

/** The region plus `margin` (fraction of the frame height) on each side, in whole pixels, clamped to the frame. */
export function detectionWindow(frameWidth: number, frameHeight: number, roi: Region | null, margin: number): PixelRect {
  if (!(frameWidth > 0 && frameHeight > 0)) throw new Error(`frame size must be positive, got ${frameWidth}x${frameHeight}`);
  if (!roi) return { x: 0, y: 0, width: frameWidth, height: frameHeight };
  const m = Math.max(0, margin) * frameHeight;
  const x0 = Math.max(0, Math.floor(roi.x * frameWidth - m));
  const y0 = Math.max(0, Math.floor(roi.y * frameHeight - m));
  const x1 = Math.min(frameWidth, Math.ceil((roi.x + roi.width) * frameWidth + m));
  const y1 = Math.min(frameHeight, Math.ceil((roi.y + roi.height) * frameHeight + m));
  if (!(x1 > x0 && y1 > y0)) throw new Error('the counting region lies outside the frame');
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/**
 * The input size (a multiple of 32) that gives a face of `minFaceSize` x frame height `MIN_FACE_PIXELS` at the input
 * when the detector sees `window`: at most `maxInputSize`, at least `min(minInputSize, maxInputSize)`.
 */
export function chooseInputSize(
  window: PixelRect,
  frameHeight: number,
  policy: Pick<DetectionPolicy, 'minFaceSize' | 'minInputSize' | 'maxInputSize'>,
): number {
  const { minFaceSize, minInputSize, maxInputSize } = policy;
  if (!(minFaceSize > 0)) throw new Error(`minFaceSize must be > 0, got ${minFaceSize}`);
  if (minInputSize % STRIDE !== 0 || maxInputSize % STRIDE !== 0 || minInputSize <= 0 || maxInputSize <= 0) {
    throw new Error(`input sizes must be positive multiples of ${STRIDE}, got ${minInputSize} and ${maxInputSize}`);
  }
  // face-api pads the window to a square of its longer side, then scales that square to the input size.
  const needed = Math.ceil((MIN_FACE_PIXELS * Math.max(window.width, window.height)) / (minFaceSize * frameHeight) / STRIDE) * STRIDE;
  return Math.min(maxInputSize, Math.max(needed, Math.min(minInputSize, maxInputSize)));
}

/** The smallest face (fraction of the frame height) with `MIN_FACE_PIXELS` at `inputSize` in `window`. */
export function smallestReliableFace(window: PixelRect, frameHeight: number, inputSize: number): number {
  return (MIN_FACE_PIXELS * Math.max(window.width, window.height)) / (inputSize * frameHeight);
}

/** Window, input size and the face size it reaches, for one frame size. */
export function planDetection(frameWidth: number, frameHeight: number, policy: DetectionPolicy): DetectionSetup {
  const window = detectionWindow(frameWidth, frameHeight, policy.roi, policy.margin);
  const inputSize = chooseInputSize(window, frameHeight, policy);
  return { window, inputSize, smallestFace: smallestReliableFace(window, frameHeight, inputSize) };
}

/**
 * The window grown to cover the faces being tracked (each box scaled by `scale` about its centre), clamped to the
 * frame. Why: the region's margin is sized for small faces (the ones that need the zoom); a large face near the
 * region's edge would be cut by the window, its box would cover only part of it, and it would never be scored (a face
 * cut by an edge is not). Its first, partial box is enough to grow the window around it in the next frame. A large
 * face needs no zoom, so the lost zoom costs nothing while it is there; the window shrinks back when it has gone.
 */
export function coverTracked(window: PixelRect, boxes: readonly Box[], scale: number, frameWidth: number, frameHeight: number): PixelRect {
  let [x0, y0, x1, y1] = [window.x, window.y, window.x + window.width, window.y + window.height];
  for (const b of boxes) {
    const half = (Math.max(b.width, b.height) * scale) / 2;
    const [cx, cy] = [b.x + b.width / 2, b.y + b.height / 2];
    [x0, y0, x1, y1] = [Math.min(x0, cx - half), Math.min(y0, cy - half), Math.max(x1, cx + half), Math.max(y1, cy + half)];
  }
  x0 = Math.max(0, Math.floor(x0));
  y0 = Math.max(0, Math.floor(y0));
  x1 = Math.min(frameWidth, Math.ceil(x1));
  y1 = Math.min(frameHeight, Math.ceil(y1));
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** A box found in the window, in frame pixels. */
export function toFrameBox(box: Box, window: PixelRect): Box {
  return { x: box.x + window.x, y: box.y + window.y, width: box.width, height: box.height };
}

/** A square window of the frame turned about its centre (frame pixels; `angle` in radians, clockwise on screen). */
export interface TurnedWindow {
  cx: number;
  cy: number;
  side: number;
  angle: number;
}

/**
 * A box found in a turned window resampled to `inputSize` pixels (FaceAnalyzer.detectTurned), in frame pixels: its
 * centre turned back into the frame, its size scaled and kept axis-aligned.
 */
export function fromTurnedWindow(box: Box, view: TurnedWindow, inputSize: number): Box {
  const m = view.side / inputSize;
  const [u, v] = [box.x + box.width / 2 - inputSize / 2, box.y + box.height / 2 - inputSize / 2];
  const [c, s] = [Math.cos(view.angle), Math.sin(view.angle)];
  const [cx, cy] = [view.cx + m * (c * u - s * v), view.cy + m * (s * u + c * v)];
  const [width, height] = [box.width * m, box.height * m];
  return { x: cx - width / 2, y: cy - height / 2, width, height };
}

/** Whether a box (frame pixels) lies wholly inside the rectangle, `inset` pixels away from its edges. */
export function insideRect(box: Box, rect: PixelRect, inset: number): boolean {
  return (
    box.x >= rect.x + inset &&
    box.y >= rect.y + inset &&
    box.x + box.width <= rect.x + rect.width - inset &&
    box.y + box.height <= rect.y + rect.height - inset
  );
}
