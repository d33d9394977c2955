import { readFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { rgbaToRgb, type RgbImage } from '../../../common/smile/rgbImage';

/** Largest image accepted (jpeg-js's own default guard is 512 MB; a face image needs far less). */
const maxMegapixels = 40;

/**
 * Decodes a JPEG or PNG file to RGB bytes with the pure-JS decoders the project already uses (jpeg-js, pngjs),
 * recognised by their magic bytes rather than the file name. Anything else is a clear error.
 */
export function decodeImageFile(path: string): RgbImage {
  const bytes = readFileSync(path);
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: maxMegapixels });
    return rgbaToRgb(img.width, img.height, img.data);
  }
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    const png = PNG.sync.read(bytes);
    return rgbaToRgb(png.width, png.height, png.data);
  }
  throw new Error(`${path}: not a JPEG or PNG image`);
}
