/**
 * A decoded RGB image as plain bytes (no DOM, no Node), so the same padding runs in the kiosk's
 * worker (from ImageData) and in the Node evaluation command line (from a decoded file).
 */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  /** width * height * 3 bytes, row-major RGB. */
  readonly data: Uint8Array;
}

/** RGBA bytes (ImageData, jpeg-js, pngjs) to RGB, dropping alpha. */
export function rgbaToRgb(width: number, height: number, rgba: ArrayLike<number>): RgbImage {
  if (rgba.length !== width * height * 4) throw new Error(`expected ${width * height * 4} RGBA bytes, got ${rgba.length}`);
  const data = new Uint8Array(width * height * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4) {
    data[j++] = rgba[i]!;
    data[j++] = rgba[i + 1]!;
    data[j++] = rgba[i + 2]!;
  }
  return { width, height, data };
}

/**
 * Centres a tight face crop in a larger mid-grey canvas. Face detectors tuned for camera frames expect a face
 * to cover part of the frame, not all of it: smiles-dev's 64x64 crops are mostly missed unpadded.
 * `factor` is the canvas side over the image's longer side.
 */
export function padImage(image: RgbImage, factor: number, fill = 128): RgbImage {
  if (!(factor >= 1)) throw new Error(`pad factor must be >= 1, got ${factor}`);
  const side = Math.round(Math.max(image.width, image.height) * factor);
  const data = new Uint8Array(side * side * 3).fill(fill);
  const left = Math.floor((side - image.width) / 2);
  const top = Math.floor((side - image.height) / 2);
  for (let y = 0; y < image.height; y++) {
    const from = y * image.width * 3;
    data.set(image.data.subarray(from, from + image.width * 3), ((top + y) * side + left) * 3);
  }
  return { width: side, height: side, data };
}
