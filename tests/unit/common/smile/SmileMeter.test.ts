import { describe, expect, it } from 'vitest';
import type { FaceAnalyzer, FaceBox, FaceObservation } from '../../../../common/smile/faceAnalyzer';
import { FaceTracker } from '../../../../common/smile/FaceTracker';
import type { TurnedWindow } from '../../../../common/smile/detectionWindow';
import { SecondLook } from '../../../../common/smile/SecondLook';
import { SmileMeter } from '../../../../common/smile/SmileMeter';
import { happyScorer } from '../../../../common/smile/smileScorer';

type Frame = Parameters<SmileMeter['processFrame']>[0];
const frame = { shape: [480, 640, 3] } as unknown as Frame;

/** A smiling observation for each box the meter asks `describe` for (the analyzer doubles' describe). */
const smilingFaces = (kept: ReadonlyArray<{ box: FaceBox; score: number }>): FaceObservation[] =>
  kept.map((k) => ({
    box: k.box,
    detectionScore: k.score,
    expressions: [0, 0.9, 0, 0, 0, 0, 0.1],
    bottleneck: new Float32Array(0),
    landmarks: null,
  }));

/**
 * An analyzer double: `detect` returns the same three well-separated faces every frame (three visitors standing in
 * view), `describe` records which boxes it was asked for and returns a smiling observation for each.
 */
function standingCrowd() {
  const boxes: FaceBox[] = [0, 1, 2].map((i) => ({ x: 40 + i * 200, y: 150, width: 120, height: 120 }));
  const asked: number[][] = [];
  const analyzer = {
    detect: async () => boxes.map((box) => ({ box, score: 0.9 })),
    describe: async (_: Frame, kept: ReadonlyArray<{ box: FaceBox; score: number }>): Promise<FaceObservation[]> => {
      asked.push(kept.map((k) => boxes.indexOf(k.box)));
      return smilingFaces(kept);
    },
  } as unknown as FaceAnalyzer;
  return { analyzer, asked };
}

