import { describe, expect, it } from 'vitest';
import { WheelMappingSchema, WHEEL_MAPPING_DEFAULT } from '../../../../../common/panoramaWheel';
import { detectControl, detectSteer } from '../../../../../src/exhibits/panorama/operator/detectControl';

const pad = (axes: number[], down: number[] = [], n = 12) => ({
  axes,
  buttons: Array.from({ length: n }, (_, i) => ({ pressed: down.includes(i), value: down.includes(i) ? 1 : 0 })),
});

describe('detectSteer', () => {
  it('names the axis turned furthest, and inverts when turning right made it negative', () => {
    expect(detectSteer(pad([0, 1, 1]), pad([0.9, 1, 0.95]))).toEqual({ axis: 0, invert: false });
    expect(detectSteer(pad([0.02, 0, 0]), pad([0.1, -0.8, 0]))).toEqual({ axis: 1, invert: true });
  });
  it('ignores small movement and non-numbers', () => {
    expect(detectSteer(pad([0, 0]), pad([0.3, Number.NaN]))).toBeNull();
  });
});

describe('detectControl', () => {
  it('prefers a newly pressed button over moving axes; a button held before Detect does not count', () => {
    expect(detectControl(pad([0, 1]), pad([0, -1], [7]), 0)).toEqual({ kind: 'button', index: 7 });
    expect(detectControl(pad([0], [2]), pad([0], [2]), 0)).toBeNull();
  });
  it('makes a pedal binding from where the axis rested to where it went, skipping the steering axis', () => {
    const b = detectControl(pad([0, 1, 1]), pad([0.9, 1, -0.4]), 0);
    expect(b).toEqual({ kind: 'axis', index: 2, rest: 1, full: -1, threshold: 0.3 });
    // A pedal that rests at -1 and rises.
    expect(detectControl(pad([0, -1]), pad([0, 0.2]), 0)).toEqual({ kind: 'axis', index: 1, rest: -1, full: 1, threshold: 0.3 });
    // The steering axis alone is not a control.
    expect(detectControl(pad([0, 1]), pad([1, 1]), 0)).toBeNull();
  });
  it('always yields a binding the stored schema accepts', () => {
    for (const [rest, now] of [
      [1, -0.4],
      [-1, 0.2],
      [0, 0.9],
      [0, -0.7],
      [0.5, -0.3],
    ] as const) {
      const b = detectControl(pad([0, rest]), pad([0, now]), 0);
      expect(b).not.toBeNull();
      expect(WheelMappingSchema.safeParse({ ...WHEEL_MAPPING_DEFAULT, forward: b }).success).toBe(true);
    }
  });
});
