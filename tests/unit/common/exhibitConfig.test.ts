import { describe, expect, it } from 'vitest';
import { EXHIBIT_CONFIG, EXHIBIT_CONFIG_KEYS, isConvexClockwise, SetExhibitConfigRequestSchema } from '../../../common/exhibitConfig';
import { issuesOf } from '../../../common/contract';

const pts = (a: number[][]) => a.map(([x, y]) => ({ x: x!, y: y! }));

describe('exhibit config schemas', () => {
  it('every key has a default that passes its own schema', () => {
    for (const key of EXHIBIT_CONFIG_KEYS) expect(EXHIBIT_CONFIG[key].schema.safeParse(EXHIBIT_CONFIG[key].default).success).toBe(true);
  });

  it('accepts a clockwise convex quadrilateral only', () => {
    expect(
      isConvexClockwise(
        pts([
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
        ]),
      ),
    ).toBe(true);
    expect(
      isConvexClockwise(
        pts([
          [0.1, 0.05],
          [0.9, 0.1],
          [0.95, 0.9],
          [0.05, 0.95],
        ]),
      ),
    ).toBe(true);
    expect(
      isConvexClockwise(
        pts([
          [0, 0],
          [0, 1],
          [1, 1],
          [1, 0],
        ]),
      ),
    ).toBe(false); // anticlockwise
    expect(
      isConvexClockwise(
        pts([
          [0, 0],
          [1, 1],
          [1, 0],
          [0, 1],
        ]),
      ),
    ).toBe(false); // crossed
    expect(
      isConvexClockwise(
        pts([
          [0, 0],
          [1, 0],
          [0.2, 0.2],
          [0, 1],
        ]),
      ),
    ).toBe(false); // dent
    expect(
      isConvexClockwise(
        pts([
          [0, 0],
          [1, 0],
          [2, 0],
          [0, 1],
        ]),
      ),
    ).toBe(false); // three on a line
  });

  it('checks a set request against the schema of its key, with paths under value', () => {
    const ok = SetExhibitConfigRequestSchema.safeParse({ key: 'history.panel', value: EXHIBIT_CONFIG['history.panel'].default });
    expect(ok.success).toBe(true);
    const bad = SetExhibitConfigRequestSchema.safeParse({
      key: 'history.panel',
      value: {
        mode: 'x',
        corners: pts([
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 9],
        ]),
      },
    });
    expect(bad.success).toBe(false);
    const paths = issuesOf(bad.error!).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['value.mode', 'value.corners[3].y']));
    expect(SetExhibitConfigRequestSchema.safeParse({ key: 'wheel.unknown', value: {} }).success).toBe(false);
  });
});
