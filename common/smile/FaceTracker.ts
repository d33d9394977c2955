import { decideSmile, type SmileDecisionOptions } from './smileDecision';

/**
 * Turns per-frame face boxes into counted visitors. Faces are linked across frames by IoU against each track's
 * constant-velocity prediction, then (for what is left) by centroid distance, greedily best-first, in the spirit of
 * SORT (Bewley et al. 2016, https://arxiv.org/abs/1602.00763) without the Kalman filter. A track survives up to
 * `maxMissedFrames` frames without a match; it becomes one visitor once it has been seen in `minFrames` frames (and,
 * when a direction is set, has moved far enough that way); its smile is decided once, from its aggregated score,
 * when `decideAfterSamples` scores are in or when the track ends, whichever comes first. After that the track can
 * stand in front of the camera for an hour without being counted again. Pure TS: runs in the camera worker and in Node.
 */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FrameFace {
  box: Box;
  /** Per-frame smile score (NaN or absent when not computed). */
  smileScore?: number;
}

/** A region as fractions (0..1) of the frame. */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TravelDirection {
  axis: 'x' | 'y';
  /** +1: left->right (x) or top->bottom (y); -1: the opposite. */
  sign: 1 | -1;
  /** Required travel of the face centre along the axis, as a fraction of the frame's width (x) or height (y). */
  minTravel: number;
}

export interface FaceTrackerOptions {
  minFrames: number;
  maxMissedFrames: number;
  /** Minimum IoU between a detection and a track's predicted box for the IoU match. */
  minIou: number;
  /** Centroid fallback: maximum distance, in units of the track's box size (mean of width and height). */
  maxCentroidDistance: number;
  /** Faces whose shorter side is below this fraction of the frame height are ignored. */
  minFaceSize: number;
  /** Faces whose centre lies outside this region are ignored; null: the whole frame. */
  roi: Region | null;
  direction: TravelDirection | null;
  /** Decide the smile once this many scores are in (or when the track ends before that). */
  decideAfterSamples: number;
  /**
   * Count a track only if it got at least one smile score. The kiosk scores only faces wholly inside the frame
   * (SmileMeter), so this drops the fragments a face cut by the frame's edge can leave (a partial face detected as a
   * short separate track as someone walks in or out), which would otherwise count as extra non-smiling visitors.
   */
  requireScore: boolean;
  smile: SmileDecisionOptions;
}

export const defaultFaceTrackerOptions: FaceTrackerOptions = {
  minFrames: 5,
  maxMissedFrames: 10,
  minIou: 0.2,
  maxCentroidDistance: 1.0,
  minFaceSize: 0.04,
  roi: null,
  direction: null,
  decideAfterSamples: 15,
  requireScore: false,
  smile: { aggregation: 'trimmedMean', trim: 0.2, threshold: 0.5 },
};

/** Emitted once per counted track. */
export interface VisitorEvent {
  trackId: number;
  smiling: boolean;
  smileScore: number;
  /** Frames in which the track was seen up to the decision. */
  frames: number;
  /** Frame index (count of update() calls, from 0) of the decision. */
  frame: number;
}

/** A track that no box of the frame is linked to (FaceTracker.missing). */
export interface MissingTrack {
  id: number;
  /** Where its face is expected in this frame (frame pixels). */
  predicted: Box;
  /** Frames it was seen in so far, and frames missed since it was last seen. */
  seen: number;
  missed: number;
  /** Whether it has already been counted as a visitor. */
  counted: boolean;
  /** Smile scores it has so far. */
  scores: number;
  /** The largest IoU between its expected box and another live track's: above 0, two tracks may be on one face. */
  overlap: number;
}

/**
 * One frame's boxes linked to the tracks, as update() will link them (FaceTracker.link): what the caller needs before
 * the update (the tracks left without a box, the scores each box's track has so far) from one association, and the
 * boxes a second look found for a particular track, linked to that track.
 */
export interface FrameLinks {
  /** The tracker's frame these links are for: update() refuses links of another frame or another frame size. */
  readonly frame: number;
  readonly frameWidth: number;
  readonly frameHeight: number;
  /** Per box, in order: the index of the track it is linked to, -1 for a face that starts a track, null if ignored. */
  readonly trackOf: Array<number | null>;
}

interface Track {
  id: number;
  box: Box;
  vx: number;
  vy: number;
  firstCentre: [number, number];
  seen: number;
  missed: number;
  scores: number[];
  counted: boolean;
}

