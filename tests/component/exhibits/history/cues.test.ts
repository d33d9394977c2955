import { describe, expect, it } from 'vitest';
import { cueIndexAt, resumeTimeFor } from '../../../../src/exhibits/history/cues';

const cues = [
  { start: 0.5, end: 2, text: 'a' },
  { start: 2.5, end: 4, text: 'b' },
  { start: 4, end: 6, text: 'c' },
];

describe('cueIndexAt', () => {
  it('is -1 before the first cue, then the last cue that has started (through the gaps)', () => {
    expect(cueIndexAt(cues, 0)).toBe(-1);
    expect(cueIndexAt(cues, 0.5)).toBe(0);
    expect(cueIndexAt(cues, 2.2)).toBe(0);
    expect(cueIndexAt(cues, 2.5)).toBe(1);
    expect(cueIndexAt(cues, 4)).toBe(2);
    expect(cueIndexAt(cues, 100)).toBe(2);
    expect(cueIndexAt([], 3)).toBe(-1);
  });
});

describe('resumeTimeFor', () => {
  it('starts the other language at the cue with the same number, clamped to its cues', () => {
    expect(resumeTimeFor(cues, 1)).toBe(2.5);
    expect(resumeTimeFor(cues, 7)).toBe(4);
    expect(resumeTimeFor(cues, -1)).toBe(0);
  });
});
