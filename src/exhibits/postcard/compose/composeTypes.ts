import type { PhotoWindow } from '../../../../common/pack/postcardSection';
import type { Stroke } from '../ink/strokes';

/** The card at print resolution: 148 x 100 mm at 300 dpi (148 / 25.4 * 300 = 1748, 100 / 25.4 * 300 = 1181). */
export const CARD_PX = { width: 1748, height: 1181 } as const;

/** What the composition needs, as plain data that postMessage can copy (bitmaps are transferred). */
export interface ComposeJob {
  /** The visitor's photo (transferred), or the URL of a scene picture from the pack. */
  picture: ImageBitmap | string;
  /** Mirror the photo (the camera preview is shown mirrored, and the card should match what the visitor saw). */
  mirror: boolean;
  /** URL of the frame's overlay PNG from the pack, and its photo window. */
  overlay: string;
  window: PhotoWindow;
  strokes: Stroke[];
  postmark: { station: string; date: string };
  /** The take-away QR code as a PNG, base64 without the data: prefix (from reservePostcard); null: no QR on the card. */
  qrPngBase64: string | null;
  mime: 'image/jpeg' | 'image/png';
  /** JPEG quality 0..1. */
  quality: number;
}

export type ComposeRequest = { id: number; job: ComposeJob };
export type ComposeResponse = { id: number; ok: true; blob: Blob; ms: number } | { id: number; ok: false; message: string };
