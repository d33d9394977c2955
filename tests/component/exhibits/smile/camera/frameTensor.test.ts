import { describe, expect, it } from 'vitest';
import { rgbaToRgbFloat } from '../../../../../src/exhibits/smile/camera/frameTensor';

describe('rgbaToRgbFloat', () => {
  it('keeps R, G, B of each pixel in order and drops alpha', () => {
    const rgba = Uint8ClampedArray.from([255, 0, 7, 128, 1, 2, 3, 0]);
    expect(Array.from(rgbaToRgbFloat(rgba))).toEqual([255, 0, 7, 1, 2, 3]);
  });

  it('refuses data that is not whole RGBA pixels', () => {
    expect(() => rgbaToRgbFloat(new Uint8ClampedArray(6))).toThrow(/multiple of 4/);
  });
});
