import { describe, expect, it } from 'vitest';
import {
  NarratorDirector,
  type DirectorClip,
  type NarratorCount,
  type NarratorPlay,
} from '../../../../src/exhibits/narrator/narratorDirector';

const CLIPS: DirectorClip[] = [
  { id: 'welcome', attract: true },
  { id: 'river', attract: false },
  { id: 'wharf', attract: false },
  { id: 'cranes', attract: false },
];

function setup(options: { attractLoop?: boolean; clips?: DirectorClip[] } = {}) {
  let now = 0;
  const plays: NarratorPlay[] = [];
  const counts: NarratorCount[] = [];
  const director = new NarratorDirector({
    clips: options.clips ?? CLIPS,
    attractLoop: options.attractLoop ?? false,
    enterMs: 2000,
    leaveMs: 5000,
    now: () => now,
    onPlay: (p) => plays.push(p),
    onCount: (c) => counts.push(c),
  });
  /** `seconds` of frames at 4 per second, each with `faces` faces. */
  const frames = (seconds: number, faces: number) => {
    for (let i = 0; i < seconds * 4; i++) {
      now += 250;
      director.faces(faces);
    }
  };
  const ids = () => plays.map((p) => (p ? `${p.kind}:${p.clipId}` : 'none'));
  return { director, plays, counts, frames, ids, advance: (ms: number) => (now += ms) };
}

