import { describe, expect, it } from 'vitest';
import type { TurnedWindow } from '../../../../common/smile/detectionWindow';
import type { Box, MissingTrack } from '../../../../common/smile/FaceTracker';
import { SecondLook, type Detection, type TurnedDetector } from '../../../../common/smile/SecondLook';

type Frame = Parameters<SecondLook['look']>[1];
const frame = { shape: [480, 640, 3] } as unknown as Frame;

const box = (x: number, y: number, size = 100): Box => ({ x, y, width: size, height: size });
const track = (id: number, predicted: Box, seen: number, extra: Partial<MissingTrack> = {}): MissingTrack => ({
  id,
  predicted,
  seen,
  missed: 0,
  counted: false,
  scores: 0,
  overlap: 0,
  ...extra,
});

/** A detector double that records its windows and finds `answer(window)`. */
function detector(answer: (view: TurnedWindow) => Detection[]) {
  const views: TurnedWindow[] = [];
  const d: TurnedDetector = {
    detectTurned: async (_: Frame, view: TurnedWindow) => {
      views.push(view);
      return answer(view);
    },
  };
  return { d, views };
}

const degrees = (v: TurnedWindow) => Math.round((v.angle * 180) / Math.PI);

describe('SecondLook', () => {
  it('looks only for lost tracks not yet counted, seen in fewer than minFrames frames, inside the frame and clear of other tracks, the one seen most first', () => {
    const look = new SecondLook({ maxPerFrame: 1 });
    const missing = [
      track(1, box(100, 100), 2),
      track(2, box(300, 100), 4),
      track(3, box(500, 100), 4, { counted: true }),
      track(4, box(200, 300), 5),
      track(5, box(650, 300), 4), // expected beyond the right edge: walked out
      track(6, box(400, 300), 4, { overlap: 0.4 }), // another track is expected on the same face
    ];
    expect(look.choose(missing, 5, 640, 480).map((t) => t.id)).toEqual([2]);
    expect(new SecondLook({ maxPerFrame: 3 }).choose(missing, 5, 640, 480).map((t) => t.id)).toEqual([2, 1]);
    expect(new SecondLook({ maxPerFrame: 0 }).choose(missing, 5, 640, 480)).toEqual([]);
  });

  it('looks in a square window of `scale` times the expected box about its centre', () => {
    const look = new SecondLook({ scale: 2.5 });
    expect(look.windowFor(track(1, { x: 100, y: 50, width: 80, height: 100 }, 2))).toEqual({ cx: 140, cy: 100, side: 250, angle: 0 });
  });

  it('takes the box found nearest the expected centre, of a plausible size, that is no face the frame already has', () => {
    const look = new SecondLook();
    const t = track(1, box(200, 200), 3);
    const near = { box: box(240, 200), score: 0.3 };
    const nearer = { box: box(205, 195, 90), score: 0.25 };
    const tiny = { box: box(240, 240, 30), score: 0.9 };
    const far = { box: box(300, 200), score: 0.9 };
    expect(look.pick([far, near, tiny, nearer], t, [])).toBe(nearer);
    expect(look.pick([far, tiny], t, [])).toBeNull();
    // The nearer box is a neighbour's face the frame's own detection already found.
    expect(look.pick([near, nearer], t, [{ box: box(190, 195, 90), score: 0.8 }])).toBe(near);
  });

  it('turns the window through its angles until the face is found, then keeps that angle for the track', async () => {
    const face = { box: box(200, 200), score: 0.4 };
    // The face is tilted: only a window turned by -12 degrees finds it.
    const { d, views } = detector((v) => (degrees(v) === -12 ? [face] : []));
    const look = new SecondLook({ angles: [0, 12, -12] });
    const t = track(7, box(200, 200), 2);
    const found: Detection[][] = [];
    for (let i = 0; i < 5; i++) found.push(await look.look(d, frame, [t], [], 5, new Set([7])));
    expect(views.map(degrees)).toEqual([0, 12, -12, -12, -12]);
    expect(found.map((f) => f.length)).toEqual([0, 0, 1, 1, 1]);
    expect(look.looksTaken).toBe(5);
  });

  it("forgets a track's angle when the track has ended (bounded memory in a kiosk that runs all day)", async () => {
    const { d, views } = detector(() => []);
    const look = new SecondLook({ angles: [0, 12, -12] });
    await look.look(d, frame, [track(1, box(200, 200), 2)], [], 5, new Set([1]));
    await look.look(d, frame, [track(1, box(200, 200), 2)], [], 5, new Set([1]));
    // Track 1 has ended; a new track 1 (ids are not reused by the tracker, but the memory must not grow) starts at 0.
    await look.look(d, frame, [track(1, box(200, 200), 2)], [], 5, new Set([2]));
    expect(views.map(degrees)).toEqual([0, 12, 0]);
  });

  it('takes no look when no track qualifies (the frame costs nothing more)', async () => {
    const { d, views } = detector(() => []);
    const look = new SecondLook();
    expect(await look.look(d, frame, [track(1, box(200, 200), 5)], [], 5, new Set([1]))).toEqual([]);
    expect(views).toEqual([]);
  });

  it('rejects options it cannot work with', () => {
    expect(() => new SecondLook({ inputSize: 100 })).toThrow();
    expect(() => new SecondLook({ angles: [] })).toThrow();
    expect(() => new SecondLook({ scale: 0.5 })).toThrow();
  });
});
