import type { Box } from './FaceTracker';

/**
 * Drops the detector's "ghost" boxes between two faces. With two faces one above the other (a child in front of an
 * adult, two visitors in two lanes), TinyFaceDetector sometimes also reports a box straddling the chin of one and the
 * forehead of the other, at a lower confidence than both, touching or overlapping each. At full frame rate it is seen often enough to
 * become a track and be counted as a visitor (found by logging the camera worker frame by frame, 2026-11-23: 6-7 counted for 4).
 * Its confidence alone does not tell it apart: real faces small in the detector's input score as low (median 0.4-0.5
 * at 640x480 with 224 input), so the rule is geometric: a box is dropped when two other boxes, both more confident,
 * lie on either side of it (its centre between their centres, within half its size of the line joining them), each
 * near it, and it fills the room between them: the gaps left to the two add up to at most a fifth of its side. A ghost
 * often overlaps one face and stops short of the other: in a 640x480 walk with 96 px faces it overlapped the upper face
 * by 15-34 % of its side and left 11-16 % to the lower one (the room between them was 0.8-1.05 of its side), and was
 * counted as a fifth visitor for 4 while a rule requiring it to touch both faces kept it. Three faces side by side with
 * space between them are all kept. Non-maximum suppression (face-api's, IoU 0.4) keeps the ghost because it overlaps
 * each neighbour only a little, or not at all. Pure TS (worker and Node).
 */
export interface ScoredBox {
  box: Box;
  score: number;
}

/** The gap between two boxes (the larger of the horizontal and vertical gaps; negative when they overlap). */
function gap(a: Box, b: Box): number {
  const gx = Math.max(a.x, b.x) - Math.min(a.x + a.width, b.x + b.width);
  const gy = Math.max(a.y, b.y) - Math.min(a.y + a.height, b.y + b.height);
  return Math.max(gx, gy);
}

const centre = (b: Box): [number, number] => [b.x + b.width / 2, b.y + b.height / 2];

/** Whether point p lies between a and b: it projects inside the segment a-b, within `maxOff` of the line. */
function between(p: [number, number], a: [number, number], b: [number, number], maxOff: number): boolean {
  const ab: [number, number] = [b[0] - a[0], b[1] - a[1]];
  const len2 = ab[0] * ab[0] + ab[1] * ab[1];
  if (len2 === 0) return false;
  const t = ((p[0] - a[0]) * ab[0] + (p[1] - a[1]) * ab[1]) / len2;
  const off = Math.abs((p[0] - a[0]) * ab[1] - (p[1] - a[1]) * ab[0]) / Math.sqrt(len2);
  return t > 0 && t < 1 && off <= maxOff;
}

/** A neighbour is near the box when the gap between them is at most this share of the box's mean side. */
const MAX_GAP = 0.25;
/**
 * The box fills the room between two neighbours when the two gaps add up to at most this share of its mean side
 * (a box touching both within a tenth of its side each, as before, is still dropped).
 */
const MAX_ROOM = 0.2;

export function dropSandwichedBoxes<T extends ScoredBox>(detections: readonly T[]): T[] {
  return detections.filter((d, i) => {
    const side = (d.box.width + d.box.height) / 2;
    const stronger = detections.filter((o, j) => j !== i && o.score > d.score && gap(d.box, o.box) <= MAX_GAP * side);
    const c = centre(d.box);
    const maxOff = side / 2;
    for (let a = 0; a < stronger.length; a++) {
      for (let b = a + 1; b < stronger.length; b++) {
        const room = gap(d.box, stronger[a]!.box) + gap(d.box, stronger[b]!.box);
        if (room <= MAX_ROOM * side && between(c, centre(stronger[a]!.box), centre(stronger[b]!.box), maxOff)) return false;
      }
    }
    return true;
  });
}
