import { describe, expect, it } from 'vitest';
import { CardImageError, inspectCardImage, sniffMime } from '../../../../../node/kiosk/postcards/cardImage';
import { makeJpeg, makePng } from '../../../../fixtures/postcards/cardImages';

describe('inspectCardImage', () => {
  const png = makePng(300, 200);
  const jpg = makeJpeg(320, 216);

  it('reads the size from the PNG and JPEG headers', () => {
    expect(inspectCardImage(png, 'image/png')).toEqual({ mime: 'image/png', width: 300, height: 200 });
    expect(inspectCardImage(jpg, 'image/jpeg')).toEqual({ mime: 'image/jpeg', width: 320, height: 216 });
  });

  it('refuses bytes that are not what they claim to be', () => {
    expect(() => inspectCardImage(png, 'image/jpeg')).toThrow(/declared image\/jpeg but is image\/png/);
    expect(() => inspectCardImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/png')).toThrow(/neither PNG nor JPEG/);
    expect(() => inspectCardImage(Buffer.from('GIF89a......'), 'image/png')).toThrow(CardImageError);
    expect(() => inspectCardImage(Buffer.alloc(0), 'image/png')).toThrow(/empty/);
    expect(sniffMime(Buffer.from([0xff, 0xd8]))).toBeNull();
  });

  it('refuses truncated uploads', () => {
    expect(() => inspectCardImage(png.subarray(0, png.length - 20), 'image/png')).toThrow(/incomplete/);
    expect(() => inspectCardImage(jpg.subarray(0, jpg.length - 100), 'image/jpeg')).toThrow(/incomplete/);
    expect(() => inspectCardImage(jpg.subarray(0, 40), 'image/jpeg')).toThrow(/truncated|frame header/);
  });

  it('refuses oversized files and absurd dimensions', () => {
    expect(() => inspectCardImage(png, 'image/png', { maxBytes: 100, minSide: 1, maxSide: 9999, maxPixels: 1e9 })).toThrow(/limit is 100/);
    // Same file, header edited to claim 100000 x 200 (the CRC is not checked: only the header is read).
    const huge = Buffer.from(png);
    huge.writeUInt32BE(100_000, 16);
    expect(() => inspectCardImage(huge, 'image/png')).toThrow(/100000x200/);
    expect(() => inspectCardImage(makePng(40, 40), 'image/png')).toThrow(/40x40/);
  });
});
