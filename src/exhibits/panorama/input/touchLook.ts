/**
 * Touch (and mouse) on the panorama: one finger drags the view so the picture follows the finger,
 * two fingers pinch to zoom, a short still touch is a tap (opens the building under it). Pure logic
 * over pointer positions (https://w3c.github.io/pointerevents/), so tests drive it without a screen.
 */
export interface LookTarget {
  /** Degrees of view per CSS pixel of finger travel (the vertical field of view over the height). */
  degPerPx(): number;
  rotateBy(dYaw: number, dPitch: number): void;
  zoomBy(factor: number): void;
  tap(clientX: number, clientY: number): void;
}

interface Pt {
  x: number;
  y: number;
  startX: number;
  startY: number;
  startMs: number;
}

export const TAP_SLOP_PX = 12;
export const TAP_MAX_MS = 600;

export class TouchLook {
  private readonly pts = new Map<number, Pt>();
  /** A pinch happened during this gesture: lifting the last finger is not a tap. */
  private multi = false;

  constructor(private readonly target: LookTarget) {}

  down(id: number, x: number, y: number, nowMs: number): void {
    this.pts.set(id, { x, y, startX: x, startY: y, startMs: nowMs });
    if (this.pts.size > 1) this.multi = true;
  }

  move(id: number, x: number, y: number): void {
    const p = this.pts.get(id);
    if (!p) return;
    if (this.pts.size === 1) {
      const k = this.target.degPerPx();
      // Dragging right pulls the picture right: the view turns left.
      this.target.rotateBy(-(x - p.x) * k, (y - p.y) * k);
    } else if (this.pts.size === 2) {
      const other = [...this.pts.entries()].find(([k]) => k !== id)?.[1];
      if (other) {
        const before = Math.hypot(p.x - other.x, p.y - other.y);
        const after = Math.hypot(x - other.x, y - other.y);
        // Fingers apart (after > before) zooms in: a smaller field of view.
        if (before > 1 && after > 1) this.target.zoomBy(before / after);
      }
    }
    p.x = x;
    p.y = y;
  }

  up(id: number, x: number, y: number, nowMs: number): void {
    const p = this.pts.get(id);
    if (!p) return;
    this.pts.delete(id);
    const still = Math.hypot(x - p.startX, y - p.startY) <= TAP_SLOP_PX;
    if (!this.multi && this.pts.size === 0 && still && nowMs - p.startMs <= TAP_MAX_MS) this.target.tap(x, y);
    if (this.pts.size === 0) this.multi = false;
  }

  cancel(id: number): void {
    this.pts.delete(id);
    if (this.pts.size === 0) this.multi = false;
  }
}
