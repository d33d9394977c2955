import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { PACK_LIMITS } from '../../../common/pack/packLimits';

/**
 * Decodes a pack image in full, to prove the kiosk's Chromium will be able to show it, and checks
 * its dimensions. Pure JavaScript decoders on purpose: pngjs (https://github.com/pngjs/pngjs,
 * CRC-checked, every bit depth and interlacing) and jpeg-js (https://github.com/jpeg-js/jpeg-js,
 * with resolution and memory caps against decompression bombs). No native module to rebuild for
 * Electron or ship per platform (unlike sharp/libvips); speed is irrelevant at install time.
 * Dimensions are read from the header first, so an oversized image is refused before it is inflated.
 */
export interface ImageInfo {
  width: number;
  height: number;
}

export type ImageLimits = { minSide: number; maxSide: number; maxPixels: number };

function pngHeader(b: Buffer): ImageInfo {
  // The IHDR chunk must come first (PNG spec 5.6): width and height at bytes 16 and 20.
  if (b.length < 33 || b.toString('latin1', 12, 16) !== 'IHDR') throw new Error('PNG without an IHDR header');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function jpegHeader(b: Buffer): ImageInfo {
  // Walk the marker segments up to the first SOFn (ITU T.81, B.2.2).
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) throw new Error('JPEG marker expected');
    const marker = b[i + 1] as number;
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    const len = b.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
    }
    i += 2 + len;
  }
  throw new Error('JPEG without a frame header');
}

function checkDims(info: ImageInfo, limits: ImageLimits): void {
  const { width, height } = info;
  if (width < limits.minSide || height < limits.minSide)
    throw new Error(`is ${width}x${height} px; each side must be at least ${limits.minSide} px`);
  if (width > limits.maxSide || height > limits.maxSide)
    throw new Error(`is ${width}x${height} px; each side must be at most ${limits.maxSide} px`);
  if (width * height > limits.maxPixels)
    throw new Error(`is ${width}x${height} px; at most ${limits.maxPixels / 1e6} megapixels are accepted`);
}

/** Throws an Error with a sentence (starting with a verb, to follow the file name) when the image is unusable. */
export function decodeImage(ext: string, bytes: Buffer, limits: ImageLimits = PACK_LIMITS.image): ImageInfo {
  const header = (read: (b: Buffer) => ImageInfo, format: string): ImageInfo => {
    try {
      return read(bytes);
    } catch (err) {
      throw new Error(`does not decode as ${format} (${(err as Error).message})`);
    }
  };
  if (ext === 'png') {
    checkDims(header(pngHeader, 'PNG'), limits);
    let png: PNG;
    try {
      png = PNG.sync.read(bytes);
    } catch (err) {
      throw new Error(`does not decode as PNG (${(err as Error).message})`);
    }
    return { width: png.width, height: png.height };
  }
  if (ext === 'jpg' || ext === 'jpeg') {
    checkDims(header(jpegHeader, 'JPEG'), limits);
    let img: { width: number; height: number };
    try {
      img = jpeg.decode(bytes, {
        useTArray: true,
        tolerantDecoding: false,
        maxResolutionInMP: limits.maxPixels / 1e6,
        maxMemoryUsageInMB: 512,
      });
    } catch (err) {
      throw new Error(`does not decode as JPEG (${(err as Error).message})`);
    }
    return { width: img.width, height: img.height };
  }
  throw new Error(`is not an accepted image format (.${ext})`);
}