/** Scores kept per track: enough for the decision, bounded for a visitor who stays all day. */
const maxScoresKept = 256;

export class FaceTracker {
  readonly options: FaceTrackerOptions;
  private tracks: Track[] = [];
  private nextId = 1;
  private frameIndex = -1;
  private counts = { visitors: 0, smiling: 0 };

  constructor(options: Partial<FaceTrackerOptions> = {}) {
    this.options = { ...defaultFaceTrackerOptions, ...options, smile: { ...defaultFaceTrackerOptions.smile, ...options.smile } };
    const o = this.options;
    if (!(o.minFrames >= 1 && o.maxMissedFrames >= 0 && o.decideAfterSamples >= 1))
      throw new Error('minFrames and decideAfterSamples must be >= 1, maxMissedFrames >= 0');
  }

  get visitors(): number {
    return this.counts.visitors;
  }

  get smilingVisitors(): number {
    return this.counts.smiling;
  }

  /** Tracks currently alive (for an operator preview), without scores. */
  get activeTracks(): Array<{ id: number; box: Box; counted: boolean }> {
    return this.tracks.map((t) => ({ id: t.id, box: { ...t.box }, counted: t.counted }));
  }

  /**
   * Feeds one frame's detections; returns the visitors decided in this frame. With `links` (from link(), for these
   * faces in this order) the faces are linked as those say instead of being associated again.
   */
  update(faces: readonly FrameFace[], frameWidth: number, frameHeight: number, links?: FrameLinks): VisitorEvent[] {
    const linked =
      links ??
      this.link(
        faces.map((f) => f.box),
        frameWidth,
        frameHeight,
      );
    if (linked.frame !== this.frameIndex + 1 || linked.trackOf.length !== faces.length)
      throw new Error(
        `links for frame ${linked.frame} with ${linked.trackOf.length} boxes given to frame ${this.frameIndex + 1} with ${faces.length}`,
      );
    // The links' face-size and region checks were made against their own frame size.
    if (linked.frameWidth !== frameWidth || linked.frameHeight !== frameHeight)
      throw new Error(`links for a ${linked.frameWidth}x${linked.frameHeight} frame given to a ${frameWidth}x${frameHeight} frame`);
    this.frameIndex++;
    return this.apply(faces, linked.trackOf, frameWidth, frameHeight);
  }

  /**
   * Links one frame's boxes (in the order given) to the tracks, as update() would: one association, for the caller to
   * ask what it needs before the update (missing(), scoresSoFar()) and to pass to update(). Does not change the
   * tracker's state.
   */
  link(boxes: readonly Box[], frameWidth: number, frameHeight: number): FrameLinks {
    const accepted = boxes.map((b) => this.accepts(b, frameWidth, frameHeight));
    const keptIndex = accepted.flatMap((a, i) => (a ? [i] : []));
    const trackOf: Array<number | null> = accepted.map((a) => (a ? -1 : null));
    for (const [ti, k] of this.associate(
      keptIndex.map((i) => boxes[i]!),
      frameWidth,
      frameHeight,
    ))
      trackOf[keptIndex[k]!] = ti;
    return { frame: this.frameIndex + 1, frameWidth, frameHeight, trackOf };
  }

  /**
   * Adds to `links` a box found for the track `trackId` (a second look at where its face was expected), linked to
   * that track, as the box after the others; false (and the box is added as ignored) if the track is not one left
   * without a box or the box is not one the tracker accepts.
   */
  linkTo(links: FrameLinks, trackId: number, box: Box): boolean {
    const ti = this.tracks.findIndex((t) => t.id === trackId);
    const free = ti >= 0 && !links.trackOf.includes(ti) && this.accepts(box, links.frameWidth, links.frameHeight);
    links.trackOf.push(free ? ti : null);
    return free;
  }

  /**
   * The tracks left without a box in `links`, with where each is expected in this frame (its constant-velocity
   * prediction): lets the caller look for a lost face there before the update.
   */
  missing(links: FrameLinks): MissingTrack[] {
    const linked = new Set(links.trackOf);
    const predicted = this.tracks.map(predict);
    return this.tracks.flatMap((t, ti) => {
      if (linked.has(ti)) return [];
      const overlap = Math.max(0, ...predicted.map((p, k) => (k === ti ? 0 : iou(p, predicted[ti]!))));
      return [
        { id: t.id, predicted: predicted[ti]!, seen: t.seen, missed: t.missed, counted: t.counted, scores: t.scores.length, overlap },
      ];
    });
  }