describe("the narrator's presence and clips", () => {
  it('starts a visitor clip only after a face has been seen for the entry time', () => {
    const t = setup();
    t.director.start();
    t.frames(1.5, 1);
    expect(t.director.phase).toBe('arriving');
    expect(t.director.current).toBeNull();
    expect(t.counts).toEqual([]);
    t.frames(0.75, 1);
    expect(t.director.phase).toBe('present');
    expect(t.director.current).toEqual({ kind: 'visitor', clipId: 'river' });
    expect(t.counts).toEqual(['narrator.clip_started']);
  });

  it('does not start for someone passing by: a sighting shorter than the entry time, then nobody', () => {
    const t = setup();
    t.frames(1.5, 1);
    t.frames(2, 0);
    expect(t.director.phase).toBe('empty');
    t.frames(1.5, 1);
    expect(t.director.phase).toBe('arriving');
    expect(t.director.current).toBeNull();
    expect(t.counts).toEqual([]);
  });

  it('rides over a short miss of the detector while arriving', () => {
    const t = setup();
    t.frames(1, 1);
    t.frames(0.5, 0); // two missed frames, under the 1 s gap
    t.frames(1, 1);
    expect(t.director.current).toEqual({ kind: 'visitor', clipId: 'river' });
  });

  it('stops after no face for the leave time, without counting the cut clip as completed', () => {
    const t = setup();
    t.frames(2.5, 1);
    t.frames(4.5, 0);
    expect(t.director.phase).toBe('present');
    expect(t.director.current).toEqual({ kind: 'visitor', clipId: 'river' });
    t.frames(0.5, 0);
    expect(t.director.phase).toBe('empty');
    expect(t.director.current).toBeNull();
    expect(t.counts).toEqual(['narrator.clip_started']);
  });

  it('also sees the visitor leave when no frame arrives at all (camera lost): tick() alone', () => {
    const t = setup();
    t.frames(2.5, 1);
    t.advance(5000);
    t.director.tick();
    expect(t.director.phase).toBe('empty');
  });

  it('plays each visitor clip at most once in one stay, then falls silent until the visitor leaves', () => {
    const t = setup();
    t.frames(2.5, 1);
    t.director.clipEnded('river');
    t.frames(1, 1);
    t.director.clipEnded('wharf');
    t.director.clipEnded('cranes');
    expect(t.ids()).toEqual(['visitor:river', 'visitor:wharf', 'visitor:cranes', 'none']);
    t.frames(30, 1); // the visitor stays: nothing is repeated
    expect(t.director.current).toBeNull();
    expect(t.counts.filter((c) => c === 'narrator.clip_started')).toHaveLength(3);
    expect(t.counts.filter((c) => c === 'narrator.clip_completed')).toHaveLength(3);
    expect(t.plays).toHaveLength(4);
  });

  it('starts the next stay at the next clip, so the next visitor hears something else first', () => {
    const t = setup();
    t.frames(2.5, 1);
    t.frames(6, 0);
    t.frames(2.5, 1);
    expect(t.director.current).toEqual({ kind: 'visitor', clipId: 'wharf' });
  });

  it('ignores the end of a clip that is no longer playing (a stale ended event)', () => {
    const t = setup();
    t.frames(2.5, 1);
    t.frames(6, 0);
    t.director.clipEnded('river');
    expect(t.counts).toEqual(['narrator.clip_started']);
    expect(t.director.current).toBeNull();
  });

  it('loops the attract clips while nobody is there when the pack asks for it, and never counts them', () => {
    const clips: DirectorClip[] = [
      { id: 'welcome', attract: true },
      { id: 'hello', attract: true },
      { id: 'river', attract: false },
    ];
    const t = setup({ attractLoop: true, clips });
    t.director.start();
    t.director.clipEnded('welcome');
    t.director.clipEnded('hello');
    expect(t.ids()).toEqual(['attract:welcome', 'attract:hello', 'attract:welcome']);
    t.frames(1, 1); // arriving: the attract loop goes on
    expect(t.director.current).toEqual({ kind: 'attract', clipId: 'welcome' });
    t.frames(1.5, 1);
    expect(t.director.current).toEqual({ kind: 'visitor', clipId: 'river' });
    t.frames(5.5, 0);
    expect(t.director.current?.kind).toBe('attract');
    expect(t.counts).toEqual(['narrator.clip_started']);
  });

  it('plays no attract clip when the pack does not ask for the loop', () => {
    const t = setup({ attractLoop: false });
    t.director.start();
    expect(t.director.current).toBeNull();
    t.frames(2.5, 1);
    t.frames(6, 0);
    expect(t.director.current).toBeNull();
  });

  describe("a guide's lesson step", () => {
    it('plays the asked clip at once with nobody seen, and is not cut off while nobody is seen', () => {
      const t = setup({ attractLoop: true });
      t.director.start();
      expect(t.director.playGuided('wharf')).toBe(true);
      expect(t.director.current).toEqual({ kind: 'guided', clipId: 'wharf' });
      expect(t.director.phase).toBe('present');
      t.frames(30, 0); // the group stands outside the camera's view for longer than the leave time
      expect(t.director.current).toEqual({ kind: 'guided', clipId: 'wharf' });
      expect(t.counts).toEqual(['narrator.clip_started']);
    });

    it('stays quiet after the clip while the group is seen, then goes back to the attract loop when it leaves', () => {
      const t = setup({ attractLoop: true });
      t.director.start();
      t.director.playGuided('river');
      t.frames(3, 2);
      t.director.clipEnded('river');
      expect(t.counts).toEqual(['narrator.clip_started', 'narrator.clip_completed']);
      expect(t.director.current).toBeNull();
      t.frames(20, 2); // still there: no other clip starts on its own (the guide goes on talking)
      expect(t.director.current).toBeNull();
      expect(t.director.phase).toBe('present');
      t.frames(6, 0);
      expect(t.director.phase).toBe('empty');
      expect(t.director.current).toEqual({ kind: 'attract', clipId: 'welcome' });
      expect(t.ids()).toEqual(['attract:welcome', 'guided:river', 'none', 'none', 'attract:welcome']);
    });

    it('asked again, starts the clip again; an unknown clip changes nothing', () => {
      const t = setup();
      t.director.playGuided('cranes');
      expect(t.director.playGuided('nope')).toBe(false);
      t.director.playGuided('cranes');
      expect(t.plays.filter((p) => p?.kind === 'guided')).toHaveLength(2);
      expect(t.plays[0]).not.toBe(t.plays[1]); // a new play object: the view restarts the narration
      expect(t.counts).toEqual(['narrator.clip_started', 'narrator.clip_started']);
    });

    it('takes over from a visitor clip, and the stay then never repeats the guided clip', () => {
      const t = setup();
      t.frames(2.25, 1);
      expect(t.director.current).toEqual({ kind: 'visitor', clipId: 'river' });
      t.director.playGuided('wharf');
      t.director.clipFailed('wharf');
      expect(t.director.current).toBeNull();
      t.frames(3, 1);
      expect(t.director.current).toBeNull();
      expect(t.counts).toEqual(['narrator.clip_started', 'narrator.clip_started']);
    });
  });
});
