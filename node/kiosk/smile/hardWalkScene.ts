import type { MaskedImage } from './rotateWithMask';

/**
 * The drawing and the checks of the harder synthetic walks (syntheticWalk.ts): a face pasted with its coverage mask
 * and a gain, a pillar in front of the visitors, and the slow change of light over the whole frame.
 */
export interface HardWalkOptions {
  // Harder walks. Each is off when left out, and the walk is then exactly what it was without it. Their random draws
  // come from a stream of their own, so switching one on leaves the other visitors' faces, sizes and speeds alone.
  /** Face sides in pixels, each visitor's drawn evenly from the range (instead of faceSize +-10 %). */
  faceSizeRange?: [number, number];
  /**
   * 'close': a visitor starts 1-4 frames after the previous one (not 2-11), and may follow another walking the same
   * way in the same lane once that one's face is 1.5 faces in, never faster than it, so two faces share a lane.
   */
  spacing?: 'close';
  /** Share of visitors who peek in from their side, show 30-70 % of the face's width and turn back: no visitor. */
  edgeOcclusion?: number;
  /** A pillar of this share of the frame's width at the left edge, in front of the visitors passing behind it. */
  pillar?: number;
  /** Each visitor's face is rotated by an angle drawn evenly within +-tiltDegrees. */
  tiltDegrees?: number;
  /** Light over the whole frame, slowly between these gains (clouds): a cosine starting at the second. */
  brightness?: [number, number];
  /** Seconds of one brightness cycle (default 40). */
  brightnessPeriodSeconds?: number;
  /** Each visitor's face gain is drawn evenly within 1 +- exposure (a face in shade or in the sun). */
  exposure?: number;
  /** Share of visitors who stop with the face in the middle of the frame for `stopSeconds`, then walk on. */
  stoppers?: number;
  /** Default 60. */
  stopSeconds?: number;
}

/** Throws on a harder-walk option out of its range. */
export function checkHardOptions(o: HardWalkOptions): void {
  const share = (name: string, v: number | undefined, max = 1) => {
    if (v !== undefined && !(v >= 0 && v <= max)) throw new Error(`${name} must be from 0 to ${max}, got ${v}`);
  };
  share('edgeOcclusion', o.edgeOcclusion);
  share('stoppers', o.stoppers);
  if ((o.edgeOcclusion ?? 0) + (o.stoppers ?? 0) > 1) throw new Error('edgeOcclusion and stoppers add up to more than 1');
  share('pillar', o.pillar, 0.3);
  share('tiltDegrees', o.tiltDegrees, 45);
  share('exposure', o.exposure, 0.9);
  if (o.stopSeconds !== undefined && !(o.stopSeconds > 0 && o.stopSeconds <= 600))
    throw new Error(`stopSeconds must be above 0 and at most 600, got ${o.stopSeconds}`);
  if (o.brightnessPeriodSeconds !== undefined && !(o.brightnessPeriodSeconds > 0))
    throw new Error(`brightnessPeriodSeconds must be above 0, got ${o.brightnessPeriodSeconds}`);
  const [lo, hi] = o.brightness ?? [1, 1];
  if (!(lo > 0 && hi >= lo && hi <= 4)) throw new Error(`brightness takes low,high gains with 0 < low <= high <= 4, got ${lo},${hi}`);
  const [min, max] = o.faceSizeRange ?? [1, 1];
  if (!(Number.isInteger(min) && Number.isInteger(max) && min >= 1 && max >= min))
    throw new Error(`faceSizeRange takes whole pixel sides min <= max, got ${min},${max}`);
}

/** The gain on the whole frame at frame `index`: a cosine from `high` down to `low` and back over one period. */
export function brightnessAt([low, high]: [number, number], periodSeconds: number, fps: number, index: number): number {
  return low + (high - low) * (0.5 + 0.5 * Math.cos((2 * Math.PI * index) / (periodSeconds * fps)));
}

/** Multiplies every byte by `gain`, clipped to 0..255. */
export function scaleAll(data: Uint8Array, gain: number): void {
  for (let i = 0; i < data.length; i++) data[i] = Math.min(255, Math.round(data[i]! * gain));
}

/** Blends `face` (times `gain`) over the frame at (left, top) by its mask, clipped to the frame. */
export function pasteMasked(
  data: Uint8Array,
  width: number,
  height: number,
  face: MaskedImage,
  left: number,
  top: number,
  gain: number,
): void {
  for (let r = Math.max(0, -top); r < face.height && top + r < height; r++) {
    for (let c = Math.max(0, -left); c < face.width && left + c < width; c++) {
      const a = face.alpha[r * face.width + c]!;
      if (a <= 0) continue;
      const from = (r * face.width + c) * 3;
      const to = ((top + r) * width + left + c) * 3;
      for (let k = 0; k < 3; k++) data[to + k] = Math.round(a * Math.min(255, face.data[from + k]! * gain) + (1 - a) * data[to + k]!);
    }
  }
}

/** A concrete pillar `side` pixels wide at the frame's left edge, shaded towards its right (its lit face and its side). */
export function drawPillar(data: Uint8Array, width: number, height: number, side: number): void {
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < Math.min(side, width); x++) {
      const shade = x > side * 0.8 ? 0.7 : 1 - (0.1 * x) / side;
      const grain = (x * 7 + y * 13) % 11 < 2 ? 8 : 0;
      data.set([Math.round(150 * shade) + grain, Math.round(142 * shade) + grain, Math.round(128 * shade) + grain], (y * width + x) * 3);
    }
  }
}
