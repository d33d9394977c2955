import { describe, expect, it } from 'vitest';
import {
  angularDistance,
  clampView,
  densifyRing,
  pointInPolygon,
  polygonArea,
  polygonCentre,
  unwrapPolygon,
  vectorToYawPitch,
  wrapYaw,
  yawPitchToVector,
} from '../../../../../src/exhibits/panorama/scene/sphericalMath';

const limits = { fovMin: 30, fovMax: 100, pitchLimit: 85 };

describe('wrapYaw', () => {
  it('wraps into [-180, 180)', () => {
    expect(wrapYaw(0)).toBe(0);
    expect(wrapYaw(190)).toBe(-170);
    expect(wrapYaw(-190)).toBe(170);
    expect(wrapYaw(180)).toBe(-180);
    expect(wrapYaw(720 + 45)).toBe(45);
    expect(wrapYaw(-360)).toBe(0);
  });
  it('rejects non-finite angles', () => {
    expect(() => wrapYaw(Number.NaN)).toThrow(/not a finite angle/);
  });
});

describe('yaw/pitch <-> vector', () => {
  it("follows the demo renderer's frame: yaw 0 = +x, yaw 90 = +z, pitch 90 = +y", () => {
    const close = (v: number[], w: number[]) => v.forEach((c, i) => expect(c).toBeCloseTo(w[i]!, 12));
    close(yawPitchToVector(0, 0), [1, 0, 0]);
    close(yawPitchToVector(90, 0), [0, 0, 1]);
    close(yawPitchToVector(-90, 0), [0, 0, -1]);
    close(yawPitchToVector(0, 90), [0, 1, 0]);
  });
  it('round-trips', () => {
    for (const yaw of [-179.5, -90, -12.3, 0, 45, 135, 179.9])
      for (const pitch of [-84, -30, 0, 10.5, 84]) {
        const r = vectorToYawPitch(...yawPitchToVector(yaw, pitch));
        expect(r.yaw).toBeCloseTo(yaw, 9);
        expect(r.pitch).toBeCloseTo(pitch, 9);
      }
  });
  it('accepts unnormalised vectors and rejects the zero vector', () => {
    expect(vectorToYawPitch(0, 10, 10).pitch).toBeCloseTo(45, 9);
    expect(() => vectorToYawPitch(0, 0, 0)).toThrow(/zero vector/);
  });
  it('measures great-circle angles', () => {
    expect(angularDistance({ yaw: 170, pitch: 0 }, { yaw: -170, pitch: 0 })).toBeCloseTo(20, 9);
    expect(angularDistance({ yaw: 0, pitch: 89.999 }, { yaw: 180, pitch: 89.999 })).toBeLessThan(0.01);
  });
});

describe('pointInPolygon', () => {
  const square = [
    { yaw: -10, pitch: -5 },
    { yaw: 10, pitch: -5 },
    { yaw: 10, pitch: 5 },
    { yaw: -10, pitch: 5 },
  ];
  it('tells inside from outside', () => {
    expect(pointInPolygon({ yaw: 0, pitch: 0 }, square)).toBe(true);
    expect(pointInPolygon({ yaw: 9.9, pitch: 4.9 }, square)).toBe(true);
    expect(pointInPolygon({ yaw: 10.1, pitch: 0 }, square)).toBe(false);
    expect(pointInPolygon({ yaw: 0, pitch: 5.1 }, square)).toBe(false);
  });
  it('handles concave outlines (a hall with a chimney)', () => {
    const hall = [
      { yaw: 0, pitch: 0 },
      { yaw: 20, pitch: 0 },
      { yaw: 20, pitch: 5 },
      { yaw: 6, pitch: 5 },
      { yaw: 6, pitch: 15 },
      { yaw: 4, pitch: 15 },
      { yaw: 4, pitch: 5 },
      { yaw: 0, pitch: 5 },
    ];
    expect(pointInPolygon({ yaw: 5, pitch: 12 }, hall)).toBe(true);
    expect(pointInPolygon({ yaw: 12, pitch: 12 }, hall)).toBe(false);
  });
  it('works across the ±180 seam, whichever side the point is given on', () => {
    const seam = [
      { yaw: 170, pitch: -5 },
      { yaw: -170, pitch: -5 },
      { yaw: -170, pitch: 5 },
      { yaw: 170, pitch: 5 },
    ];
    expect(pointInPolygon({ yaw: 179, pitch: 0 }, seam)).toBe(true);
    expect(pointInPolygon({ yaw: -175, pitch: 0 }, seam)).toBe(true);
    expect(pointInPolygon({ yaw: -180, pitch: 0 }, seam)).toBe(true);
    expect(pointInPolygon({ yaw: 0, pitch: 0 }, seam)).toBe(false);
    expect(pointInPolygon({ yaw: -160, pitch: 0 }, seam)).toBe(false);
    expect(pointInPolygon({ yaw: 160, pitch: 0 }, seam)).toBe(false);
  });
  it('is false for degenerate polygons', () => {
    expect(pointInPolygon({ yaw: 0, pitch: 0 }, square.slice(0, 2))).toBe(false);
  });
});

describe('polygon helpers', () => {
  const seam = [
    { yaw: 175, pitch: 0 },
    { yaw: -165, pitch: 0 },
    { yaw: -165, pitch: 10 },
    { yaw: 175, pitch: 10 },
  ];
  it('unwraps yaws across the seam', () => {
    expect(unwrapPolygon(seam).map((p) => p.yaw)).toEqual([175, 195, 195, 175]);
  });
  it('computes the area and the centre across the seam', () => {
    expect(polygonArea(seam)).toBeCloseTo(200, 9);
    const c = polygonCentre(seam);
    expect(c.yaw).toBeCloseTo(-175, 9);
    expect(c.pitch).toBeCloseTo(5, 9);
  });
  it('densifies edges no more than the step apart, taking the short way over the seam', () => {
    const ring = densifyRing(seam, 1);
    expect(ring.length).toBe(20 + 10 + 20 + 10);
    for (let i = 1; i < ring.length; i++)
      expect(Math.abs(ring[i]!.yaw - ring[i - 1]!.yaw) + Math.abs(ring[i]!.pitch - ring[i - 1]!.pitch)).toBeLessThanOrEqual(1 + 1e-9);
  });
});

describe('clampView', () => {
  it('wraps yaw and clamps pitch and fov', () => {
    expect(clampView({ yaw: 200, pitch: 95, fov: 10 }, limits)).toEqual({ yaw: -160, pitch: 85, fov: 30 });
    expect(clampView({ yaw: -30, pitch: -120, fov: 170 }, limits)).toEqual({ yaw: -30, pitch: -85, fov: 100 });
  });
  it('rejects NaN instead of poisoning the camera', () => {
    expect(() => clampView({ yaw: Number.NaN, pitch: 0, fov: 60 }, limits)).toThrow(/view.yaw must be a finite number/);
  });
});
