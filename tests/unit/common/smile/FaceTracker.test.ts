import { describe, expect, it } from 'vitest';
import { FaceTracker, iou, type FrameFace, type VisitorEvent } from '../../../../common/smile/FaceTracker';

const W = 640;
const H = 480;

/** A face of `size` px moving linearly from (x0, y0) to (x1, y1) over frames [from, to). */
function walker(from: number, to: number, x0: number, y0: number, x1: number, y1: number, size = 80, smile = 0.9) {
  return (frame: number): FrameFace | null => {
    if (frame < from || frame >= to) return null;
    const t = (frame - from) / Math.max(1, to - from - 1);
    return { box: { x: x0 + (x1 - x0) * t, y: y0 + (y1 - y0) * t, width: size, height: size }, smileScore: smile };
  };
}

function run(
  tracker: FaceTracker,
  frames: number,
  people: Array<(f: number) => FrameFace | null>,
  drop: (frame: number, person: number) => boolean = () => false,
) {
  const events: VisitorEvent[] = [];
  for (let f = 0; f < frames; f++) {
    const faces = people.flatMap((p, i) => {
      const face = p(f);
      return face && !drop(f, i) ? [face] : [];
    });
    events.push(...tracker.update(faces, W, H));
  }
  events.push(...tracker.flush(W, H));
  return events;
}

