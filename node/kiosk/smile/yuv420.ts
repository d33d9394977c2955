import type { RgbImage } from '../../../common/smile/rgbImage';

/**
 * 8-bit planar YUV 4:2:0 (the layout of a YUV4MPEG2 frame: the Y plane, then U and V at half resolution, rounded up
 * for odd sizes) to and from the RGB bytes the face analyzer takes. BT.601 coefficients, as y4m from ffmpeg and
 * Chromium's fake camera use; "limited" (studio, Y 16..235) range unless the stream says full range.
 * Coefficients: https://en.wikipedia.org/wiki/YCbCr#ITU-R_BT.601_conversion
 */
export type YuvRange = 'limited' | 'full';

export interface Yuv420Frame {
  width: number;
  height: number;
  /** Y plane, then U, then V: width*height + 2*ceil(width/2)*ceil(height/2) bytes. */
  data: Uint8Array;
}

export function yuv420FrameSize(width: number, height: number): number {
  return width * height + 2 * Math.ceil(width / 2) * Math.ceil(height / 2);
}

const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

export function yuv420ToRgb(frame: Yuv420Frame, range: YuvRange = 'limited'): RgbImage {
  const { width, height, data } = frame;
  if (data.length !== yuv420FrameSize(width, height))
    throw new Error(`expected ${yuv420FrameSize(width, height)} bytes of YUV 4:2:0 for ${width}x${height}, got ${data.length}`);
  const cw = Math.ceil(width / 2);
  const uBase = width * height;
  const vBase = uBase + cw * Math.ceil(height / 2);
  const [ky, y0, kr, kgu, kgv, kb] =
    range === 'full' ? [1, 0, 1.402, 0.344136, 0.714136, 1.772] : [255 / 219, 16, 1.596027, 0.391762, 0.812968, 2.017232];
  const out = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const crow = (y >> 1) * cw;
    for (let x = 0; x < width; x++) {
      const l = ky * (data[y * width + x]! - y0);
      const c = crow + (x >> 1);
      const u = data[uBase + c]! - 128;
      const v = data[vBase + c]! - 128;
      const o = (y * width + x) * 3;
      out[o] = clamp(l + kr * v);
      out[o + 1] = clamp(l - kgu * u - kgv * v);
      out[o + 2] = clamp(l + kb * u);
    }
  }
  return { width, height, data: out };
}

/** RGB to limited-range BT.601 YUV 4:2:0, chroma averaged over each 2x2 block (the writer side of the round trip). */
export function rgbToYuv420(image: RgbImage): Yuv420Frame {
  const { width, height, data } = image;
  if (data.length !== width * height * 3)
    throw new Error(`expected ${width * height * 3} RGB bytes for ${width}x${height}, got ${data.length}`);
  const cw = Math.ceil(width / 2);
  const ch = Math.ceil(height / 2);
  const out = new Uint8Array(yuv420FrameSize(width, height));
  const uBase = width * height;
  const vBase = uBase + cw * ch;
  for (let i = 0, o = 0; o < width * height; i += 3, o++)
    out[o] = clamp(16 + 0.256788 * data[i]! + 0.504129 * data[i + 1]! + 0.097906 * data[i + 2]!);
  for (let cy = 0; cy < ch; cy++) {
    for (let cx = 0; cx < cw; cx++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let n = 0;
      for (let y = cy * 2; y < Math.min(cy * 2 + 2, height); y++) {
        for (let x = cx * 2; x < Math.min(cx * 2 + 2, width); x++) {
          const i = (y * width + x) * 3;
          r += data[i]!;
          g += data[i + 1]!;
          b += data[i + 2]!;
          n++;
        }
      }
      r /= n;
      g /= n;
      b /= n;
      out[uBase + cy * cw + cx] = clamp(128 - 0.148223 * r - 0.290993 * g + 0.439216 * b);
      out[vBase + cy * cw + cx] = clamp(128 + 0.439216 * r - 0.367788 * g - 0.071427 * b);
    }
  }
  return { width, height, data: out };
}
