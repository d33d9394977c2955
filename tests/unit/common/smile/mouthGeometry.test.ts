import { describe, expect, it } from 'vitest';
import { mouthGeometry, mouthFeatureNames } from '../../../../common/smile/mouthGeometry';

/** A schematic face: eyes 40 px apart, a mouth whose corners sit `lift` px above the lip centre. */
function face(lift: number, angle = 0, scale = 1): number[] {
  const pts: Array<[number, number]> = Array.from({ length: 68 }, () => [50, 50]);
  for (let i = 36; i <= 41; i++) pts[i] = [30, 40];
  for (let i = 42; i <= 47; i++) pts[i] = [70, 40];
  pts[3] = [20, 70];
  pts[13] = [80, 70];
  pts[48] = [35, 80 - lift];
  pts[54] = [65, 80 - lift];
  pts[51] = [50, 76];
  pts[57] = [50, 84];
  pts[62] = [50, 79];
  pts[66] = [50, 81];
  const [c, s] = [Math.cos(angle), Math.sin(angle)];
  return pts.flatMap(([x, y]) => [(x * c - y * s) * scale, (x * s + y * c) * scale]);
}

describe('mouthGeometry', () => {
  it('measures the mouth in eye-distance units', () => {
    const [width, open, lip, lift, toJaw] = mouthGeometry(face(4));
    expect(mouthFeatureNames).toHaveLength(5);
    expect(width).toBeCloseTo(30 / 40);
    expect(open).toBeCloseTo(2 / 40);
    expect(lip).toBeCloseTo(8 / 40);
    expect(lift).toBeCloseTo(4 / 40);
    expect(toJaw).toBeCloseTo(30 / 60);
  });

  it('does not depend on head roll or face size', () => {
    const level = mouthGeometry(face(4));
    const turned = mouthGeometry(face(4, 0.4, 2.5));
    turned.forEach((v, i) => expect(v).toBeCloseTo(level[i]!, 6));
  });

  it('sees raised corners as positive lift and drooping corners as negative', () => {
    expect(mouthGeometry(face(5))[3]).toBeGreaterThan(0);
    expect(mouthGeometry(face(-3))[3]).toBeLessThan(0);
  });

  it('rejects a wrong number of coordinates', () => {
    expect(() => mouthGeometry([1, 2, 3])).toThrow(/136/);
  });
});