describe('FaceTracker', () => {
  it('counts two people crossing paths as two visitors and keeps their identities through the crossing', () => {
    // Decide at the end of each track, so the scores span the crossing.
    const tracker = new FaceTracker({ minFrames: 5, decideAfterSamples: 1000 });
    // One smiles and walks left->right, the other does not and walks right->left at the same height.
    const a = walker(0, 60, 0, 200, 560, 200, 80, 0.9);
    const b = walker(0, 60, 560, 210, 0, 210, 80, 0.1);
    const events = run(tracker, 60, [a, b]);
    expect(events).toHaveLength(2);
    expect(tracker.visitors).toBe(2);
    expect(tracker.smilingVisitors).toBe(1);
    // Identity kept: if tracks had swapped at the crossing, each would average both people's scores.
    const scores = events.map((e) => e.smileScore).sort();
    expect(scores[0]).toBeCloseTo(0.1, 6);
    expect(scores[1]).toBeCloseTo(0.9, 6);
    expect(events.map((e) => e.frames)).toEqual([60, 60]);
    // And with a direction only the left->right walker counts, with its own score.
    const entering = new FaceTracker({ minFrames: 5, decideAfterSamples: 1000, direction: { axis: 'x', sign: 1, minTravel: 0.5 } });
    const entered = run(entering, 60, [a, b]);
    expect(entered).toHaveLength(1);
    expect(entered[0]!.smileScore).toBeCloseTo(0.9, 6);
  });

  it('keeps a face lost for a few frames as the same visitor', () => {
    const tracker = new FaceTracker({ minFrames: 5, maxMissedFrames: 8, decideAfterSamples: 1000 });
    const events = run(tracker, 80, [walker(0, 80, 50, 200, 500, 200)], (f) => f >= 30 && f < 36);
    expect(events).toHaveLength(1);
    expect(events[0]!.frames).toBe(74);
  });

  it('splits into two visitors when the face is gone for longer than maxMissedFrames', () => {
    const tracker = new FaceTracker({ minFrames: 5, maxMissedFrames: 3 });
    // Standing still, absent for 10 frames: a new person could have stepped in.
    const events = run(tracker, 60, [walker(0, 60, 300, 200, 300, 200)], (f) => f >= 20 && f < 30);
    expect(events).toHaveLength(2);
  });

  it('counts a person standing for minutes once', () => {
    const tracker = new FaceTracker({ minFrames: 5, decideAfterSamples: 15 });
    const frames = 20 * 60 * 3; // three minutes at 20 fps, with a little jitter
    const jitter = (f: number): FrameFace => ({
      box: { x: 300 + Math.sin(f / 7) * 6, y: 200 + Math.cos(f / 11) * 4, width: 90, height: 90 },
      smileScore: 0.8,
    });
    const events = run(tracker, frames, [jitter], (f) => f % 97 === 0);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ smiling: true, frames: 15, frame: 15 });
    expect(tracker.visitors).toBe(1);
  });

  it('ignores faces smaller than the minimum size and counts larger ones', () => {
    const tracker = new FaceTracker({ minFrames: 5, minFaceSize: 0.1 }); // 48 px on a 480 px frame
    const small = walker(0, 40, 0, 100, 500, 100, 30);
    const large = walker(0, 40, 500, 300, 0, 300, 60);
    const events = run(tracker, 40, [small, large]);
    expect(events).toHaveLength(1);
    expect(tracker.visitors).toBe(1);
  });

  it('does not count a track shorter than minFrames', () => {
    const tracker = new FaceTracker({ minFrames: 8 });
    expect(run(tracker, 7, [walker(0, 7, 100, 100, 140, 100)])).toHaveLength(0);
    expect(run(new FaceTracker({ minFrames: 8 }), 8, [walker(0, 8, 100, 100, 140, 100)])).toHaveLength(1);
  });

  it('counts only faces inside the region of interest', () => {
    const tracker = new FaceTracker({ minFrames: 5, roi: { x: 0.5, y: 0, width: 0.5, height: 1 } });
    const left = walker(0, 30, 50, 200, 150, 200); // centre stays in the left half
    const right = walker(0, 30, 400, 200, 500, 200);
    const events = run(tracker, 30, [left, right]);
    expect(events).toHaveLength(1);
    expect(tracker.visitors).toBe(1);
  });

  it('with a direction, counts only the people moving that way far enough', () => {
    const direction = { axis: 'x' as const, sign: 1 as const, minTravel: 0.3 };
    const tracker = new FaceTracker({ minFrames: 5, direction });
    const entering = walker(0, 50, 20, 100, 500, 100); // left->right, 75% of the width
    const leaving = walker(0, 50, 500, 300, 20, 300); // right->left
    const lingering = walker(0, 50, 250, 200, 300, 200); // left->right but only 8%
    const events = run(tracker, 50, [entering, leaving, lingering]);
    expect(events).toHaveLength(1);
    const downward = new FaceTracker({ minFrames: 5, direction: { axis: 'y', sign: 1, minTravel: 0.3 } });
    expect(run(downward, 50, [walker(0, 50, 300, 0, 300, 380), walker(0, 50, 100, 380, 100, 0)])).toHaveLength(1);
  });

  it('decides the smile from a trimmed mean, so a few outlier frames do not flip it', () => {
    const tracker = new FaceTracker({
      minFrames: 3,
      decideAfterSamples: 20,
      smile: { aggregation: 'trimmedMean', trim: 0.2, threshold: 0.5 },
    });
    const scores = [0.9, 0.85, 0.05, 0.8, 0.9, 0.02, 0.88, 0.9, 0.87, 0.9, 0.86, 0.9, 0.1, 0.9, 0.89, 0.9, 0.88, 0.9, 0.87, 0.9];
    const events = run(tracker, scores.length, [(f) => ({ box: { x: 200, y: 200, width: 80, height: 80 }, smileScore: scores[f]! })]);
    expect(events).toHaveLength(1);
    expect(events[0]!.smiling).toBe(true);
    expect(events[0]!.smileScore).toBeGreaterThan(0.85);
  });

  it("asks for smile scores only while a face's smile is undecided", () => {
    const tracker = new FaceTracker({ minFrames: 3, decideAfterSamples: 4, minFaceSize: 0.1 });
    const box = (x: number) => ({ x, y: 200, width: 80, height: 80 });
    for (let f = 0; f < 3; f++) {
      expect(tracker.wantsScores([box(100 + f * 5)], W, H)).toEqual([true]);
      expect(tracker.update([{ box: box(100 + f * 5), smileScore: 0.9 }], W, H)).toEqual([]);
    }
    expect(tracker.update([{ box: box(115), smileScore: 0.9 }], W, H)).toHaveLength(1);
    // Decided: the same person needs no more scores; a newcomer does; a tiny face is ignored altogether.
    expect(tracker.wantsScores([box(120), box(400), { x: 10, y: 10, width: 20, height: 20 }], W, H)).toEqual([false, true, false]);
    // Asking does not change the state: the next update links the same way and counts nobody twice.
    expect(tracker.update([{ box: box(120), smileScore: Number.NaN }], W, H)).toEqual([]);
    expect(tracker.activeTracks).toHaveLength(1);
  });

  it('tells which tracks no box of the frame would be linked to, and where each is expected, without changing its state', () => {
    const tracker = new FaceTracker({ minFrames: 5, minFaceSize: 0.1 });
    const a = (x: number) => ({ x, y: 100, width: 80, height: 80 });
    const b = (x: number) => ({ x, y: 300, width: 80, height: 80 });
    tracker.update([{ box: a(100) }, { box: b(400) }], W, H);
    tracker.update([{ box: a(110) }, { box: b(390) }], W, H);
    // a moves +10 px a frame (velocity smoothed to +5 after one step), b -10 (smoothed to -5).
    expect(tracker.missingTracks([a(120)], W, H)).toEqual([
      { id: 2, predicted: { x: 385, y: 300, width: 80, height: 80 }, seen: 2, missed: 0, counted: false, scores: 0, overlap: 0 },
    ]);
    expect(tracker.missingTracks([a(120), b(380)], W, H)).toEqual([]);
    // Asking changed nothing: b, lost in this frame, is expected further on in the next.
    tracker.update([{ box: a(120) }], W, H);
    expect(tracker.missingTracks([a(130)], W, H)).toMatchObject([{ id: 2, predicted: { x: 380 }, missed: 1 }]);
  });

  it("tells how much a missing track's expected box overlaps another track's (two tracks on one face)", () => {
    const tracker = new FaceTracker({ minFrames: 5, minFaceSize: 0.1 });
    // Two boxes on one face, 40 px apart (IoU 1/3), so the detector's next box links to one track only.
    tracker.update([{ box: { x: 100, y: 100, width: 80, height: 80 } }, { box: { x: 140, y: 100, width: 80, height: 80 } }], W, H);
    const missing = tracker.missingTracks([{ x: 100, y: 100, width: 80, height: 80 }], W, H);
    expect(missing.map((t) => t.id)).toEqual([2]);
    expect(missing[0]!.overlap).toBeCloseTo(1 / 3, 9);
  });

  it('links a frame once: updating with those links does what updating without them does, frame by frame', () => {
    const people = [walker(0, 40, 0, 100, 500, 100), walker(5, 45, 560, 110, 40, 110, 80, 0.1), walker(10, 30, 200, 300, 260, 300)];
    const plain = new FaceTracker({ minFrames: 5, decideAfterSamples: 8 });
    const linked = new FaceTracker({ minFrames: 5, decideAfterSamples: 8 });
    for (let f = 0; f < 50; f++) {
      // Person 1 is missed every third frame, so tracks are left without a box now and then.
      const faces = people.flatMap((p, i) => (p(f) && !(i === 1 && f % 3 === 0) ? [p(f)!] : []));
      const links = linked.link(
        faces.map((x) => x.box),
        W,
        H,
      );
      expect(linked.update(faces, W, H, links), `frame ${f}`).toEqual(plain.update(faces, W, H));
      expect(linked.activeTracks).toEqual(plain.activeTracks);
    }
    expect(linked.visitors).toBe(3);
  });

  it('links a box found for a track to that track, even where the association would give it to another', () => {
    const tracker = new FaceTracker({ minFrames: 5, minFaceSize: 0.1, maxCentroidDistance: 2 });
    const at = (x: number) => ({ x, y: 200, width: 80, height: 80 });
    tracker.update([{ box: at(100) }, { box: at(300) }], W, H);
    // Neither face found in this frame; a look for track 2 found a box between the two, nearer track 1's.
    const links = tracker.link([], W, H);
    expect(tracker.missing(links).map((t) => t.id)).toEqual([1, 2]);
    expect(tracker.linkTo(links, 2, at(180))).toBe(true);
    expect(tracker.missing(links).map((t) => t.id)).toEqual([1]);
    expect(tracker.scoresSoFar(links)).toEqual([0]);
    tracker.update([{ box: at(180) }], W, H, links);
    expect(tracker.activeTracks.map((t) => [t.id, t.box.x])).toEqual([
      [1, 100],
      [2, 180],
    ]);
    // Associated afresh, the same box would have gone to track 1.
    const fresh = new FaceTracker({ minFrames: 5, minFaceSize: 0.1, maxCentroidDistance: 2 });
    fresh.update([{ box: at(100) }, { box: at(300) }], W, H);
    fresh.update([{ box: at(180) }], W, H);
    expect(fresh.activeTracks.map((t) => [t.id, t.box.x])).toEqual([
      [1, 180],
      [2, 300],
    ]);
  });

  it('adds a box for a track already linked, an unknown track or a face too small as ignored', () => {
    const tracker = new FaceTracker({ minFrames: 5, minFaceSize: 0.1 });
    const at = (x: number, size = 80) => ({ x, y: 200, width: size, height: size });
    tracker.update([{ box: at(100) }], W, H);
    const links = tracker.link([at(105)], W, H);
    expect(tracker.linkTo(links, 1, at(300)), 'track 1 already has a box').toBe(false);
    expect(tracker.linkTo(links, 9, at(300)), 'no track 9').toBe(false);
    expect(links.trackOf).toEqual([0, null, null]);
    tracker.update([{ box: at(105) }, { box: at(300) }, { box: at(300) }], W, H, links);
    expect(tracker.activeTracks).toHaveLength(1);
    const next = tracker.link([], W, H);
    expect(tracker.linkTo(next, 1, at(110, 20)), 'a face below minFaceSize').toBe(false);
    expect(next.trackOf).toEqual([null]);
  });

  it('refuses links made for another frame, for other boxes or for another frame size', () => {
    const tracker = new FaceTracker({ minFaceSize: 0.1 });
    const face = { box: { x: 100, y: 200, width: 80, height: 80 } };
    const links = tracker.link([face.box], W, H);
    tracker.update([face], W, H);
    expect(() => tracker.update([face], W, H, links)).toThrow(/links for frame 0 with 1 boxes given to frame 1 with 1/);
    expect(() => tracker.update([face, face], W, H, tracker.link([face.box], W, H))).toThrow(/given to frame 1 with 2/);
    expect(() => tracker.update([face], W / 2, H / 2, tracker.link([face.box], W, H))).toThrow(
      `links for a ${W}x${H} frame given to a ${W / 2}x${H / 2} frame`,
    );
    // Refused links change nothing: the right ones still go in.
    expect(() => tracker.update([face], W, H, tracker.link([face.box], W, H))).not.toThrow();
  });

  it('rejects nonsense options', () => {
    expect(() => new FaceTracker({ minFrames: 0 })).toThrow(/minFrames/);
  });

  it('computes IoU', () => {
    expect(iou({ x: 0, y: 0, width: 10, height: 10 }, { x: 5, y: 0, width: 10, height: 10 })).toBeCloseTo(50 / 150);
    expect(iou({ x: 0, y: 0, width: 10, height: 10 }, { x: 20, y: 0, width: 10, height: 10 })).toBe(0);
  });
});

