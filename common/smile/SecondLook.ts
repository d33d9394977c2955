import type * as FaceApiModule from '@vladmandic/face-api';
import type { TurnedWindow } from './detectionWindow';
import type { FaceAnalyzer, FaceBox } from './faceAnalyzer';
import { iou, type MissingTrack } from './FaceTracker';

/**
 * A second look for a face the detector lost before its track was counted: the detector runs once more on a small
 * window of the frame around where the track's face is expected, zoomed (the face gets many more pixels at the
 * detector's input than in the whole frame) and, in turn, turned by a few degrees (a tilted face is found far less
 * often than an upright one). A box found there is that frame's detection of the face.
 *
 * Why: on the harder synthetic walks the visitors still missed were faces tilted by 10-14° or darkened that
 * TinyFaceDetector found in fewer of their frames than the tracker's `minFrames` (docs/experiments/smile.md, "Harder
 * synthetic walks", item 4, and "A second look at faces the detector lost"). The detector's input cannot be turned
 * for the whole frame (one angle would lose the faces tilted the other way, and several would cost several detector
 * runs per frame), but a window of one face can be: it costs a detector run at a small input size, only while a
 * face that has not been counted yet is lost, and at most `maxPerFrame` per frame.
 * Pure TS apart from the analyzer it is given: the camera worker and the Node command lines use it the same way.
 */
export interface SecondLookOptions {
  /** The detector's input size for the window (a multiple of 32): the window's side is resampled to it. */
  inputSize: number;
  /** The window's side, as a multiple of the expected box's longer side (room for the prediction to be off). */
  scale: number;
  /**
   * Angles (degrees, clockwise on screen) the window is turned by, tried in turn for a track, one per look, until
   * one finds its face; the angle that found it is kept for that track's next looks (a face keeps its tilt).
   */
  angles: number[];
  /** Looks per frame at most (the frame's cost is bounded whatever the crowd). */
  maxPerFrame: number;
  /**
   * A box found is taken only if its centre is this close to the expected one (fraction of the expected box's mean
   * side) and its size within this factor of the expected one: a neighbour's face in the window is not this face.
   */
  maxCentreOffset: number;
  maxSizeRatio: number;
  /** A box found that overlaps a box of the frame's own detection by this IoU or more is already someone's face. */
  maxIouWithDetections: number;
  /**
   * No look for a track whose expected box overlaps another live track's by this IoU or more: two tracks on one face
   * (a stray box next to a face can start a second track that takes the face over), and a look would feed the
   * second one frames until it counts as a visitor of its own (measured: one tilted visitor counted twice in each
   * hard walk of 90 without this rule).
   */
  maxIouWithTracks: number;
}

export const defaultSecondLookOptions: SecondLookOptions = {
  inputSize: 160,
  scale: 2.5,
  angles: [0, 12, -12],
  maxPerFrame: 1,
  maxCentreOffset: 0.5,
  maxSizeRatio: 2,
  maxIouWithDetections: 0.3,
  maxIouWithTracks: 0.2,
};

export interface Detection {
  box: FaceBox;
  score: number;
}

/** The part of the analyzer a second look needs (an interface, so the tests can stand in for face-api). */
export type TurnedDetector = Pick<FaceAnalyzer, 'detectTurned'>;

export class SecondLook {
  readonly options: SecondLookOptions;
  /** Track id -> index into `angles` of the next look (or of the look that found its face). */
  private turn = new Map<number, number>();
  private looks = 0;

  constructor(options: Partial<SecondLookOptions> = {}) {
    this.options = { ...defaultSecondLookOptions, ...options };
    const o = this.options;
    if (!(o.inputSize > 0 && o.inputSize % 32 === 0)) throw new Error(`inputSize must be a positive multiple of 32, got ${o.inputSize}`);
    if (!(o.scale >= 1 && o.angles.length > 0 && o.maxPerFrame >= 0))
      throw new Error('scale must be >= 1, angles not empty, maxPerFrame >= 0');
  }

