/**
 * Draws a postcard at print resolution on an OffscreenCanvas: the photo or scene cover-fitted into
 * the frame's window, the frame overlay, the handwriting re-drawn from its points, the postmark
 * (date and station) and optionally the take-away QR code. Used by compose.worker.ts (off the main
 * thread); the benchmark also runs it on the main thread as its baseline.
 * OffscreenCanvas: https://developer.mozilla.org/en-US/docs/Web/API/OffscreenCanvas
 */
import { drawStrokes } from '../ink/strokes';
import { CARD_PX, type ComposeJob } from './composeTypes';

type Ctx = OffscreenCanvasRenderingContext2D;
type Source = ImageBitmap;

/** The source rectangle of `sw` x `sh` that covers a `dw` x `dh` box (centred crop, no distortion). */
export function coverCrop(sw: number, sh: number, dw: number, dh: number): { sx: number; sy: number; sWidth: number; sHeight: number } {
  const scale = Math.max(dw / sw, dh / sh);
  const sWidth = dw / scale;
  const sHeight = dh / scale;
  return { sx: (sw - sWidth) / 2, sy: (sh - sHeight) / 2, sWidth, sHeight };
}

async function bitmapOf(src: string): Promise<Source> {
  const res = await fetch(src);
  if (!res.ok) throw new Error(`could not load ${src}: HTTP ${res.status}`);
  return createImageBitmap(await res.blob());
}

function base64Bytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function drawPicture(ctx: Ctx, pic: Source, job: ComposeJob): void {
  const { width: W, height: H } = CARD_PX;
  const dx = job.window.x * W;
  const dy = job.window.y * H;
  const dw = job.window.width * W;
  const dh = job.window.height * H;
  const c = coverCrop(pic.width, pic.height, dw, dh);
  ctx.save();
  if (job.mirror) {
    // Mirror around the window's centre line, so the crop stays where the visitor saw it.
    ctx.translate(2 * dx + dw, 0);
    ctx.scale(-1, 1);
  }
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(pic, c.sx, c.sy, c.sWidth, c.sHeight, dx, dy, dw, dh);
  ctx.restore();
}

/** A round cancellation mark with the station name and the date, in postmark ink, at the top right. */
function drawPostmark(ctx: Ctx, station: string, date: string): void {
  const { width: W } = CARD_PX;
  const r = 118;
  const cx = W - 250;
  const cy = 220;
  ctx.save();
  ctx.globalAlpha = 0.82;
  ctx.strokeStyle = '#3b2c6b';
  ctx.fillStyle = '#3b2c6b';
  ctx.lineWidth = 7;
  ctx.beginPath();
  ctx.arc(cx, cy, r, 0, Math.PI * 2);
  ctx.stroke();
  ctx.lineWidth = 3;
  ctx.beginPath();
  ctx.arc(cx, cy, r - 14, 0, Math.PI * 2);
  ctx.stroke();
  // Wavy cancellation lines to the left of the circle.
  ctx.lineWidth = 6;
  for (let k = -1; k <= 1; k++) {
    ctx.beginPath();
    const y = cy + k * 44;
    ctx.moveTo(cx - r - 330, y);
    for (let x = cx - r - 330; x < cx - r - 20; x += 40) {
      ctx.quadraticCurveTo(x + 10, y - 14, x + 20, y);
      ctx.quadraticCurveTo(x + 30, y + 14, x + 40, y);
    }
    ctx.stroke();
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.font = 'bold 40px "Noto Sans CJK SC", "Noto Sans CJK", sans-serif';
  ctx.fillText(date, cx, cy, 2 * r - 36);
  ctx.font = '26px "Noto Sans CJK SC", "Noto Sans CJK", sans-serif';
  const [a, b] = splitStation(station);
  ctx.fillText(a, cx, cy - 56, 2 * r - 50);
  if (b) ctx.fillText(b, cx, cy + 58, 2 * r - 50);
  ctx.restore();
}

/** "秦皇岛路码头 · 杨浦滨江" -> above and below the date. */
export function splitStation(station: string): [string, string] {
  const parts = station.split(/\s*[·•|]\s*/);
  return parts.length >= 2 ? [parts[0] as string, parts.slice(1).join(' · ')] : [station, ''];
}

async function drawQr(ctx: Ctx, b64: string): Promise<void> {
  const { width: W, height: H } = CARD_PX;
  const qr = await createImageBitmap(new Blob([base64Bytes(b64)], { type: 'image/png' }));
  // 240 px at 300 dpi is about 20 mm: large enough for a phone at arm's length.
  const size = 240;
  const pad = 14;
  const x = W - size - 70;
  const y = H - size - 70;
  ctx.save();
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(x - pad, y - pad, size + 2 * pad, size + 2 * pad);
  // Nearest-neighbour: QR modules stay sharp squares.
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(qr, x, y, size, size);
  ctx.restore();
  qr.close();
}

/** Composes the card and encodes it (JPEG: 45x faster than PNG to turn into the print PDF, measured by the print path). */
export async function composeCard(job: ComposeJob): Promise<Blob> {
  const { width: W, height: H } = CARD_PX;
  const canvas = new OffscreenCanvas(W, H);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D context on OffscreenCanvas');
  const [pic, overlay] = await Promise.all([
    typeof job.picture === 'string' ? bitmapOf(job.picture) : Promise.resolve(job.picture),
    bitmapOf(job.overlay),
  ]);
  ctx.fillStyle = '#f4e9d2';
  ctx.fillRect(0, 0, W, H);
  drawPicture(ctx, pic, job);
  ctx.drawImage(overlay, 0, 0, W, H);
  pic.close();
  overlay.close();
  drawStrokes(ctx, job.strokes, W, H);
  drawPostmark(ctx, job.postmark.station, job.postmark.date);
  if (job.qrPngBase64) await drawQr(ctx, job.qrPngBase64);
  return canvas.convertToBlob({ type: job.mime, quality: job.quality });
}
