import { describe, expect, it } from 'vitest';
import { WHEEL_MAPPING_DEFAULT, type WheelMapping } from '../../../../../common/panoramaWheel';
import { WheelMapper } from '../../../../../src/exhibits/panorama/input/wheelMapper';

const mapping = (over: Partial<WheelMapping['steer']> = {}, rest: Partial<WheelMapping> = {}): WheelMapping => ({
  ...WHEEL_MAPPING_DEFAULT,
  ...rest,
  steer: { ...WHEEL_MAPPING_DEFAULT.steer, smoothingMs: 0, deadZone: 0.1, response: 1, maxPanDegPerSec: 100, ...over },
});
/** A wheel with 8 buttons; `down` lists the pressed ones. */
const wheel = (steer: number, down: number[] = [], extraAxes: number[] = []) => ({
  axes: [steer, ...extraAxes],
  buttons: Array.from({ length: 8 }, (_, i) => ({ pressed: down.includes(i), value: down.includes(i) ? 1 : 0 })),
});

describe('WheelMapper', () => {
  it('does not pan inside the dead zone and pans at a rate that follows the angle outside it', () => {
    const m = new WheelMapper(mapping());
    expect(m.update(wheel(0.08), 0).panDegPerSec).toBe(0);
    expect(m.update(wheel(0.55), 16).panDegPerSec).toBeCloseTo(50, 6);
    expect(m.update(wheel(1), 32).panDegPerSec).toBeCloseTo(100, 6);
    expect(m.update(wheel(-0.55), 48).panDegPerSec).toBeCloseTo(-50, 6);
    const curved = new WheelMapper(mapping({ response: 2 }));
    expect(curved.update(wheel(0.55), 0).panDegPerSec).toBeCloseTo(25, 6);
  });

  it('inverts and subtracts the calibrated centre', () => {
    const m = new WheelMapper(mapping({ invert: true, centre: 0.1, deadZone: 0 }));
    expect(m.calibratedSteer(wheel(0.6))).toBeCloseTo(-0.5, 10);
    expect(m.update(wheel(0.6), 0).panDegPerSec).toBeCloseTo(-50, 6);
    expect(m.update(wheel(0.1), 16).panDegPerSec).toBe(0);
  });

  it('smooths a sudden turn and snaps back to exactly 0 when released', () => {
    const m = new WheelMapper(mapping({ smoothingMs: 100, deadZone: 0 }));
    m.update(wheel(0), 0);
    const first = m.update(wheel(1), 16).steer;
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(0.2);
    let t = 16;
    for (; t < 1000; t += 16) m.update(wheel(1), t);
    expect(m.update(wheel(1), t).steer).toBeGreaterThan(0.99);
    for (t += 16; t < 3000; t += 16) m.update(wheel(0), t);
    expect(m.update(wheel(0), t).steer).toBe(0);
  });

  it('counts turning as activity but not a resting wheel drifting out of its dead zone', () => {
    const m = new WheelMapper(mapping({ deadZone: 0.02 }));
    let activeFrames = 0;
    let panning = 0;
    for (let i = 0; i < 600; i++) {
      const f = m.update(wheel(0.05 + 0.01 * Math.sin(i / 7) + i * 0.00002), i * 16);
      if (f.active) activeFrames++;
      if (f.panDegPerSec !== 0) panning++;
    }
    expect(panning).toBeGreaterThan(0); // drift beyond the dead zone still pans (a calibration problem)...
    expect(activeFrames).toBe(0); // ...but never keeps the exhibit awake
    expect(m.update(wheel(0.5), 600 * 16).active).toBe(true);
  });

  it('reports the resting offset and the drift span for the calibration, and the drift window decides what counts', () => {
    const m = new WheelMapper(mapping({ centre: 0.02, deadZone: 0.05 }));
    m.update(wheel(0.05), 0);
    const f = m.update(wheel(0.04), 100);
    expect(f.offset).toBeCloseTo(0.02, 10); // 0.04 minus the centre: inside the dead zone
    expect(f.driftSpan).toBeCloseTo(0.01, 10);
    expect(f).toMatchObject({ panDegPerSec: 0, active: false });
    // The same slow wander (0.06 per second) is drift in a 500 ms window but a visitor in a 1000 ms one.
    const wander = (windowMs: number): boolean => {
      const w = new WheelMapper(mapping({}, { drift: { threshold: 0.04, windowMs } }));
      let active = false;
      for (let t = 0; t <= 3000; t += 16) active = w.update(wheel((0.06 * t) / 1000), t).active || active;
      return active;
    };
    expect(wander(500)).toBe(false);
    expect(wander(1000)).toBe(true);
  });

  it('fires select, forward and back once per press (edge-triggered), reports held buttons and travel', () => {
    const m = new WheelMapper(mapping());
    expect(m.update(wheel(0, [0, 5]), 0)).toMatchObject({
      selectPressed: true,
      forwardPressed: true,
      forwardHeld: true,
      travel: 1,
      active: true,
    });
    expect(m.update(wheel(0, [0, 5]), 16)).toMatchObject({ selectPressed: false, forwardPressed: false, forwardHeld: true, travel: 1 });
    expect(m.update(wheel(0, []), 32)).toMatchObject({ selectPressed: false, forwardHeld: false, travel: 0, active: false });
    expect(m.update(wheel(0, [0, 4]), 48)).toMatchObject({ selectPressed: true, backPressed: true, travel: -1 });
  });

  it('travels by pedal amount and releases everything when the wheel is unplugged', () => {
    const m = new WheelMapper(mapping({}, { forward: { kind: 'axis', index: 1, rest: 1, full: -1, threshold: 0.1 }, back: null }));
    expect(m.update(wheel(0, [], [0]), 0)).toMatchObject({ forwardHeld: true, forwardPressed: true });
    expect(m.update(wheel(0, [], [0]), 0).travel).toBeCloseTo(0.5);
    expect(m.update(wheel(0, [], [0.9]), 16)).toMatchObject({ forwardHeld: false, travel: 0 });
    const gone = m.update(null, 32);
    expect(gone).toMatchObject({ steer: 0, panDegPerSec: 0, travel: 0, forwardHeld: false, selectPressed: false, active: false });
    expect(m.update(wheel(0, [0]), 48).selectPressed).toBe(true);
  });
});
