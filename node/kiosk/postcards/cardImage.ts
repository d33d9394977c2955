/**
 * Checks the bytes of an uploaded card or photo before anything is written: the signature must match
 * the declared type, the file must be complete, and the header's dimensions must be sane. Only the
 * headers are read (no decoding): PNG per https://www.w3.org/TR/png-3/#5DataRep (signature, IHDR
 * first, IEND last), JPEG per ITU-T T.81 Annex B (markers; SOFn carries the frame size).
 */

export type CardMime = 'image/png' | 'image/jpeg';

export interface CardImageLimits {
  maxBytes: number;
  minSide: number;
  maxSide: number;
  maxPixels: number;
}

/** A card at 300 dpi is 1748 x 1181; leave room for larger frames and reject absurd headers. */
export const DEFAULT_IMAGE_LIMITS: CardImageLimits = { maxBytes: 12 * 1024 * 1024, minSide: 64, maxSide: 8192, maxPixels: 40_000_000 };

export interface CardImageInfo {
  mime: CardMime;
  width: number;
  height: number;
}

export class CardImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CardImageError';
  }
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const be16 = (b: Uint8Array, at: number): number => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const be32 = (b: Uint8Array, at: number): number =>
  (((b[at] ?? 0) << 24) >>> 0) + (((b[at + 1] ?? 0) << 16) | ((b[at + 2] ?? 0) << 8) | (b[at + 3] ?? 0));
const ascii = (b: Uint8Array, at: number, s: string): boolean => [...s].every((c, i) => b[at + i] === c.charCodeAt(0));

export function sniffMime(b: Uint8Array): CardMime | null {
  if (b.length >= 8 && PNG_SIGNATURE.every((v, i) => b[i] === v)) return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  return null;
}

function pngSize(b: Uint8Array): { width: number; height: number } {
  // IHDR must be the first chunk: length 13 at offset 8, type at 12, width/height at 16/20.
  if (b.length < 33 || be32(b, 8) !== 13 || !ascii(b, 12, 'IHDR')) throw new CardImageError('the PNG has no IHDR header');
  // The last chunk must be IEND (length 0, type, CRC): a truncated upload fails here.
  if (!ascii(b, b.length - 8, 'IEND') || be32(b, b.length - 12) !== 0)
    throw new CardImageError('the PNG is incomplete (no IEND chunk at the end)');
  return { width: be32(b, 16), height: be32(b, 20) };
}

function jpegSize(b: Uint8Array): { width: number; height: number } {
  let at = 2;
  let size: { width: number; height: number } | null = null;
  while (at + 4 <= b.length && !size) {
    if (b[at] !== 0xff) throw new CardImageError('the JPEG is malformed (expected a marker)');
    while (b[at] === 0xff) at++; // fill bytes (T.81 B.1.1.2)
    const marker = b[at] ?? 0;
    at++;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue; // markers without a length
    if (marker === 0xd9 || marker === 0xda) throw new CardImageError('the JPEG has no frame header before its image data');
    const len = be16(b, at);
    if (len < 2 || at + len > b.length) throw new CardImageError('the JPEG is truncated');
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC): P, Y (height), X (width).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      size = { height: be16(b, at + 3), width: be16(b, at + 5) };
    at += len;
  }
  if (!size) throw new CardImageError('the JPEG has no frame header');
  // EOI at the end (encoders may pad a few bytes after it): a truncated upload fails here.
  const tail = b.subarray(Math.max(0, b.length - 32));
  let eoi = false;
  for (let i = 0; i + 1 < tail.length; i++) if (tail[i] === 0xff && tail[i + 1] === 0xd9) eoi = true;
  if (!eoi) throw new CardImageError('the JPEG is incomplete (no end-of-image marker)');
  return size;
}

/** Returns the type and size of a card image, or throws a CardImageError saying what is wrong. */
export function inspectCardImage(bytes: Uint8Array, declared: CardMime, limits: CardImageLimits = DEFAULT_IMAGE_LIMITS): CardImageInfo {
  if (bytes.length === 0) throw new CardImageError('the image is empty');
  if (bytes.length > limits.maxBytes) throw new CardImageError(`the image is ${bytes.length} bytes; the limit is ${limits.maxBytes}`);
  const mime = sniffMime(bytes);
  if (!mime) throw new CardImageError('the image is neither PNG nor JPEG (wrong signature)');
  if (mime !== declared) throw new CardImageError(`the image was declared ${declared} but is ${mime}`);
  const { width, height } = mime === 'image/png' ? pngSize(bytes) : jpegSize(bytes);
  const { minSide, maxSide, maxPixels } = limits;
  if (width < minSide || height < minSide || width > maxSide || height > maxSide || width * height > maxPixels) {
    throw new CardImageError(
      `the image is ${width}x${height}; each side must be ${minSide}..${maxSide} px and at most ${maxPixels} pixels in all`,
    );
  }
  return { mime, width, height };
}

export const extensionOf = (mime: CardMime): 'png' | 'jpg' => (mime === 'image/png' ? 'png' : 'jpg');
