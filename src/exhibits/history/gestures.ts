/**
 * The arithmetic of the touch gestures of the story view, kept apart from the DOM so it can be
 * tested: a horizontal swipe turns the page, two fingers zoom a picture, a double tap resets it.
 */
export interface Pt {
  x: number;
  y: number;
}

export const ZOOM_MIN = 1;
export const ZOOM_MAX = 4;

/** -1: to the previous page, 1: to the next one, 0: stay. */
export function swipeDirection(dx: number, dy: number, ms: number, width: number): -1 | 0 | 1 {
  const horizontal = Math.abs(dx) > Math.abs(dy) * 1.3;
  // A quick flick, or a slow drag over a quarter of the width, both count; a small wobble does not.
  const far = Math.abs(dx) > width * 0.25 || (Math.abs(dx) > 60 && ms < 600);
  if (!horizontal || !far) return 0;
  return dx < 0 ? 1 : -1;
}

/** Dragging past the first or last page follows the finger only a little (rubber band). */
export function dragOffset(dx: number, atFirst: boolean, atLast: boolean): number {
  return (dx > 0 && atFirst) || (dx < 0 && atLast) ? dx * 0.25 : dx;
}

export interface View {
  scale: number;
  x: number;
  y: number;
}

export const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** Keeps a zoomed picture covering its box: no panning it off screen. Offsets are from the centre. */
export function clampView(v: View, width: number, height: number): View {
  const scale = clamp(v.scale, ZOOM_MIN, ZOOM_MAX);
  const maxX = ((scale - 1) * width) / 2;
  const maxY = ((scale - 1) * height) / 2;
  return { scale, x: clamp(v.x, -maxX, maxX), y: clamp(v.y, -maxY, maxY) };
}

const dist = (a: Pt, b: Pt): number => Math.hypot(a.x - b.x, a.y - b.y);
const mid = (a: Pt, b: Pt): Pt => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });

/**
 * Two-finger zoom: from the view at the start of the pinch and the two fingers then and now
 * (points relative to the box's centre), the view now. The point under the fingers' midpoint stays
 * under it, so the picture grows around the fingers.
 */
export function pinchView(start: View, from: [Pt, Pt], to: [Pt, Pt], width: number, height: number): View {
  const d0 = Math.max(1, dist(from[0], from[1]));
  const scale = clamp((start.scale * dist(to[0], to[1])) / d0, ZOOM_MIN, ZOOM_MAX);
  const m0 = mid(from[0], from[1]);
  const m1 = mid(to[0], to[1]);
  const k = scale / start.scale;
  return clampView({ scale, x: m1.x - (m0.x - start.x) * k, y: m1.y - (m0.y - start.y) * k }, width, height);
}

/** Double tap: back to the whole picture when zoomed, else 2x around the tapped point. */
export function doubleTapView(v: View, at: Pt, width: number, height: number): View {
  if (v.scale > 1.01) return { scale: 1, x: 0, y: 0 };
  return clampView({ scale: 2, x: -at.x, y: -at.y }, width, height);
}

/** Two taps close in time and place. */
export function isDoubleTap(prev: { at: Pt; t: number } | null, at: Pt, t: number): boolean {
  return prev !== null && t - prev.t < 350 && dist(prev.at, at) < 48;
}