  /** Second looks taken so far (for the benchmark and the operator's health view). */
  get looksTaken(): number {
    return this.looks;
  }

  /**
   * The tracks to look for in this frame: lost, not yet counted and seen in fewer than `minFrames` frames (the ones
   * a missed frame can keep from being counted), expected inside the frame and clear of other tracks; those seen most
   * first (closest to being counted), then those lost for the fewest frames (their prediction is the surest).
   */
  choose(missing: readonly MissingTrack[], minFrames: number, frameWidth: number, frameHeight: number): MissingTrack[] {
    return missing
      .filter((t) => {
        const [x, y] = centre(t.predicted);
        const alone = t.overlap < this.options.maxIouWithTracks;
        return !t.counted && t.seen < minFrames && alone && x >= 0 && x < frameWidth && y >= 0 && y < frameHeight;
      })
      .sort((a, b) => b.seen - a.seen || a.missed - b.missed || a.id - b.id)
      .slice(0, this.options.maxPerFrame);
  }

  /** The window a look for this track uses: around its expected box, turned by the track's current angle. */
  windowFor(track: MissingTrack): TurnedWindow {
    const [cx, cy] = centre(track.predicted);
    const k = this.turn.get(track.id) ?? 0;
    const side = Math.max(track.predicted.width, track.predicted.height) * this.options.scale;
    return { cx, cy, side, angle: (this.options.angles[k]! * Math.PI) / 180 };
  }

  /**
   * Of the boxes a look found, the one taken as the track's face (nearest the expected centre), or null: none near
   * enough, of a plausible size, and clear of the frame's own detections.
   */
  pick(found: readonly Detection[], track: MissingTrack, detections: readonly Detection[]): Detection | null {
    const o = this.options;
    const p = track.predicted;
    const size = (p.width + p.height) / 2;
    const [px, py] = centre(p);
    let best: { d: Detection; dist: number } | null = null;
    for (const d of found) {
      const [x, y] = centre(d.box);
      const dist = Math.hypot(x - px, y - py) / size;
      const ratio = (d.box.width + d.box.height) / 2 / size;
      if (dist > o.maxCentreOffset || ratio > o.maxSizeRatio || ratio < 1 / o.maxSizeRatio) continue;
      if (detections.some((e) => iou(e.box, d.box) >= o.maxIouWithDetections)) continue;
      if (!best || dist < best.dist) best = { d, dist };
    }
    return best?.d ?? null;
  }

  /**
   * Looks for the chosen tracks' faces in this frame; returns the boxes found (frame pixels), one per track at most,
   * each with the track it was found for (the tracker links it to that track: FaceTracker.linkTo). `activeIds`: the
   * tracker's live tracks (the angle memory of the others is dropped, so it stays bounded in a kiosk that runs all
   * day).
   */
  async look(
    detector: TurnedDetector,
    frame: FaceApiModule.tf.Tensor3D,
    missing: readonly MissingTrack[],
    detections: readonly Detection[],
    minFrames: number,
    activeIds: ReadonlySet<number>,
  ): Promise<Array<Detection & { trackId: number }>> {
    for (const id of this.turn.keys()) if (!activeIds.has(id)) this.turn.delete(id);
    const [height, width] = frame.shape;
    const added: Array<Detection & { trackId: number }> = [];
    for (const track of this.choose(missing, minFrames, width, height)) {
      const found = await detector.detectTurned(frame, this.windowFor(track), this.options.inputSize);
      this.looks++;
      const taken = this.pick(found, track, [...detections, ...added]);
      if (taken) added.push({ ...taken, trackId: track.id });
      // Not found: the next look at this track tries the next angle. Found: the same angle again.
      else this.turn.set(track.id, ((this.turn.get(track.id) ?? 0) + 1) % this.options.angles.length);
    }
    return added;
  }
}

const centre = (b: FaceBox): [number, number] => [b.x + b.width / 2, b.y + b.height / 2];
