import { describe, expect, it } from 'vitest';
import { dropNestedBoxes } from '../../../../common/smile/dropNestedBoxes';

const box = (x: number, y: number, width: number, height: number, score: number) => ({ box: { x, y, width, height }, score });

describe('dropNestedBoxes', () => {
  it('keeps the more confident of two boxes when one lies mostly inside the other', () => {
    // The boxes a synthetic walk gave for one face coming in at the left edge (IoU 0.34, 92 % of the small one inside).
    const large = box(12, 274, 177, 167, 0.7);
    const small = box(91, 301, 106, 107, 0.6);
    expect(dropNestedBoxes([large, small])).toEqual([large]);
    const surer = { ...small, score: 0.8 };
    expect(dropNestedBoxes([large, surer])).toEqual([surer]);
  });

  it('keeps faces side by side, overlapping a little, and their order', () => {
    const a = box(0, 100, 120, 120, 0.5);
    const b = box(100, 100, 120, 120, 0.9);
    const c = box(400, 100, 120, 120, 0.7);
    expect(dropNestedBoxes([a, b, c])).toEqual([a, b, c]);
    expect(dropNestedBoxes([])).toEqual([]);
  });
});
