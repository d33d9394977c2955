import type { Roi } from '../../../../common/smileSettings';

/** The smallest region side the settings accept (common/smileSettings.ts RoiSchema). */
export const MIN_ROI_SIDE = 0.05;

export interface Point {
  x: number;
  y: number;
}

const clamp01 = (v: number): number => Math.min(1, Math.max(0, v));
const round4 = (v: number): number => Math.round(v * 10000) / 10000;

/** A point of an element's box as fractions of its width and height (0..1, clamped). */
export function fractionIn(box: { left: number; top: number; width: number; height: number }, clientX: number, clientY: number): Point {
  return { x: clamp01((clientX - box.left) / box.width), y: clamp01((clientY - box.top) / box.height) };
}

/**
 * The region spanned by a drag from `a` to `b` (either direction), in fractions of the frame,
 * rounded to 4 decimals and kept inside it; null when it is too small to be a region (a tap).
 */
export function roiFromDrag(a: Point, b: Point): Roi | null {
  const x = round4(Math.min(a.x, b.x));
  const y = round4(Math.min(a.y, b.y));
  const width = round4(Math.min(1 - x, Math.abs(b.x - a.x)));
  const height = round4(Math.min(1 - y, Math.abs(b.y - a.y)));
  if (width < MIN_ROI_SIDE || height < MIN_ROI_SIDE) return null;
  return { x, y, width, height };
}
