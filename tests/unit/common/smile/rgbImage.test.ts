import { describe, expect, it } from 'vitest';
import { padImage, rgbaToRgb } from '../../../../common/smile/rgbImage';

describe('rgbImage', () => {
  it('drops alpha', () => {
    expect(Array.from(rgbaToRgb(2, 1, [1, 2, 3, 255, 4, 5, 6, 0]).data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(() => rgbaToRgb(2, 2, [1, 2, 3, 4])).toThrow(/16 RGBA bytes/);
  });

  it('centres the image in a grey square canvas', () => {
    const img = { width: 2, height: 1, data: Uint8Array.from([10, 11, 12, 20, 21, 22]) };
    const padded = padImage(img, 2);
    expect([padded.width, padded.height]).toEqual([4, 4]);
    const px = (x: number, y: number) => Array.from(padded.data.subarray((y * 4 + x) * 3, (y * 4 + x) * 3 + 3));
    expect(px(1, 1)).toEqual([10, 11, 12]);
    expect(px(2, 1)).toEqual([20, 21, 22]);
    expect(px(0, 0)).toEqual([128, 128, 128]);
    expect(px(3, 3)).toEqual([128, 128, 128]);
    expect(() => padImage(img, 0.5)).toThrow(/pad factor/);
  });
});
