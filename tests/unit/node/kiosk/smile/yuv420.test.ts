import { describe, expect, it } from 'vitest';
import { rgbToYuv420, yuv420FrameSize, yuv420ToRgb } from '../../../../../node/kiosk/smile/yuv420';

/** A w x h frame of one YUV colour. */
function flat(width: number, height: number, y: number, u: number, v: number) {
  const data = new Uint8Array(yuv420FrameSize(width, height));
  const luma = width * height;
  const chroma = (data.length - luma) / 2;
  data
    .fill(y, 0, luma)
    .fill(u, luma, luma + chroma)
    .fill(v, luma + chroma);
  return { width, height, data };
}

const pixel = (rgb: { data: Uint8Array }, i = 0) => Array.from(rgb.data.subarray(i * 3, i * 3 + 3));
const near = (got: number[], want: number[]) => got.forEach((g, i) => expect(Math.abs(g - want[i]!)).toBeLessThanOrEqual(2));

describe('YUV 4:2:0 <-> RGB (BT.601)', () => {
  it('decodes known limited-range colours', () => {
    expect(pixel(yuv420ToRgb(flat(4, 2, 16, 128, 128)))).toEqual([0, 0, 0]);
    expect(pixel(yuv420ToRgb(flat(4, 2, 235, 128, 128)))).toEqual([255, 255, 255]);
    expect(pixel(yuv420ToRgb(flat(4, 2, 126, 128, 128)))).toEqual([128, 128, 128]);
    // The BT.601 studio-range codes of the primaries (https://en.wikipedia.org/wiki/YCbCr).
    near(pixel(yuv420ToRgb(flat(4, 2, 81, 90, 240))), [255, 0, 0]);
    near(pixel(yuv420ToRgb(flat(4, 2, 145, 54, 34))), [0, 255, 0]);
    near(pixel(yuv420ToRgb(flat(4, 2, 41, 240, 110))), [0, 0, 255]);
  });

  it('decodes full-range (JPEG) colours when the stream says so', () => {
    expect(pixel(yuv420ToRgb(flat(2, 2, 0, 128, 128), 'full'))).toEqual([0, 0, 0]);
    expect(pixel(yuv420ToRgb(flat(2, 2, 255, 128, 128), 'full'))).toEqual([255, 255, 255]);
    // JPEG red is Y 76, Cb 85, Cr 255.5 (clipped to 255): one code short of 255 after rounding.
    near(pixel(yuv420ToRgb(flat(2, 2, 76, 85, 255), 'full')), [255, 0, 0]);
    // The same codes read as limited range come out visibly different: the flag matters.
    expect(pixel(yuv420ToRgb(flat(2, 2, 0, 128, 128)))).toEqual([0, 0, 0]);
    expect(pixel(yuv420ToRgb(flat(2, 2, 100, 128, 128), 'full'))).not.toEqual(pixel(yuv420ToRgb(flat(2, 2, 100, 128, 128))));
  });

  it('round-trips colours through rgbToYuv420, odd sizes included', () => {
    const colours = [
      [255, 0, 0],
      [0, 255, 0],
      [0, 0, 255],
      [255, 255, 255],
      [0, 0, 0],
      [200, 150, 90],
      [30, 60, 120],
    ];
    for (const [w, h] of [
      [4, 4],
      [5, 3],
    ] as const) {
      for (const c of colours) {
        const data = new Uint8Array(w * h * 3);
        for (let i = 0; i < w * h; i++) data.set(c, i * 3);
        const yuv = rgbToYuv420({ width: w, height: h, data });
        expect(yuv.data.length).toBe(w * h + 2 * Math.ceil(w / 2) * Math.ceil(h / 2));
        const back = yuv420ToRgb(yuv);
        for (let i = 0; i < w * h; i++) pixel(back, i).forEach((v, k) => expect(Math.abs(v - c[k]!)).toBeLessThanOrEqual(2));
      }
    }
  });

  it('keeps luma at full resolution and shares chroma per 2x2 block', () => {
    // Left column black, right column white: luma differs per pixel, the shared chroma stays neutral.
    const data = Uint8Array.from([0, 0, 0, 255, 255, 255, 0, 0, 0, 255, 255, 255]);
    const back = yuv420ToRgb(rgbToYuv420({ width: 2, height: 2, data }));
    expect(Array.from(back.data)).toEqual(Array.from(data));
  });

  it('rejects buffers of the wrong size', () => {
    expect(() => yuv420ToRgb({ width: 4, height: 4, data: new Uint8Array(10) })).toThrow(/expected 24 bytes/);
    expect(() => rgbToYuv420({ width: 2, height: 2, data: new Uint8Array(3) })).toThrow(/expected 12 RGB bytes/);
  });
});
