import { describe, expect, it } from 'vitest';
import { rotateWithMask } from '../../../../../node/kiosk/smile/rotateWithMask';

/** A side x side image whose red channel is the column and green the row, so each pixel says where it came from. */
function grid(side: number) {
  const data = new Uint8Array(side * side * 3);
  for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) data.set([x * 10, y * 10, 200], (y * side + x) * 3);
  return { width: side, height: side, data };
}

describe('rotateWithMask', () => {
  it('leaves the image as it is at 0 degrees, wholly opaque', () => {
    const image = grid(9);
    const r = rotateWithMask(image, 0);
    expect(r.data).toEqual(image.data);
    expect(Array.from(r.alpha).every((a) => a === 1)).toBe(true);
  });

  it('turns clockwise on screen: at 90 degrees the left column becomes the top row', () => {
    const r = rotateWithMask(grid(9), 90);
    const at = (x: number, y: number) => Array.from(r.data.subarray((y * 9 + x) * 3, (y * 9 + x) * 3 + 2));
    // Top row, left to right, comes from the left column read bottom to top.
    expect(at(0, 0)).toEqual([0, 80]);
    expect(at(8, 0)).toEqual([0, 0]);
    expect(at(4, 4)).toEqual([40, 40]); // the centre stays
  });

  it("leaves the canvas's corners to the background at 45 degrees, and samples in between bilinearly", () => {
    const r = rotateWithMask(grid(21), 45);
    expect(r.alpha[0]).toBe(0);
    expect(r.alpha[20]).toBe(0);
    expect(r.alpha[21 * 21 - 1]).toBe(0);
    expect(r.alpha[10 * 21 + 10]).toBe(1);
    // Blue is 200 wherever the source reaches; the corners stay 0 (nothing painted there).
    expect(r.data[(10 * 21 + 10) * 3 + 2]).toBe(200);
    expect(r.data[2]).toBe(0);
    // A point off the pixel grid mixes its neighbours: the red channel is not a multiple of 10 somewhere.
    expect(Array.from({ length: 21 * 21 }, (_, i) => r.data[i * 3]!).some((v, i) => r.alpha[i] === 1 && v % 10 !== 0)).toBe(true);
  });
});
