import { describe, expect, it } from 'vitest';
import { placeTools } from '../../../../src/exhibits/history/toolsPlacement';

describe('placeTools', () => {
  it('stays in the centre when nothing is there', () => {
    expect(placeTools(1920, 1080, 760, 260, [{ x: 100, y: 100, r: 40 }]).name).toBe('center');
  });

  it('moves away from rings in the centre, to a spot that covers none', () => {
    const rings = [
      { x: 960, y: 540, r: 60 },
      { x: 800, y: 500, r: 50 },
      { x: 1100, y: 600, r: 50 },
    ];
    const p = placeTools(1920, 1080, 760, 260, rings);
    expect(p.name).not.toBe('center');
    for (const r of rings) {
      const hit = r.x + r.r > p.left && r.x - r.r < p.left + 760 && r.y + r.r > p.top && r.y - r.r < p.top + 260;
      expect(hit).toBe(false);
    }
  });

  it('picks the least covered spot when every spot covers something', () => {
    // A ring under each candidate; the bottom one is the smallest.
    const rings = [
      { x: 960, y: 540, r: 100 },
      { x: 960, y: 150, r: 100 },
      { x: 960, y: 930, r: 10 },
      { x: 400, y: 540, r: 100 },
      { x: 1520, y: 540, r: 100 },
    ];
    expect(placeTools(1920, 1080, 760, 260, rings).name).toBe('bottom');
  });
});
