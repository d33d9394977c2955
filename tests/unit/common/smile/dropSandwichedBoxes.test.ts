import { describe, expect, it } from 'vitest';
import { dropSandwichedBoxes } from '../../../../common/smile/dropSandwichedBoxes';

// Boxes from the camera worker's log of the fake-camera e2e (frame 36, 320x240): two faces in two lanes and the ghost.
const upper = { box: { x: 196, y: 25, width: 71, height: 65 }, score: 0.65 };
const lower = { box: { x: 207, y: 134, width: 76, height: 67 }, score: 0.65 };
const ghost = { box: { x: 203, y: 84, width: 67, height: 67 }, score: 0.41 };

describe('dropSandwichedBoxes', () => {
  it('drops a weaker box straddling two faces, keeps the faces (in any order)', () => {
    expect(dropSandwichedBoxes([upper, ghost, lower])).toEqual([upper, lower]);
    expect(dropSandwichedBoxes([ghost, lower, upper])).toEqual([lower, upper]);
  });

  it('also drops it when it only touches one face (frame 43 of the same video in the Node loop: a 2 px gap)', () => {
    const up = { box: { x: 77, y: 31, width: 70, height: 60 }, score: 0.73 };
    const down = { box: { x: 75, y: 144, width: 73, height: 63 }, score: 0.68 };
    const between = { box: { x: 76, y: 93, width: 66, height: 60 }, score: 0.56 };
    expect(dropSandwichedBoxes([up, down, between])).toEqual([up, down]);
  });

  it('drops a ghost that overlaps one face and stops short of the other, filling the room between them', () => {
    // Frame 263 of the counting-region e2e walk (640x480, 96 px faces, the VP8 file): the ghost overlaps the upper face
    // by 13 px and leaves 9 px (16 % of its side) to the lower one; kept, it became a fifth visitor for 4.
    const up = { box: { x: 204, y: 146, width: 77, height: 66 }, score: 0.73 };
    const down = { box: { x: 215, y: 265, width: 69, height: 66 }, score: 0.78 };
    const between = { box: { x: 221, y: 199, width: 56, height: 57 }, score: 0.46 };
    expect(dropSandwichedBoxes([up, between, down])).toEqual([up, down]);
    // A box near both faces but with room to spare between them (a third face in the gap) is kept: the lower face 28 px
    // further down, and the box 12 px (21 % of its side) from each.
    const further = { ...down, box: { ...down.box, y: 293 } };
    const middle = { ...between, box: { ...between.box, y: 224 } };
    expect(dropSandwichedBoxes([up, middle, further])).toEqual([up, middle, further]);
  });

  it('keeps the middle box when it is more confident than a neighbour (it may be a face)', () => {
    const strongMiddle = { ...ghost, score: 0.7 };
    expect(dropSandwichedBoxes([upper, strongMiddle, lower])).toHaveLength(3);
  });

  it('keeps a box overlapping only one face (a child in front of an adult)', () => {
    expect(dropSandwichedBoxes([upper, ghost])).toEqual([upper, ghost]);
  });

  it('keeps three faces side by side with some space between them, and a weaker box beside (not between) two faces', () => {
    // Boxes 80 px wide every 100 px: 20 px of space between neighbours.
    const row = [0, 1, 2].map((k) => ({ box: { x: 20 + k * 100, y: 100, width: 80, height: 80 }, score: k === 1 ? 0.4 : 0.8 }));
    expect(dropSandwichedBoxes(row)).toHaveLength(3);
    const a = { box: { x: 100, y: 20, width: 70, height: 70 }, score: 0.9 };
    const b = { box: { x: 100, y: 100, width: 70, height: 70 }, score: 0.9 };
    // Overlaps both (12 % of its area each), but its centre is 50 px off the line joining theirs.
    const beside = { box: { x: 150, y: 60, width: 70, height: 70 }, score: 0.3 };
    expect(dropSandwichedBoxes([a, b, beside])).toHaveLength(3);
    // The same box moved onto the line is dropped.
    expect(dropSandwichedBoxes([a, b, { ...beside, box: { ...beside.box, x: 110 } }])).toHaveLength(2);
  });

  it('handles no and one detection', () => {
    expect(dropSandwichedBoxes([])).toEqual([]);
    expect(dropSandwichedBoxes([ghost])).toEqual([ghost]);
  });
});