  /**
   * Per box of `links`, how many smile scores its track already has (0 for a face that starts a track), or null where
   * a score would not be used: an ignored face, or one linked to a track whose smile is already decided. Lets the
   * caller skip the expression net for someone who has been standing there for minutes, and describe the faces that
   * have the fewest first, so that none goes without while others pile up scores.
   */
  scoresSoFar(links: FrameLinks): Array<number | null> {
    return links.trackOf.map((ti) => {
      if (ti === null) return null;
      if (ti === -1) return 0;
      const t = this.tracks[ti]!;
      return t.counted ? null : t.scores.length;
    });
  }

  /** For each box, whether a smile score for it would be used (scoresSoFar() not null). */
  wantsScores(boxes: readonly Box[], frameWidth: number, frameHeight: number): boolean[] {
    return this.scoresSoFar(this.link(boxes, frameWidth, frameHeight)).map((n) => n !== null);
  }

  /** The tracks none of these boxes would be linked to (missing() of their links). */
  missingTracks(boxes: readonly Box[], frameWidth: number, frameHeight: number): MissingTrack[] {
    return this.missing(this.link(boxes, frameWidth, frameHeight));
  }

  /** Links boxes to tracks: track index -> box index. */
  private associate(boxes: readonly Box[], frameWidth: number, frameHeight: number): Map<number, number> {
    const kept = boxes.map((box) => ({ box }));
    const predicted = this.tracks.map(predict);
    const pairs = new Map<number, number>(); // track index -> face index
    const usedFaces = new Set<number>();
    // 1. IoU against the predicted boxes, best pairs first.
    const iouPairs: Array<[number, number, number]> = [];
    predicted.forEach((p, ti) =>
      kept.forEach((f, fi) => {
        const v = iou(p, f.box);
        if (v >= this.options.minIou) iouPairs.push([v, ti, fi]);
      }),
    );
    iouPairs.sort((a, b) => b[0] - a[0]);
    const link = (ti: number, fi: number) => {
      if (pairs.has(ti) || usedFaces.has(fi)) return;
      pairs.set(ti, fi);
      usedFaces.add(fi);
    };
    for (const [, ti, fi] of iouPairs) link(ti, fi);
    // 2. Centroid distance for the rest (fast movers whose boxes no longer overlap the prediction). A track predicted
    // to have walked out of the picture has left it: a face coming in there is someone else (at a frame's edge, one
    // visitor leaving and another entering in the next lane, the other way, are within the distance).
    const distPairs: Array<[number, number, number]> = [];
    predicted.forEach((p, ti) => {
      if (pairs.has(ti)) return;
      if (cx(p) < 0 || cx(p) > frameWidth || cy(p) < 0 || cy(p) > frameHeight) return;
      const size = (p.width + p.height) / 2;
      kept.forEach((f, fi) => {
        if (usedFaces.has(fi)) return;
        const d = Math.hypot(cx(p) - cx(f.box), cy(p) - cy(f.box)) / size;
        if (d <= this.options.maxCentroidDistance) distPairs.push([d, ti, fi]);
      });
    });
    distPairs.sort((a, b) => a[0] - b[0]);
    for (const [, ti, fi] of distPairs) link(ti, fi);
    return pairs;
  }

  private apply(
    faces: readonly FrameFace[],
    trackOf: ReadonlyArray<number | null>,
    frameWidth: number,
    frameHeight: number,
  ): VisitorEvent[] {
    const pairs = new Map<number, number>(); // track index -> face index
    trackOf.forEach((ti, fi) => ti !== null && ti >= 0 && pairs.set(ti, fi));
    const events: VisitorEvent[] = [];
    const survivors: Track[] = [];
    this.tracks.forEach((t, ti) => {
      const fi = pairs.get(ti);
      if (fi === undefined) {
        t.missed++;
        if (t.missed > this.options.maxMissedFrames || walkedOut(t, frameWidth, frameHeight)) {
          const event = this.finish(t, frameWidth, frameHeight);
          if (event) events.push(event);
          return;
        }
        survivors.push(t);
        return;
      }
      const face = faces[fi]!;
      const steps = t.missed + 1;
      // Velocity per frame, smoothed so one jittery box does not throw the prediction off.
      t.vx = 0.5 * t.vx + 0.5 * ((cx(face.box) - cx(t.box)) / steps);
      t.vy = 0.5 * t.vy + 0.5 * ((cy(face.box) - cy(t.box)) / steps);
      t.box = { ...face.box };
      t.missed = 0;
      t.seen++;
      this.addScore(t, face.smileScore);
      const event = this.maybeDecide(t, frameWidth, frameHeight, false);
      if (event) events.push(event);
      survivors.push(t);
    });
    faces.forEach((f, fi) => {
      if (trackOf[fi] !== -1) return;
      const t: Track = {
        id: this.nextId++,
        box: { ...f.box },
        vx: 0,
        vy: 0,
        firstCentre: [cx(f.box), cy(f.box)],
        seen: 1,
        missed: 0,
        scores: [],
        counted: false,
      };
      this.addScore(t, f.smileScore);
      const event = this.maybeDecide(t, frameWidth, frameHeight, false);
      if (event) events.push(event);
      survivors.push(t);
    });
    this.tracks = survivors;
    return events;
  }

