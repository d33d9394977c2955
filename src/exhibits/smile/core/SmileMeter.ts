import type * as FaceApiModule from '@vladmandic/face-api';
import { dropSandwichedBoxes } from './dropSandwichedBoxes';
import type { FaceAnalyzer } from './faceAnalyzer';
import type { FaceTracker, VisitorEvent } from './FaceTracker';
import type { SmileScorer } from './smileScorer';

type Tensor3D = FaceApiModule.tf.Tensor3D;

/**
 * One camera's counting loop, shared by the kiosk's camera worker and the Node command lines: detect and describe
 * the faces of a frame, score each for a smile, and feed the tracker, which reports each visitor once. The caller
 * owns (and disposes) the frame tensor and runs one frame at a time.
 */
export class SmileMeter {
  private frames = 0;
  private described = 0;

  constructor(
    readonly analyzer: FaceAnalyzer,
    private readonly scorer: SmileScorer,
    readonly tracker: FaceTracker,
  ) {}

  get framesProcessed(): number {
    return this.frames;
  }

  /**
   * The detector runs on every frame; the expression and landmark nets only on faces whose smile is still undecided
   * (a visitor standing in front of the camera for minutes costs only the detector after the first second).
   */
  async processFrame(frame: Tensor3D): Promise<VisitorEvent[]> {
    const [height, width] = frame.shape;
    // Ghost boxes between two faces never reach the tracker (dropSandwichedBoxes.ts).
    const detections = dropSandwichedBoxes(await this.analyzer.detect(frame));
    // A face cut by the frame's edge (walking in or out) is tracked but not scored: its crop is part face, part
    // black padding, and its smile score is noise. The smile is decided from the frames that show the whole face.
    const margin = 0.01 * Math.min(width, height);
    const whole = (b: { x: number; y: number; width: number; height: number }) => b.x >= margin && b.y >= margin && b.x + b.width <= width - margin && b.y + b.height <= height - margin;
    const wanted = this.tracker.wantsScores(detections.map((d) => d.box), width, height).map((w, i) => w && whole(detections[i]!.box));
    const described = await this.analyzer.describe(frame, detections.filter((_, i) => wanted[i]));
    let k = 0;
    const faces = detections.map((d, i) => ({ box: d.box, smileScore: wanted[i] ? this.scorer(described[k++]!) : Number.NaN }));
    this.frames++;
    this.described += described.length;
    return this.tracker.update(faces, width, height);
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