describe('FaceTracker at the edge of the picture', () => {
  it('does not hand a visitor walking out to someone walking in there the other way, a lane lower', () => {
    // Boxes as the detector gave them on a synthetic walk (640x480): A walks right and is lost as it leaves (its box
    // already partly out), and three frames later B comes in at the same edge, in the next lane down, walking left.
    const a = walker(128, 140, 159, 160, 467, 160, 175, 0.9);
    const b = walker(143, 160, 508, 322, 0, 315, 145, 0.1);
    const tracker = new FaceTracker({ minFrames: 5, decideAfterSamples: 1000 });
    const events = run(tracker, 160, [a, b]);
    expect(events).toHaveLength(2);
    const scores = events.map((e) => e.smileScore).sort();
    expect(scores[0]).toBeCloseTo(0.1, 6);
    expect(scores[1]).toBeCloseTo(0.9, 6);
  });

  it('ends the track of a face that walked out at the edge, so one coming in there the other way is a new visitor', () => {
    // A walks left and out; as it leaves, the detector's box hugs the edge (clipped), which slows the track's
    // velocity. Six frames later B comes in at the same edge in the same lane, walking right, where A's track would be.
    const a = (f: number): FrameFace | null => {
      if (f >= 22) return null;
      const x = f < 20 ? 400 - 20 * f : f === 20 ? -8 : -14;
      return { box: { x, y: 250, width: 220, height: 210 }, smileScore: 0.9 };
    };
    const b = (f: number): FrameFace | null =>
      f < 28 || f >= 50 ? null : { box: { x: -100 + 20 * (f - 28), y: 255, width: 150, height: 150 }, smileScore: 0.1 };
    const tracker = new FaceTracker({ minFrames: 5, decideAfterSamples: 1000 });
    const events = run(tracker, 60, [a, b]);
    expect(events).toHaveLength(2);
    const scores = events.map((e) => e.smileScore).sort();
    expect(scores[0]).toBeCloseTo(0.1, 6);
    expect(scores[1]).toBeCloseTo(0.9, 6);
  });
});

describe('FaceTracker requireScore', () => {
  it('does not count a track that never got a smile score (a face only ever seen cut by the edge)', () => {
    const edgeOnly = (f: number): FrameFace => ({ box: { x: 0, y: 100 + f, width: 60, height: 60 }, smileScore: Number.NaN });
    const scored = (f: number): FrameFace => ({ box: { x: 300 + f * 5, y: 300, width: 60, height: 60 }, smileScore: 0.9 });
    const strict = new FaceTracker({ minFrames: 3, requireScore: true });
    const loose = new FaceTracker({ minFrames: 3 });
    for (let f = 0; f < 8; f++) {
      strict.update([edgeOnly(f), scored(f)], 640, 480);
      loose.update([edgeOnly(f), scored(f)], 640, 480);
    }
    strict.flush(640, 480);
    loose.flush(640, 480);
    expect([strict.visitors, strict.smilingVisitors]).toEqual([1, 1]);
    expect([loose.visitors, loose.smilingVisitors]).toEqual([2, 1]);
  });
});