describe('SmileMeter', () => {
  it('describes every undecided face when uncapped', async () => {
    const { analyzer, asked } = standingCrowd();
    const meter = new SmileMeter(analyzer, happyScorer, new FaceTracker({ minFrames: 2, decideAfterSamples: 4 }));
    meter.maxDescribedPerFrame = Number.POSITIVE_INFINITY;
    await meter.processFrame(frame);
    expect(asked).toEqual([[0, 1, 2]]);
    expect(meter.lastStageTimes.described).toBe(3);
  });

  it('with a cap of one face per frame, takes the faces in turn so every visitor gets its samples and is counted', async () => {
    const { analyzer, asked } = standingCrowd();
    const meter = new SmileMeter(analyzer, happyScorer, new FaceTracker({ minFrames: 2, decideAfterSamples: 4 }));
    expect(meter.maxDescribedPerFrame, "the kiosk's default").toBe(1);
    const events = [];
    for (let i = 0; i < 12; i++) events.push(...(await meter.processFrame(frame)));
    expect(asked.every((a) => a.length === 1)).toBe(true);
    expect(
      asked
        .slice(0, 3)
        .map((a) => a[0])
        .sort(),
    ).toEqual([0, 1, 2]);
    // 4 samples each in 12 frames: all three decided (smiling), then nobody is described again.
    expect(events.map((e) => e.smiling)).toEqual([true, true, true]);
    expect(meter.facesDescribed).toBe(12);
    await meter.processFrame(frame);
    expect(asked[12], 'decided visitors are not described again').toEqual([]);
  });

  it('with a cap of one face per frame, describes the face with the fewest scores first, whatever the order of the boxes', async () => {
    // The detector's order of the boxes flips every frame: turns by position alone would pick the same face each time.
    const { analyzer, asked } = standingCrowd();
    const boxes = await (analyzer.detect as () => Promise<Array<{ box: FaceBox; score: number }>>)();
    let n = 0;
    (analyzer as unknown as { detect: () => Promise<unknown> }).detect = async () =>
      n++ % 2 === 0 ? boxes.slice(0, 2) : [boxes[1]!, boxes[0]!];
    const meter = new SmileMeter(analyzer, happyScorer, new FaceTracker({ minFrames: 2, decideAfterSamples: 100 }));
    for (let i = 0; i < 8; i++) await meter.processFrame(frame);
    expect(asked.flat().filter((b) => b === 0)).toHaveLength(4);
    expect(asked.flat().filter((b) => b === 1)).toHaveLength(4);
  });

  it('with a region, the detector sees the region plus its margin, grown around a tracked face cut by its edge', async () => {
    // A large face at the top edge of the region: its first box is cut by the window (partial), the next window covers it.
    const big: FaceBox = { x: 250, y: 60, width: 140, height: 120 };
    const views: Array<{ window: { x: number; y: number; width: number; height: number }; inputSize: number } | undefined> = [];
    const analyzer = {
      detect: async (_: Frame, view?: { window: { x: number; y: number; width: number; height: number }; inputSize: number }) => {
        views.push(view);
        return [{ box: big, score: 0.9 }];
      },
      describe: async (_: Frame, kept: ReadonlyArray<{ box: FaceBox; score: number }>) => smilingFaces(kept),
    } as unknown as FaceAnalyzer;
    const roi = { x: 0.25, y: 0.25, width: 0.5, height: 0.5 };
    const meter = new SmileMeter(analyzer, happyScorer, new FaceTracker({ roi, minFrames: 2, decideAfterSamples: 2 }), {
      roi,
      minFaceSize: 0.1,
      minInputSize: 224,
      maxInputSize: 320,
      margin: 0.1,
    });
    const first = await meter.processFrame(frame);
    // Region (160, 120)-(480, 360) plus 48 px: (112, 72)-(528, 408). The face's top (60) is outside: not scored yet.
    expect(views[0]).toEqual({ window: { x: 112, y: 72, width: 416, height: 336 }, inputSize: 320 });
    expect(meter.lastStageTimes.described).toBe(0);
    expect(first).toEqual([]);
    await meter.processFrame(frame);
    expect(views[1]!.window.y).toBe(0);
    expect(views[1]!.inputSize, 'the input size stays the one planned for the region').toBe(320);
    expect(meter.lastStageTimes.described).toBe(1);
    const third = await meter.processFrame(frame);
    expect(
      third.map((e) => e.smiling),
      'two whole-face scores: counted, smiling',
    ).toEqual([true]);
    expect(meter.detectionSetup?.window, 'the planned window itself is unchanged').toEqual({ x: 112, y: 72, width: 416, height: 336 });
  });

  it('with a second look, counts a visitor the detector finds in only every other frame, once', async () => {
    // A face walking right, 20 px a frame; the detector finds it in frames 0, 2, 4 and 6 only (a tilted face). The
    // second look finds it wherever it is asked to look, if the window holds the face's centre.
    const at = (f: number): FaceBox => ({ x: 100 + 20 * f, y: 180, width: 110, height: 110 });
    const run = async (secondLook: SecondLook | null) => {
      let f = 0;
      const looks: TurnedWindow[] = [];
      const analyzer = {
        detect: async () => (f % 2 === 0 ? [{ box: at(f), score: 0.5 }] : []),
        detectTurned: async (_: Frame, view: TurnedWindow) => {
          looks.push(view);
          const face = at(f);
          const inside = Math.abs(view.cx - (face.x + 55)) < view.side / 2 && Math.abs(view.cy - (face.y + 55)) < view.side / 2;
          return inside ? [{ box: face, score: 0.3 }] : [];
        },
        describe: async (_: Frame, kept: ReadonlyArray<{ box: FaceBox; score: number }>) => smilingFaces(kept),
      } as unknown as FaceAnalyzer;
      const tracker = new FaceTracker({ minFrames: 5, maxMissedFrames: 3, decideAfterSamples: 100, requireScore: true });
      const meter = new SmileMeter(analyzer, happyScorer, tracker, null, secondLook);
      const events = [];
      for (f = 0; f < 8; f++) events.push(...(await meter.processFrame(frame)));
      events.push(...meter.finish(640, 480));
      return { events, looks, meter };
    };
    expect((await run(null)).events, 'seen in 4 frames of 8: never counted').toEqual([]);
    const { events, looks, meter } = await run(new SecondLook());
    // Looks only in frames the detector missed while the track had fewer than minFrames: 1 and 3 (seen in 5 frames
    // by frame 4); then frame 6's detection: one visitor seen in 6 frames.
    expect(events.map((e) => e.frames)).toEqual([6]);
    expect(looks).toHaveLength(2);
    expect(meter.secondLook?.looksTaken).toBe(2);
  });
});
