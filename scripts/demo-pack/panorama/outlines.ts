/**
 * Building outlines on each node's equirectangular picture, computed from the same 3D shapes the
 * pictures are rendered from (world.ts), so they line up: every corner of a building's shapes (and
 * points along their edges, which curve in an equirectangular picture) is turned into yaw/pitch as
 * seen from the node's eye; each shape's directions make a convex polygon, and the outline is the
 * silhouette of their union (silhouette below). A building mostly hidden from a node (rays from
 * the eye to its points blocked by the bounding boxes of trees, cranes or other buildings) gets no
 * outline there; a partly hidden one keeps its whole outline.
 */
import { nodeEye, type Shape, type WorldBuilding, type WorldNode } from './world';

export interface YawPitch {
  yaw: number;
  pitch: number;
}

/** Visible enough to outline: no farther than this (metres) ... */
export const OUTLINE_MAX_DISTANCE_M = 1500;
/** ... and at least this many degrees across or high. */
export const OUTLINE_MIN_SIZE_DEG = 2;

const DEG = 180 / Math.PI;
const round2 = (v: number): number => Math.round(v * 100) / 100;

/** Corners of a shape, plus points along the vertical and horizontal edges. */
function shapePoints(s: Shape): [number, number, number][] {
  const y0 = s.y0 ?? 0;
  const out: [number, number, number][] = [];
  const levels = [0, 0.25, 0.5, 0.75, 1].map((f) => y0 + f * s.h);
  if (s.kind === 'cylinder') {
    for (let k = 0; k < 16; k++) {
      const a = (k / 16) * 2 * Math.PI;
      for (const y of levels) out.push([s.x + s.r * Math.cos(a), y, s.z + s.r * Math.sin(a)]);
    }
    return out;
  }
  const xs = [0, 0.25, 0.5, 0.75, 1].map((f) => s.x - s.w / 2 + f * s.w);
  const zs = [0, 0.25, 0.5, 0.75, 1].map((f) => s.z - s.d / 2 + f * s.d);
  if (s.kind === 'roof') {
    // The eaves along both long sides, and the ridge above the middle.
    for (const x of xs) out.push([x, y0, s.z - s.d / 2], [x, y0, s.z + s.d / 2], [x, y0 + s.h, s.z]);
    return out;
  }
  for (const y of [y0, y0 + s.h]) for (const x of xs) for (const z of zs) out.push([x, y, z]);
  for (const y of levels) for (const x of [xs[0]!, xs[4]!]) for (const z of [zs[0]!, zs[4]!]) out.push([x, y, z]);
  return out;
}

/** Convex hull (Andrew's monotone chain), counter-clockwise in (yaw, pitch). */
export function convexHull(points: YawPitch[]): YawPitch[] {
  const p = [...points].sort((a, b) => a.yaw - b.yaw || a.pitch - b.pitch);
  if (p.length < 3) return p;
  const cross = (o: YawPitch, a: YawPitch, b: YawPitch): number =>
    (a.yaw - o.yaw) * (b.pitch - o.pitch) - (a.pitch - o.pitch) * (b.yaw - o.yaw);
  const half = (list: YawPitch[]): YawPitch[] => {
    const h: YawPitch[] = [];
    for (const q of list) {
      while (h.length >= 2 && cross(h[h.length - 2]!, h[h.length - 1]!, q) <= 0) h.pop();
      h.push(q);
    }
    h.pop();
    return h;
  };
  return [...half(p), ...half([...p].reverse())];
}

/** Direction of a world point from an eye: yaw 0 east (+x), +90 south (+z), pitch up. */
export function directionOf(eye: { x: number; y: number; z: number }, p: [number, number, number]): YawPitch {
  const dx = p[0] - eye.x;
  const dy = p[1] - eye.y;
  const dz = p[2] - eye.z;
  return { yaw: Math.atan2(dz, dx) * DEG, pitch: Math.atan2(dy, Math.hypot(dx, dz)) * DEG };
}

/** Axis-aligned bounding box of a shape: [min x, min y, min z, max x, max y, max z]. */
function boxOf(s: Shape): number[] {
  const y0 = s.y0 ?? 0;
  const hw = s.kind === 'cylinder' ? s.r : s.w / 2;
  const hd = s.kind === 'cylinder' ? s.r : s.d / 2;
  return [s.x - hw, y0, s.z - hd, s.x + hw, y0 + s.h, s.z + hd];
}

/** True when the segment from `a` to just before `b` passes through the box (slab method). */
function segmentHits(a: number[], b: number[], box: number[]): boolean {
  let t0 = 0;
  let t1 = 0.995;
  for (let k = 0; k < 3; k++) {
    const d = b[k]! - a[k]!;
    const lo = box[k]!;
    const hi = box[k + 3]!;
    if (Math.abs(d) < 1e-9) {
      if (a[k]! < lo || a[k]! > hi) return false;
      continue;
    }
    let ta = (lo - a[k]!) / d;
    let tb = (hi - a[k]!) / d;
    if (ta > tb) [ta, tb] = [tb, ta];
    t0 = Math.max(t0, ta);
    t1 = Math.min(t1, tb);
    if (t0 > t1) return false;
  }
  return true;
}

