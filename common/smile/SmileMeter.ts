import type * as FaceApiModule from '@vladmandic/face-api';
import { coverTracked, insideRect, planDetection, type DetectionPolicy, type DetectionSetup } from './detectionWindow';
import { dropNestedBoxes } from './dropNestedBoxes';
import { dropSandwichedBoxes } from './dropSandwichedBoxes';
import type { FaceAnalyzer } from './faceAnalyzer';
import type { FaceTracker, VisitorEvent } from './FaceTracker';
import type { SecondLook } from './SecondLook';
import type { SmileScorer } from './smileScorer';

type Tensor3D = FaceApiModule.tf.Tensor3D;

/**
 * A tracked face's box, scaled by this about its centre, is kept inside the detector's window: room for a walk's
 * motion between frames and for a first, partial box of a face cut by the window's edge to grow to the whole face.
 */
const TRACK_COVER = 2;

/** Where one frame's time went, in milliseconds (plain numbers: for the benchmark and the operator's health view). */
export interface FrameStageTimes {
  /** TinyFaceDetector (its own resize of the frame to the input size included). */
  detectMs: number;
  /** Expression and landmark nets on the faces still undecided (0 when none). */
  describeMs: number;
  /** Faces described in this frame. */
  described: number;
  /** Second looks for lost faces (common/smile/SecondLook.ts), 0 when none was taken. */
  secondLookMs: number;
}

/**
 * One camera's counting loop, shared by the kiosk's camera worker and the Node command lines: detect and describe
 * the faces of a frame, score each for a smile, and feed the tracker, which reports each visitor once. The caller
 * owns (and disposes) the frame tensor and runs one frame at a time.
 */
/**
 * The stage times' monotonic clock. `performance` exists in browsers, workers and Node alike
 * (https://nodejs.org/api/perf_hooks.html#performancenow) but is not part of the ES2022 library that common/ is
 * compiled against (no DOM, no Node types), hence the narrow type.
 */
const clock = (globalThis as unknown as { performance: { now(): number } }).performance;

export class SmileMeter {
  private frames = 0;
  private described = 0;
  private inView = 0;
  /**
   * At most this many faces go through the expression and landmark nets in one frame (the costly part: ~40 ms per
   * face on one core, against ~19 ms for the detector). When more undecided faces are in view, a different subset
   * is described each frame (those with the fewest scores so far first), so each still gets scores every few frames
   * while a frame's cost stays bounded. A track's smile is decided from `decideAfterSamples` scores or at its end, whichever comes first.
   * 1 (the kiosk's): on synthetic walk-throughs (3 x 15 visitors, 640x480, fast walkers) counts stayed exact with
   * 1, 2 and no cap (README, smile meter: frame rate), and the worst frame costs one face, not all in view.
   */
  maxDescribedPerFrame = 1;
  private stages: FrameStageTimes = { detectMs: 0, describeMs: 0, described: 0, secondLookMs: 0 };
  private setup: { key: string; value: DetectionSetup } | null = null;

  /**
   * @param detection where the detector looks and at what input size (common/smile/detectionWindow.ts), planned per frame
   *   size; null: the whole frame at the analyzer's own input size.
   * @param secondLook looks again, in a zoomed and turned window, for a face lost before its track was counted
   *   (common/smile/SecondLook.ts); null: never.
   */
  constructor(
    readonly analyzer: FaceAnalyzer,
    private readonly scorer: SmileScorer,
    readonly tracker: FaceTracker,
    private readonly detection: DetectionPolicy | null = null,
    readonly secondLook: SecondLook | null = null,
  ) {}

  /** The detector's window and input size for the last frame's size (null before the first frame or without a policy). */
  get detectionSetup(): DetectionSetup | null {
    return this.setup ? { ...this.setup.value, window: { ...this.setup.value.window } } : null;
  }

  private setupFor(width: number, height: number): DetectionSetup | null {
    if (!this.detection) return null;
    const key = `${width}x${height}`;
    if (this.setup?.key !== key) this.setup = { key, value: planDetection(width, height, this.detection) };
    return this.setup.value;
  }

  get framesProcessed(): number {
    return this.frames;
  }

