import { PNG } from 'pngjs';
import { mmToPt, type PageSize } from '../../../common/postcardSettings';

/**
 * The operator's test page: a white card at 300 dpi of the configured page size with a 2 mm
 * border 3 mm in from each edge and a centre cross, so misalignment or scaling shows at a glance.
 */
export function alignmentCardPng(pageSize: PageSize, dpi = 300): { image: Buffer; mime: 'image/png'; width: number; height: number } {
  const px = (mm: number): number => Math.round((mmToPt(mm) / 72) * dpi);
  const width = px(Math.max(pageSize.widthMm, pageSize.heightMm));
  const height = px(Math.min(pageSize.widthMm, pageSize.heightMm));
  const png = new PNG({ width, height, colorType: 2, inputColorType: 2, inputHasAlpha: false });
  // colorType 2 (RGB): three bytes a pixel. Start white.
  const data = Buffer.alloc(width * height * 3, 0xff);
  const ink = (x0: number, y0: number, x1: number, y1: number): void => {
    for (let y = Math.max(0, y0); y < Math.min(height, y1); y++)
      data.fill(0x20, (y * width + Math.max(0, x0)) * 3, (y * width + Math.min(width, x1)) * 3);
  };
  const inset = px(3);
  const line = px(2);
  ink(inset, inset, width - inset, inset + line);
  ink(inset, height - inset - line, width - inset, height - inset);
  ink(inset, inset, inset + line, height - inset);
  ink(width - inset - line, inset, width - inset, height - inset);
  const half = Math.round(line / 2);
  ink(Math.round(width / 2) - half, Math.round(height / 2) - px(10), Math.round(width / 2) + half, Math.round(height / 2) + px(10));
  ink(Math.round(width / 2) - px(10), Math.round(height / 2) - half, Math.round(width / 2) + px(10), Math.round(height / 2) + half);
  png.data = data;
  return { image: PNG.sync.write(png, { colorType: 2, inputColorType: 2, inputHasAlpha: false }), mime: 'image/png', width, height };
}
