import type { ScoredBox } from './dropSandwichedBoxes';

/**
 * Drops a box that lies mostly inside another box of the same frame, keeping the more confident of the two. As a face
 * comes in at the picture's edge, TinyFaceDetector sometimes reports it twice in one frame: a large box and a smaller
 * one nearly inside it (on a synthetic walk, IoU 0.34, so non-maximum suppression at 0.4 kept both; 92 % of the small
 * box inside the large one). The tracker then kept the large box, started a second track on the small one, which took
 * the face over from the next frame, and counted both tracks: one visitor counted twice. Two people's faces never lie
 * mostly inside each other's box in one frame (one would hide the other). Pure TS (worker and Node).
 */
export const NESTED_SHARE = 0.8;

export function dropNestedBoxes<T extends ScoredBox>(boxes: readonly T[]): T[] {
  const kept: T[] = [];
  for (const b of [...boxes].sort((p, q) => q.score - p.score)) {
    if (!kept.some((k) => nestedShare(k.box, b.box) >= NESTED_SHARE)) kept.push(b);
  }
  return boxes.filter((b) => kept.includes(b));
}

/** The share of the smaller box's area that lies inside the other. */
function nestedShare(a: ScoredBox['box'], b: ScoredBox['box']): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  return (w * h) / Math.min(a.width * a.height, b.width * b.height);
}
