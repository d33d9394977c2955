/**
 * The handwriting model: strokes recorded as points in card coordinates (fractions of the card's
 * width and height) with pressure, so the same strokes can be drawn on the small screen canvas and
 * re-drawn at print resolution (1748 x 1181) in the composition worker, never upscaled pixels.
 * Pure data and Canvas 2D calls only: it runs in the window and in the worker alike.
 */

export interface InkPoint {
  /** 0..1 of the card width, from the left. */
  x: number;
  /** 0..1 of the card height, from the top. */
  y: number;
  /** 0..1 (Pointer Events `pressure`; 0.5 for a pressed mouse button). */
  p: number;
}

export interface Stroke {
  color: string;
  /** Nominal line width as a fraction of the card width (the width at pressure 0.5). */
  width: number;
  points: InkPoint[];
}

/** Pens offered to visitors: a few colours and three widths (fractions of the card width). */
export const INK_COLORS = ['#1d2b4f', '#c8322b', '#1f6fb8', '#2e7d4f', '#f2efe6'] as const;
export const INK_WIDTHS = { thin: 0.005, medium: 0.009, thick: 0.016 } as const;
export type InkWidth = keyof typeof INK_WIDTHS;

/** How far (card-width fractions) a point must move before it is kept: drops jitter of a resting finger. */
export const MIN_STEP = 0.0015;
/** Exponential smoothing of the input (0: frozen, 1: raw), applied to position and pressure. */
export const SMOOTHING = 0.45;

/**
 * Width at a given pressure: from 40 % of the nominal width (a light touch) to 160 % (a firm one);
 * pressure 0 (a device that reports none while pressed) counts as 0.5, like a mouse.
 */
export function widthAt(nominal: number, pressure: number): number {
  const p = pressure > 0 ? Math.min(1, pressure) : 0.5;
  return nominal * (0.4 + 1.2 * p);
}

/** The strokes of one card, with the stroke being drawn, undo and clear. */
export class StrokeModel {
  readonly strokes: Stroke[] = [];
  private current: Stroke | null = null;
  /** Card aspect (width / height), so that distances are measured in the same unit on both axes. */
  constructor(private readonly aspect = 1.48) {}

  begin(color: string, width: number, first: InkPoint): void {
    this.current = { color, width, points: [clampPoint(first)] };
    this.strokes.push(this.current);
  }

  /** Adds raw input points (getCoalescedEvents() gives several per frame); returns how many were kept. */
  add(points: InkPoint[]): number {
    const s = this.current;
    if (!s) return 0;
    let kept = 0;
    for (const raw of points) {
      const last = s.points[s.points.length - 1] as InkPoint;
      const q = clampPoint(raw);
      const next: InkPoint = {
        x: last.x + (q.x - last.x) * SMOOTHING,
        y: last.y + (q.y - last.y) * SMOOTHING,
        p: last.p + (q.p - last.p) * SMOOTHING,
      };
      if (Math.hypot(next.x - last.x, (next.y - last.y) / this.aspect) < MIN_STEP) continue;
      s.points.push(next);
      kept++;
    }
    return kept;
  }

  /** Ends the stroke at the finger's last raw position (so smoothing does not shorten it). */
  end(last?: InkPoint): void {
    const s = this.current;
    if (s && last) {
      const q = clampPoint(last);
      const prev = s.points[s.points.length - 1] as InkPoint;
      if (Math.hypot(q.x - prev.x, (q.y - prev.y) / this.aspect) >= MIN_STEP) s.points.push({ ...q, p: prev.p });
    }
    this.current = null;
  }

  get drawing(): boolean {
    return this.current !== null;
  }

  undo(): boolean {
    if (this.current) this.current = null;
    return this.strokes.pop() !== undefined;
  }

  clear(): void {
    this.current = null;
    this.strokes.length = 0;
  }

  /** A plain copy for postMessage to the worker. */
  snapshot(): Stroke[] {
    return this.strokes.map((s) => ({ color: s.color, width: s.width, points: s.points.map((p) => ({ ...p })) }));
  }
}

function clampPoint(p: InkPoint): InkPoint {
  const c = (v: number): number => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0);
  return { x: c(p.x), y: c(p.y), p: c(p.p) };
}

type Ctx2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/**
 * Draws strokes on a canvas of `w` x `h` pixels: quadratic curves through the midpoints of
 * successive points (smooth joins without overshoot), each piece as wide as the pressure at its
 * points. A single point (a tap) is a dot.
 */
export function drawStrokes(ctx: Ctx2D, strokes: readonly Stroke[], w: number, h: number): void {
  ctx.save();
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  for (const s of strokes) {
    const pts = s.points;
    if (!pts.length) continue;
    ctx.strokeStyle = s.color;
    ctx.fillStyle = s.color;
    const px = (p: InkPoint): [number, number] => [p.x * w, p.y * h];
    if (pts.length === 1) {
      const [x, y] = px(pts[0] as InkPoint);
      ctx.beginPath();
      ctx.arc(x, y, (widthAt(s.width, (pts[0] as InkPoint).p) * w) / 2, 0, Math.PI * 2);
      ctx.fill();
      continue;
    }
    let [sx, sy] = px(pts[0] as InkPoint);
    for (let i = 1; i < pts.length; i++) {
      const a = pts[i - 1] as InkPoint;
      const b = pts[i] as InkPoint;
      const [ax, ay] = px(a);
      const [bx, by] = px(b);
      // Ends at the midpoint of a-b (or at b for the last piece), with a as the control point.
      const [ex, ey] = i === pts.length - 1 ? [bx, by] : [(ax + bx) / 2, (ay + by) / 2];
      ctx.lineWidth = widthAt(s.width, (a.p + b.p) / 2) * w;
      ctx.beginPath();
      ctx.moveTo(sx, sy);
      if (i === 1) ctx.lineTo(ex, ey);
      else ctx.quadraticCurveTo(ax, ay, ex, ey);
      ctx.stroke();
      sx = ex;
      sy = ey;
    }
  }
  ctx.restore();
}
