import { describe, expect, it } from 'vitest';
import { convexHull, directionOf, outlineFrom, silhouette, visibleShare } from '../../../../../scripts/demo-pack/panorama/outlines';
import { EYE_HEIGHT_M, PROMENADE_Z, type Shape, type WorldBuilding, type WorldNode } from '../../../../../scripts/demo-pack/panorama/world';

const node: WorldNode = { id: 'n', positionM: 0, heading: 0, label: { zh: '点', en: 'node' } };
const building = (shapes: Shape[]): WorldBuilding => ({
  id: 'b',
  name: { zh: '楼', en: 'b' },
  built: 1900,
  text: { zh: '字', en: 't' },
  shapes,
});
const inside = (poly: { yaw: number; pitch: number }[], yaw: number, pitch: number): boolean => {
  let hit = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const a = poly[i]!;
    const b = poly[j]!;
    if (a.pitch > pitch !== b.pitch > pitch && yaw < ((b.yaw - a.yaw) * (pitch - a.pitch)) / (b.pitch - a.pitch) + a.yaw) hit = !hit;
  }
  return hit;
};

describe('demo panorama outlines', () => {
  it("use the pictures' convention: yaw 0 east, +90 south (the river), pitch up", () => {
    const eye = { x: 0, y: 0, z: 0 };
    expect(directionOf(eye, [10, 0, 0])).toEqual({ yaw: 0, pitch: 0 });
    expect(directionOf(eye, [0, 0, 10]).yaw).toBeCloseTo(90);
    expect(directionOf(eye, [0, 0, -10]).yaw).toBeCloseTo(-90);
    expect(directionOf(eye, [10, 10, 0]).pitch).toBeCloseTo(45);
  });

  it('convexHull keeps the corners and drops inner points', () => {
    const sq = [
      { yaw: 0, pitch: 0 },
      { yaw: 2, pitch: 0 },
      { yaw: 2, pitch: 2 },
      { yaw: 0, pitch: 2 },
      { yaw: 1, pitch: 1 },
    ];
    expect(convexHull(sq)).toHaveLength(4);
    expect(convexHull(sq)).not.toContainEqual({ yaw: 1, pitch: 1 });
  });

  it('outline a hall with a chimney tightly: the chimney top is inside, the sky beside it is not', () => {
    const hall: Shape = { kind: 'box', x: 100, z: -40, w: 60, d: 20, h: 20, color: '#000' };
    const chimney: Shape = { kind: 'cylinder', x: 90, z: -40, r: 3, h: 100, color: '#000' };
    const poly = outlineFrom(node, building([hall, chimney]))!;
    const eye = { x: 0, y: EYE_HEIGHT_M, z: PROMENADE_Z };
    const top = directionOf(eye, [90, 98, -40]);
    const besideTop = directionOf(eye, [120, 60, -40]);
    const hallMiddle = directionOf(eye, [100, 10, -30]);
    expect(inside(poly, top.yaw, top.pitch)).toBe(true);
    expect(inside(poly, hallMiddle.yaw, hallMiddle.pitch)).toBe(true);
    expect(inside(poly, besideTop.yaw, besideTop.pitch)).toBe(false);
    // The convex hull of the same shapes would take that sky in.
    expect(silhouette([convexHull(poly)]).length).toBeGreaterThanOrEqual(3);
    expect(inside(convexHull(poly), besideTop.yaw, besideTop.pitch)).toBe(true);
  });

  it('skip a building that is far, tiny, or hidden behind something', () => {
    const house: Shape = { kind: 'box', x: 60, z: -30, w: 20, d: 10, h: 10, color: '#000' };
    expect(outlineFrom(node, building([{ ...house, x: 3000 }]))).toBeNull();
    expect(outlineFrom(node, building([{ ...house, w: 0.2, d: 0.2, h: 0.2 }]))).toBeNull();
    const wall: Shape = { kind: 'box', x: 40, z: -15, w: 80, d: 2, h: 30, color: '#000' };
    expect(visibleShare(node, building([house]), [])).toBe(1);
    expect(visibleShare(node, building([house]), [wall])).toBe(0);
    expect(outlineFrom(node, building([house]), [wall])).toBeNull();
    expect(outlineFrom(node, building([house]), [{ ...wall, x: -200 }])).not.toBeNull();
  });
});
