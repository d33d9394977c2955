import { describe, expect, it } from 'vitest';
import { EXHIBIT_CONFIG, SetExhibitConfigRequestSchema } from '../../../common/exhibitConfig';
import { WHEEL_MAPPING_DEFAULT, WheelMappingSchema } from '../../../common/panoramaWheel';

const issues = (value: unknown): string[] => {
  const r = SetExhibitConfigRequestSchema.safeParse({ key: 'panorama.wheel', value });
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe("exhibit config 'panorama.wheel'", () => {
  it('is a key of the exhibit config whose default is a valid mapping', () => {
    expect(EXHIBIT_CONFIG['panorama.wheel'].default).toEqual(WHEEL_MAPPING_DEFAULT);
    expect(WheelMappingSchema.parse(WHEEL_MAPPING_DEFAULT)).toEqual(WHEEL_MAPPING_DEFAULT);
    expect(issues(WHEEL_MAPPING_DEFAULT)).toEqual([]);
  });

  it('accepts pedals on axes and unbound controls', () => {
    const value = {
      ...WHEEL_MAPPING_DEFAULT,
      forward: { kind: 'axis', index: 2, rest: 1, full: -1, threshold: 0.2 },
      back: null,
      select: null,
    };
    expect(issues(value)).toEqual([]);
  });

  it('takes a drift window of whole milliseconds from 50 to 5000 and refuses anything else', () => {
    const drift = (windowMs: unknown) => issues({ ...WHEEL_MAPPING_DEFAULT, drift: { ...WHEEL_MAPPING_DEFAULT.drift, windowMs } });
    expect(drift(50)).toEqual([]);
    expect(drift(5000)).toEqual([]);
    for (const bad of [49, 5001, 250.5, '500', null])
      expect(
        drift(bad).some((x) => x.startsWith('value.drift.windowMs:')),
        String(bad),
      ).toBe(true);
    expect(issues({ ...WHEEL_MAPPING_DEFAULT, drift: { threshold: 0.04 } }).some((x) => x.startsWith('value.drift.windowMs:'))).toBe(true);
  });

  it('refuses out-of-range values with their paths under value', () => {
    const bad = {
      ...WHEEL_MAPPING_DEFAULT,
      steer: { ...WHEEL_MAPPING_DEFAULT.steer, axis: -1, deadZone: 0.9 },
      forward: { kind: 'axis', index: 2, rest: 0.5, full: 0.6, threshold: 0.2 },
      select: { kind: 'key', index: 0 },
    };
    const out = issues(bad);
    expect(out.some((x) => x.startsWith('value.steer.axis:'))).toBe(true);
    expect(out.some((x) => x.startsWith('value.steer.deadZone:'))).toBe(true);
    expect(out).toContain('value.forward.full: full must be at least 0.2 away from rest');
    expect(out.some((x) => x.startsWith('value.select'))).toBe(true);
    expect(issues({ ...WHEEL_MAPPING_DEFAULT, extra: 1 }).length).toBeGreaterThan(0);
  });
});
