import { describe, expect, it } from 'vitest';
import { apply, squareToQuad, toCssMatrix3d, type Point } from '../../../../src/exhibits/history/homography';

const quad = (pts: number[][]): [Point, Point, Point, Point] => pts.map(([x, y]) => ({ x, y })) as [Point, Point, Point, Point];
const close = (a: Point, b: Point): void => {
  expect(a.x).toBeCloseTo(b.x, 6);
  expect(a.y).toBeCloseTo(b.y, 6);
};

describe('squareToQuad', () => {
  it('maps the unit square corners onto the four corners, for a trapezoid (projective case)', () => {
    const q = quad([
      [100, 50],
      [1800, 120],
      [1700, 1000],
      [220, 980],
    ]);
    const m = squareToQuad(q);
    close(apply(m, { x: 0, y: 0 }), q[0]);
    close(apply(m, { x: 1, y: 0 }), q[1]);
    close(apply(m, { x: 1, y: 1 }), q[2]);
    close(apply(m, { x: 0, y: 1 }), q[3]);
    expect(m[6] !== 0 || m[7] !== 0).toBe(true);
    // Straight lines stay straight: the centre is where the diagonals cross.
    const c = apply(m, { x: 0.5, y: 0.5 });
    const t = (q[2].x - q[0].x) * (c.y - q[0].y) - (q[2].y - q[0].y) * (c.x - q[0].x);
    expect(Math.abs(t)).toBeLessThan(1e-6 * 1e6);
  });

  it('is the plain scale for an upright rectangle', () => {
    const m = squareToQuad(
      quad([
        [0, 0],
        [1920, 0],
        [1920, 1080],
        [0, 1080],
      ]),
    );
    close(apply(m, { x: 0.25, y: 0.5 }), { x: 480, y: 540 });
    expect(m.slice(6)).toEqual([0, 0, 1]);
  });

  it('refuses a degenerate quad', () => {
    expect(() =>
      squareToQuad(
        quad([
          [0, 0.5],
          [1, 1],
          [2, 2],
          [3, 3],
        ]),
      ),
    ).toThrow(RangeError);
  });
});

describe('toCssMatrix3d', () => {
  it('draws an element of the given size onto the quad (checked by applying the 4x4 matrix)', () => {
    const q = quad([
      [10, 20],
      [900, 40],
      [880, 700],
      [30, 650],
    ]);
    const css = toCssMatrix3d(squareToQuad(q), 1000, 500);
    const v = css
      .replace(/^matrix3d\(|\)$/g, '')
      .split(',')
      .map(Number);
    const project = (x: number, y: number): Point => {
      const w = v[3]! * x + v[7]! * y + v[15]!;
      return { x: (v[0]! * x + v[4]! * y + v[12]!) / w, y: (v[1]! * x + v[5]! * y + v[13]!) / w };
    };
    close(project(0, 0), q[0]);
    close(project(1000, 0), q[1]);
    close(project(1000, 500), q[2]);
    close(project(0, 500), q[3]);
  });
});
