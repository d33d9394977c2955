import type { RgbImage } from '../../../common/smile/rgbImage';

/** An image with a coverage mask: 1 where it has a pixel, 0 where whatever lies behind it shows through. */
export interface MaskedImage extends RgbImage {
  /** width * height values from 0 to 1. */
  readonly alpha: Float32Array;
}

/**
 * Rotates `image` about its centre by `degrees` (positive: clockwise on screen, as a head tilted to its left
 * shoulder looks to the camera), with bilinear sampling, into a canvas of the same size. The source's corners that
 * turn out of the canvas are cut off; where the rotated source does not reach (the canvas's corners), `alpha` is 0,
 * so a pasted face keeps the background there instead of a black corner. Along the source's edge alpha falls off
 * over one pixel, so the pasted square has no jagged rim.
 */
export function rotateWithMask(image: RgbImage, degrees: number): MaskedImage {
  const { width, height } = image;
  const data = new Uint8Array(width * height * 3);
  const alpha = new Float32Array(width * height);
  const a = (degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const mx = (width - 1) / 2;
  const my = (height - 1) / 2;
  const at = (x: number, y: number, c: number) => image.data[(y * width + x) * 3 + c]!;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // The source point that lands here: the inverse rotation of (x, y) about the centre.
      const sx = cos * (x - mx) + sin * (y - my) + mx;
      const sy = -sin * (x - mx) + cos * (y - my) + my;
      const cover = Math.min(1, sx + 1, width - sx, sy + 1, height - sy);
      if (cover <= 0) continue;
      const fx = Math.min(Math.max(sx, 0), width - 1);
      const fy = Math.min(Math.max(sy, 0), height - 1);
      const x0 = Math.floor(fx);
      const y0 = Math.floor(fy);
      const x1 = Math.min(x0 + 1, width - 1);
      const y1 = Math.min(y0 + 1, height - 1);
      const wx = fx - x0;
      const wy = fy - y0;
      for (let c = 0; c < 3; c++) {
        const top = at(x0, y0, c) * (1 - wx) + at(x1, y0, c) * wx;
        const bottom = at(x0, y1, c) * (1 - wx) + at(x1, y1, c) * wx;
        data[(y * width + x) * 3 + c] = Math.round(top * (1 - wy) + bottom * wy);
      }
      alpha[y * width + x] = cover;
    }
  }
  return { width, height, data, alpha };
}