  /** Ends every track (end of a video, camera switched off) and returns the visitors decided by that. */
  flush(frameWidth: number, frameHeight: number): VisitorEvent[] {
    const events = this.tracks.flatMap((t) => this.finish(t, frameWidth, frameHeight) ?? []);
    this.tracks = [];
    return events;
  }

  /** Whether a face of this box would be tracked (size and region of interest): lets callers skip scoring the rest. */
  accepts(box: Box, frameWidth: number, frameHeight: number): boolean {
    if (!(box.width > 0 && box.height > 0)) return false;
    if (Math.min(box.width, box.height) < this.options.minFaceSize * frameHeight) return false;
    const roi = this.options.roi;
    if (!roi) return true;
    const x = cx(box) / frameWidth;
    const y = cy(box) / frameHeight;
    return x >= roi.x && x <= roi.x + roi.width && y >= roi.y && y <= roi.y + roi.height;
  }

  private addScore(t: Track, score: number | undefined): void {
    if (score === undefined || !Number.isFinite(score)) return;
    t.scores.push(score);
    if (t.scores.length > maxScoresKept) t.scores.shift();
  }

  private qualifies(t: Track, frameWidth: number, frameHeight: number): boolean {
    if (t.seen < this.options.minFrames) return false;
    const dir = this.options.direction;
    if (!dir) return true;
    const travel = dir.axis === 'x' ? (cx(t.box) - t.firstCentre[0]) / frameWidth : (cy(t.box) - t.firstCentre[1]) / frameHeight;
    return travel * dir.sign >= dir.minTravel;
  }

  private maybeDecide(t: Track, frameWidth: number, frameHeight: number, ending: boolean): VisitorEvent | null {
    if (t.counted || !this.qualifies(t, frameWidth, frameHeight)) return null;
    if (this.options.requireScore && t.scores.length === 0) return null;
    if (!ending && t.scores.length < this.options.decideAfterSamples) return null;
    t.counted = true;
    const { score, smiling } = decideSmile(t.scores, this.options.smile);
    this.counts.visitors++;
    if (smiling) this.counts.smiling++;
    return { trackId: t.id, smiling, smileScore: score, frames: t.seen, frame: this.frameIndex };
  }

  private finish(t: Track, frameWidth: number, frameHeight: number): VisitorEvent | null {
    return this.maybeDecide(t, frameWidth, frameHeight, true);
  }
}

/**
 * A face last seen touching the picture's edge while moving towards it, and lost since, has walked out: its track ends
 * at once rather than waiting `maxMissedFrames` for it. Waiting would let the track take the next face coming in at
 * that edge in its lane, walking the other way (its box, clipped by the edge, slows the track's velocity so that its
 * prediction stays there), and the two visitors would count as one.
 */
function walkedOut(t: Track, frameWidth: number, frameHeight: number): boolean {
  const edge = 0.01 * Math.min(frameWidth, frameHeight);
  const { x, y, width, height } = t.box;
  return (
    (x <= edge && t.vx < 0) ||
    (x + width >= frameWidth - edge && t.vx > 0) ||
    (y <= edge && t.vy < 0) ||
    (y + height >= frameHeight - edge && t.vy > 0)
  );
}

const cx = (b: Box) => b.x + b.width / 2;
const cy = (b: Box) => b.y + b.height / 2;
const shift = (b: Box, dx: number, dy: number): Box => ({ x: b.x + dx, y: b.y + dy, width: b.width, height: b.height });
/** Where a track's face is expected in the coming frame: its last box moved on at its velocity for each frame since. */
const predict = (t: Track): Box => shift(t.box, t.vx * (t.missed + 1), t.vy * (t.missed + 1));

export function iou(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / (a.width * a.height + b.width * b.height - inter);
}