  /**
   * The detector runs on every frame; the expression and landmark nets only on faces whose smile is still undecided
   * (a visitor standing in front of the camera for minutes costs only the detector after the first second).
   */
  async processFrame(frame: Tensor3D): Promise<VisitorEvent[]> {
    const [height, width] = frame.shape;
    const setup = this.setupFor(width, height);
    // The window also covers the faces being tracked, so a large face at the region's edge is seen whole.
    const window = setup
      ? coverTracked(
          setup.window,
          this.tracker.activeTracks.map((t) => t.box),
          TRACK_COVER,
          width,
          height,
        )
      : { x: 0, y: 0, width, height };
    const t0 = clock.now();
    // Ghost boxes between two faces, and a second box nested in a face's, never reach the tracker.
    const detections = dropNestedBoxes(
      dropSandwichedBoxes(await this.analyzer.detect(frame, setup ? { window, inputSize: setup.inputSize } : undefined)),
    );
    const t1 = clock.now();
    // One association of the frame's boxes with the tracks, for everything below and the update.
    const links = this.tracker.link(
      detections.map((d) => d.box),
      width,
      height,
    );
    // A face lost before its track was counted: look again where it is expected; what is found is that track's box.
    if (this.secondLook) {
      const found = await this.secondLook.look(
        this.analyzer,
        frame,
        this.tracker.missing(links),
        detections,
        this.tracker.options.minFrames,
        new Set(this.tracker.activeTracks.map((t) => t.id)),
      );
      for (const { trackId, ...detection } of found) {
        detections.push(detection);
        this.tracker.linkTo(links, trackId, detection.box);
      }
    }
    const t2 = clock.now();
    // A face cut by the frame's edge (walking in or out), or by the edge of the detector's window, is tracked but not
    // scored: its crop is part face, part padding (or its box only part of the face), and its smile score is noise.
    // The smile is decided from the frames that show the whole face.
    const margin = 0.01 * Math.min(width, height);
    const whole = (b: { x: number; y: number; width: number; height: number }) => insideRect(b, window, margin);
    const scoresSoFar = this.tracker.scoresSoFar(links);
    const wanted = scoresSoFar.map((n, i) => n !== null && whole(detections[i]!.box));
    this.capDescribed(wanted, scoresSoFar);
    const described = await this.analyzer.describe(
      frame,
      detections.filter((_, i) => wanted[i]),
    );
    this.stages = { detectMs: t1 - t0, secondLookMs: t2 - t1, describeMs: clock.now() - t2, described: described.length };
    let k = 0;
    const faces = detections.map((d, i) => ({ box: d.box, smileScore: wanted[i] ? this.scorer(described[k++]!) : Number.NaN }));
    this.frames++;
    this.described += described.length;
    this.inView = detections.filter((d) => this.tracker.accepts(d.box, width, height)).length;
    return this.tracker.update(faces, width, height, links);
  }

  /**
   * Keeps at most `maxDescribedPerFrame` of the wanted faces: those whose tracks have the fewest scores so far, ties
   * taken in turn from a different one each frame. Turns by position alone could starve a face: the detector's order
   * of the boxes changes from frame to frame, and a face that kept landing on the skipped turn got no score at all in
   * a crowd, so its visitor was never counted.
   */
  private capDescribed(wanted: boolean[], scoresSoFar: ReadonlyArray<number | null>): void {
    const indices = wanted.flatMap((w, i) => (w ? [i] : []));
    if (indices.length <= this.maxDescribedPerFrame) return;
    const start = this.frames % indices.length;
    const inTurn = indices.map((_, k) => indices[(start + k) % indices.length]!);
    const order = inTurn.map((i, turn) => ({ i, turn, n: scoresSoFar[i] ?? 0 })).sort((a, b) => a.n - b.n || a.turn - b.turn);
    const keep = new Set(order.slice(0, this.maxDescribedPerFrame).map((o) => o.i));
    for (const i of indices) wanted[i] = keep.has(i);
  }

  /** The last frame's stage times. */
  get lastStageTimes(): FrameStageTimes {
    return { ...this.stages };
  }

  /**
   * Faces in the last frame that the tracker accepts (big enough, inside the region): a number only, for a presence
   * check (the holographic narrator starts when someone stands in front of it) that needs no counting.
   */
  get facesInView(): number {
    return this.inView;
  }

  /** Faces sent through the expression net so far (for the benchmark and the operator's health view). */
  get facesDescribed(): number {
    return this.described;
  }

  /** Ends the open tracks (end of a video, meter switched off). */
  finish(frameWidth: number, frameHeight: number): VisitorEvent[] {
    return this.tracker.flush(frameWidth, frameHeight);
  }
}
