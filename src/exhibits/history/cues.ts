import type { Cue } from '../../../common/pack/manifest';

/**
 * The subtitle cue to highlight at `time` seconds: the last cue that has started (so the line stays
 * on screen through the short pauses between cues instead of blinking off), or -1 before the first.
 * Cues are sorted and do not overlap (the manifest schema checks it), so a binary search will do.
 */
export function cueIndexAt(cues: readonly Cue[], time: number): number {
  let lo = 0;
  let hi = cues.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((cues[mid] as Cue).start <= time) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Where to resume in another language's track: the start of its cue with the same number. */
export function resumeTimeFor(cues: readonly Cue[], cueIndex: number): number {
  if (cueIndex < 0 || cues.length === 0) return 0;
  return (cues[Math.min(cueIndex, cues.length - 1)] as Cue).start;
}