/** Share of the building's surface points the eye sees past `blockers` (their bounding boxes: a close enough test). */
export function visibleShare(node: WorldNode, building: WorldBuilding, blockers: Shape[]): number {
  const eye = nodeEye(node);
  const a = [eye.x, eye.y, eye.z];
  const points = building.shapes.flatMap(shapePoints);
  const boxes = blockers.map(boxOf);
  const seen = points.filter((p) => !boxes.some((box) => segmentHits(a, p, box))).length;
  return seen / points.length;
}

/** Outlined only where at least this share of the building is in sight (not hidden by trees or other buildings). */
export const OUTLINE_MIN_VISIBLE = 0.5;

/**
 * The building's outline seen from the node, or null when it is too far, too small, mostly hidden
 * behind `blockers`, or across the picture's seam.
 */
export function outlineFrom(node: WorldNode, building: WorldBuilding, blockers: Shape[] = []): YawPitch[] | null {
  const eye = nodeEye(node);
  const points = building.shapes.flatMap(shapePoints);
  const near = Math.min(...points.map((p) => Math.hypot(p[0] - eye.x, p[2] - eye.z)));
  if (near > OUTLINE_MAX_DISTANCE_M) return null;
  const dirs = points.map((p) => directionOf(eye, p));
  const yaws = dirs.map((d) => d.yaw);
  const pitches = dirs.map((d) => d.pitch);
  const width = Math.max(...yaws) - Math.min(...yaws);
  // A building straddling yaw ±180 would need a polygon split at the seam; the demo has none that matter.
  if (width > 180) return null;
  if (Math.max(width, Math.max(...pitches) - Math.min(...pitches)) < OUTLINE_MIN_SIZE_DEG) return null;
  if (blockers.length && visibleShare(node, building, blockers) < OUTLINE_MIN_VISIBLE) return null;
  return silhouette(building.shapes.map((shape) => convexHull(shapePoints(shape).map((p) => directionOf(eye, p)))));
}

/** Pitch range where the vertical line at `yaw` crosses a convex polygon, or null. */
function crossing(poly: YawPitch[], yaw: number): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  poly.forEach((a, i) => {
    const b = poly[(i + 1) % poly.length]!;
    const [y0, y1] = a.yaw <= b.yaw ? [a.yaw, b.yaw] : [b.yaw, a.yaw];
    if (yaw < y0 || yaw > y1) return;
    const pitch = y1 === y0 ? Math.max(a.pitch, b.pitch) : a.pitch + ((yaw - a.yaw) / (b.yaw - a.yaw)) * (b.pitch - a.pitch);
    const low = y1 === y0 ? Math.min(a.pitch, b.pitch) : pitch;
    lo = Math.min(lo, low);
    hi = Math.max(hi, pitch);
  });
  return lo <= hi ? [lo, hi] : null;
}

/**
 * The outline of several shapes standing on the ground (a hall and its chimney...): not their
 * convex hull, which would take in the sky between them, but the top edge of their union from left
 * to right and its bottom edge back, sampled at every corner's yaw and in between.
 */
export function silhouette(hulls: YawPitch[][]): YawPitch[] {
  const corners = hulls.flat().map((p) => p.yaw);
  const left = Math.min(...corners);
  const right = Math.max(...corners);
  const yaws = new Set(corners.map((y) => round2(y)));
  for (let k = 0; k <= 40; k++) yaws.add(round2(left + ((right - left) * k) / 40));
  const top: YawPitch[] = [];
  const bottom: YawPitch[] = [];
  for (const yaw of [...yaws].sort((a, b) => a - b)) {
    const ranges = hulls.map((h) => crossing(h, Math.min(right, Math.max(left, yaw)))).filter((r): r is [number, number] => r !== null);
    if (!ranges.length) continue;
    top.push({ yaw, pitch: round2(Math.max(...ranges.map((r) => r[1]))) });
    bottom.push({ yaw, pitch: round2(Math.min(...ranges.map((r) => r[0]))) });
  }
  return simplify([...top, ...bottom.reverse()]);
}

/** Drops repeated points and points on a straight line between their neighbours (within 0.05°). */
function simplify(points: YawPitch[]): YawPitch[] {
  const out: YawPitch[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && last.yaw === p.yaw && last.pitch === p.pitch) continue;
    const prev = out[out.length - 2];
    if (prev && last) {
      const t = (last.yaw - prev.yaw) / (p.yaw - prev.yaw || 1);
      const onLine =
        last.yaw >= Math.min(prev.yaw, p.yaw) &&
        last.yaw <= Math.max(prev.yaw, p.yaw) &&
        p.yaw !== prev.yaw &&
        Math.abs(prev.pitch + t * (p.pitch - prev.pitch) - last.pitch) < 0.05;
      if (onLine) out.pop();
    }
    out.push(p);
  }
  return out;
}
