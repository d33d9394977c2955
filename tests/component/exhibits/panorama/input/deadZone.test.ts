import { describe, expect, it } from 'vitest';
import { applyDeadZone } from '../../../../../src/exhibits/panorama/input/deadZone';

describe('applyDeadZone', () => {
  it('gives 0 inside the dead zone, on both sides', () => {
    for (const v of [0, 0.05, -0.05, 0.1, -0.0999]) expect(applyDeadZone(v, 0.1)).toBe(0);
  });

  it('rescales the rest of the travel so the output is continuous at the edge and reaches ±1 at full lock', () => {
    expect(applyDeadZone(0.1 + 1e-9, 0.1)).toBeCloseTo(0, 6);
    expect(applyDeadZone(0.55, 0.1)).toBeCloseTo(0.5, 10);
    expect(applyDeadZone(-0.55, 0.1)).toBeCloseTo(-0.5, 10);
    expect(applyDeadZone(1, 0.1)).toBe(1);
    expect(applyDeadZone(-1, 0.1)).toBe(-1);
  });

  it('clamps out-of-range values and ignores non-numbers', () => {
    expect(applyDeadZone(1.7, 0.2)).toBe(1);
    expect(applyDeadZone(-3, 0.2)).toBe(-1);
    expect(applyDeadZone(Number.NaN, 0.2)).toBe(0);
  });

  it('is the identity with no dead zone', () => {
    expect(applyDeadZone(0.3, 0)).toBeCloseTo(0.3, 12);
  });
});
