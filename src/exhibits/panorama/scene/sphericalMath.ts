/**
 * Pure angle math for the panorama scene (no three.js, no DOM), in the pack's convention
 * (common/pack/panoramaSection.ts): yaw 0 = the equirectangular image's centre column, positive to
 * the right; pitch 0 = horizon, positive up. Degrees everywhere.
 *
 * The 3D frame is the one scripts/demo-pack/panorama/page/renderPage.ts rendered the demo pictures
 * in, so outlines computed there line up with what this viewer shows: direction(yaw, pitch) =
 * (cos p cos y, sin p, cos p sin y) — yaw 0 looks along +x, yaw +90 along +z, which is to the
 * right of +x for a camera whose up is +y (three.js is right-handed:
 * https://threejs.org/manual/#en/fundamentals).
 */

export interface YawPitch {
  yaw: number;
  pitch: number;
}

export type Vec3 = [number, number, number];

const RAD = Math.PI / 180;
const DEG = 180 / Math.PI;

/** Wraps any angle into [-180, 180). */
export function wrapYaw(yaw: number): number {
  if (!Number.isFinite(yaw)) throw new Error(`wrapYaw: ${yaw} is not a finite angle`);
  const w = ((((yaw + 180) % 360) + 360) % 360) - 180;
  return w + 0; // turns -0 into 0
}

export function clamp(v: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, v));
}

/** Unit vector looking at (yaw, pitch). */
export function yawPitchToVector(yaw: number, pitch: number): Vec3 {
  const y = yaw * RAD;
  const p = pitch * RAD;
  return [Math.cos(p) * Math.cos(y), Math.sin(p), Math.cos(p) * Math.sin(y)];
}

/** (yaw, pitch) of any non-zero vector. */
export function vectorToYawPitch(x: number, y: number, z: number): YawPitch {
  const len = Math.hypot(x, y, z);
  if (!(len > 0)) throw new Error('vectorToYawPitch: zero vector has no direction');
  return { yaw: wrapYaw(Math.atan2(z, x) * DEG), pitch: Math.asin(clamp(y / len, -1, 1)) * DEG };
}

/** Signed yaw difference b - a in [-180, 180): the short way round. */
export function yawDelta(a: number, b: number): number {
  return wrapYaw(b - a);
}

/**
 * The polygon's yaws made continuous: each point is moved by ±360 to lie within 180° of the
 * previous one, so a building straddling the image seam (yaw ±180) becomes one unbroken polygon
 * (its yaws may then run past 180).
 */
export function unwrapPolygon(points: readonly YawPitch[]): YawPitch[] {
  const out: YawPitch[] = [];
  for (const p of points) {
    const prev = out[out.length - 1];
    out.push({ yaw: prev ? prev.yaw + yawDelta(prev.yaw, p.yaw) : p.yaw, pitch: p.pitch });
  }
  return out;
}

/**
 * Point-in-polygon on (yaw, pitch) treated as flat coordinates (the outlines are drawn that way:
 * edges are straight in the equirectangular picture). Even-odd ray casting
 * (https://wrfranklin.org/Research/Short_Notes/pnpoly.html), after unwrapping the polygon and
 * trying the point at yaw, yaw - 360 and yaw + 360 so the seam does not matter.
 */
export function pointInPolygon(point: YawPitch, polygon: readonly YawPitch[]): boolean {
  if (polygon.length < 3) return false;
  const poly = unwrapPolygon(polygon);
  for (const shift of [0, -360, 360]) {
    const x = point.yaw + shift;
    const y = point.pitch;
    let inside = false;
    for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
      const a = poly[i]!;
      const b = poly[j]!;
      if (a.pitch > y !== b.pitch > y && x < ((b.yaw - a.yaw) * (y - a.pitch)) / (b.pitch - a.pitch) + a.yaw) inside = !inside;
    }
    if (inside) return true;
  }
  return false;
}

/** Area in square degrees (shoelace formula on the unwrapped polygon): used to prefer the smaller of nested outlines. */
export function polygonArea(polygon: readonly YawPitch[]): number {
  const poly = unwrapPolygon(polygon);
  let twice = 0;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) twice += poly[j]!.yaw * poly[i]!.pitch - poly[i]!.yaw * poly[j]!.pitch;
  return Math.abs(twice) / 2;
}

/** Centre of the polygon's bounding box, seam-aware (yaw wrapped back into [-180, 180)). */
export function polygonCentre(polygon: readonly YawPitch[]): YawPitch {
  if (polygon.length === 0) throw new Error('polygonCentre: empty polygon');
  const poly = unwrapPolygon(polygon);
  const yaws = poly.map((p) => p.yaw);
  const pitches = poly.map((p) => p.pitch);
  return { yaw: wrapYaw((Math.min(...yaws) + Math.max(...yaws)) / 2), pitch: (Math.min(...pitches) + Math.max(...pitches)) / 2 };
}

/** Great-circle angle between two directions, in degrees. */
export function angularDistance(a: YawPitch, b: YawPitch): number {
  const u = yawPitchToVector(a.yaw, a.pitch);
  const v = yawPitchToVector(b.yaw, b.pitch);
  return Math.acos(clamp(u[0] * v[0] + u[1] * v[1] + u[2] * v[2], -1, 1)) * DEG;
}

/**
 * Points along the polygon's closed boundary, at most `stepDeg` apart in yaw/pitch: edges are
 * straight in the equirectangular picture but curve on the sphere, so a 3D line between two
 * corners would cut across the picture instead of following the drawn outline.
 */
export function densifyRing(polygon: readonly YawPitch[], stepDeg = 1): YawPitch[] {
  const poly = unwrapPolygon(polygon);
  const out: YawPitch[] = [];
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i]!;
    const b = poly[(i + 1) % poly.length]!;
    // The closing edge may come back across the seam: take the short way.
    const dy = yawDelta(a.yaw, b.yaw);
    const steps = Math.max(1, Math.ceil(Math.max(Math.abs(dy), Math.abs(b.pitch - a.pitch)) / stepDeg));
    for (let k = 0; k < steps; k++) out.push({ yaw: a.yaw + (dy * k) / steps, pitch: a.pitch + ((b.pitch - a.pitch) * k) / steps });
  }
  return out;
}

export interface ViewLimits {
  fovMin: number;
  fovMax: number;
  pitchLimit: number;
}

/** The view the scene actually shows for a requested one: yaw wrapped, pitch and fov clamped. */
export function clampView(
  view: { yaw: number; pitch: number; fov: number },
  limits: ViewLimits,
): { yaw: number; pitch: number; fov: number } {
  for (const [k, v] of Object.entries(view)) if (!Number.isFinite(v)) throw new Error(`view.${k} must be a finite number, got ${v}`);
  return {
    yaw: wrapYaw(view.yaw),
    pitch: clamp(view.pitch, -limits.pitchLimit, limits.pitchLimit),
    fov: clamp(view.fov, limits.fovMin, limits.fovMax),
  };
}
