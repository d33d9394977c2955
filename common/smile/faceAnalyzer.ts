import type * as FaceApiModule from '@vladmandic/face-api';
import { fromTurnedWindow, toFrameBox, type PixelRect, type TurnedWindow } from './detectionWindow';
import type { RgbImage } from './rgbImage';

/**
 * The kiosk's per-frame face pipeline on top of @vladmandic/face-api, shared by the camera worker (browser build)
 * and the Node evaluation command line (node-wasm build): the caller passes in the face-api module it loaded, with
 * TinyFaceDetector, FaceExpressionNet and (optionally) FaceLandmark68TinyNet loaded. The recognition (descriptor)
 * model is never used. Frames, crops and landmarks stay inside this object; only numbers come out.
 *
 * Instead of face-api's `.withFaceExpressions()` chain, each face is cropped square around the detector's box with
 * tf.image.cropAndResize (one op for all faces, no canvas), optionally mirrored, and the expression net's feature
 * extractor runs once on the batch; the 7 expression probabilities and the 256-d bottleneck features are averaged
 * over the original and the mirror. That lets the smile model use more than the raw `happy` output. With `align`,
 * the crops are first rotated so the eyes are level (roll from the tiny landmarks): the expression net loses
 * accuracy on tilted heads otherwise (docs/experiments/smile.md, "Eye levelling and landmark variants").
 * Upstream: https://github.com/vladmandic/face-api (src/faceExpressionNet, src/faceProcessor/FaceProcessor.ts).
 */
export type FaceApi = typeof FaceApiModule;

export interface FaceAnalyzerOptions {
  /** TinyFaceDetector input size (multiple of 32): smaller is faster, larger finds smaller faces. */
  inputSize: number;
  /** Detector confidence below which a box is dropped. */
  scoreThreshold: number;
  /** Average expression outputs over the face and its mirror image. */
  flip: boolean;
  /** Run the 68-point tiny landmark net (mouth geometry features). */
  landmarks: boolean;
  /**
   * Sides of the square crops fed to the expression net, relative to the detector box's longer side; outputs are
   * averaged over all of them (test-time augmentation). Landmarks use the first.
   */
  cropScales: number[];
  /**
   * Level the eyes before the expression net: the landmarks (on the first, unrotated crop) give the head's roll, and
   * the expression crops are rotated by it (tf.image.transform). Needs `landmarks`. Off unless the model was trained so.
   */
  align?: boolean;
}

export const defaultFaceAnalyzerOptions: FaceAnalyzerOptions = {
  inputSize: 224,
  scoreThreshold: 0.4,
  flip: true,
  landmarks: true,
  cropScales: [1.0],
};

export interface FaceBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The face-api expression order (FaceExpressions.ts). */
export const expressionNames = ['neutral', 'happy', 'sad', 'angry', 'fearful', 'disgusted', 'surprised'] as const;

export interface FaceObservation {
  /** Pixels in the analysed image. */
  box: FaceBox;
  detectionScore: number;
  /** Probabilities in `expressionNames` order (mirror-averaged when `flip`). */
  expressions: number[];
  /** 256-d bottleneck features of the expression net (mirror-averaged when `flip`). */
  bottleneck: Float32Array;
  /** 68 landmarks as [x0, y0, x1, y1, ...] relative to the square crop (0..1), or null without the landmark net. */
  landmarks: Float32Array | null;
}

const cropSize = 112; // the input size of face-api's FaceFeatureExtractor (toBatchTensor(112, true))

export class FaceAnalyzer {
  readonly options: FaceAnalyzerOptions;

  constructor(
    private readonly faceapi: FaceApi,
    options: Partial<FaceAnalyzerOptions> = {},
  ) {
    this.options = { ...defaultFaceAnalyzerOptions, ...options };
    if (this.options.inputSize % 32 !== 0) throw new Error(`inputSize must be a multiple of 32, got ${this.options.inputSize}`);
    if (this.options.align && !this.options.landmarks) throw new Error('align needs the landmark net (landmarks: true)');
    if (this.options.cropScales.length === 0 || !this.options.cropScales.every((c) => c > 0))
      throw new Error('cropScales must be positive numbers');
  }

  /** Builds the int32 HxWx3 tensor face-api takes as input. The caller disposes it. */
  toTensor(image: RgbImage) {
    return this.faceapi.tf.tensor3d(image.data, [image.height, image.width, 3], 'int32');
  }

  /**
   * Detects faces in one frame and describes each; every intermediate tensor is disposed. `keep` drops boxes before
   * the expression and landmark nets run (faces too small or outside the region of interest cost nothing more).
   */
  async analyze(image: FaceApiModule.tf.Tensor3D, keep: (box: FaceBox) => boolean = () => true): Promise<FaceObservation[]> {
    return this.describe(
      image,
      (await this.detect(image)).filter((d) => keep(d.box)),
    );
  }

  /**
   * TinyFaceDetector only: boxes in pixels of the frame and their confidence. With `view`, the detector sees only
   * `view.window` of the frame at `view.inputSize`: a smaller window gives every face in it more pixels at the
   * detector's input (common/smile/detectionWindow.ts). Boxes come back in frame pixels either way.
   */
  async detect(
    image: FaceApiModule.tf.Tensor3D,
    view?: { window: PixelRect; inputSize: number },
  ): Promise<Array<{ box: FaceBox; score: number }>> {
    const { faceapi, options } = this;
    const { tf } = faceapi;
    const [height, width] = image.shape;
    const inputSize = view?.inputSize ?? options.inputSize;
    const tinyOptions = new faceapi.TinyFaceDetectorOptions({ inputSize, scoreThreshold: options.scoreThreshold });
    const window = view?.window;
    if (!window || (window.x === 0 && window.y === 0 && window.width === width && window.height === height)) {
      const detections = await faceapi.nets.tinyFaceDetector.locateFaces(image, tinyOptions);
      return detections.map((d) => ({ box: { x: d.box.x, y: d.box.y, width: d.box.width, height: d.box.height }, score: d.score }));
    }
    // What face-api does to a picture (pad to a square of its longer side, zeros right and below, shrink to the input
    // size), done for the window in one op: the square from the window's corner, cut and resized by cropAndResize
    // (outside the frame reads as 0). The detector then gets a square of its input size and does no more to it. Why
    // not tf.slice: on wasm it copied a 416x370 window in 7.8 ms, against 1.7 ms for this (Node, 2026-11-23).
    // cropAndResize samples from y1*(H-1) to y2*(H-1), so output pixel i is frame pixel corner + i*(side-1)/(n-1).
    const side = Math.max(window.width, window.height);
    const box = [
      window.y / (height - 1),
      window.x / (width - 1),
      (window.y + side - 1) / (height - 1),
      (window.x + side - 1) / (width - 1),
    ];
    const input = tf.tidy(
      () =>
        tf.reshape(
          tf.image.cropAndResize(
            tf.expandDims(tf.cast(image, 'float32'), 0) as FaceApiModule.tf.Tensor4D,
            [box],
            [0],
            [inputSize, inputSize],
            'bilinear',
            0,
          ),
          [inputSize, inputSize, image.shape[2]],
        ) as FaceApiModule.tf.Tensor3D,
    );
    try {
      const detections = await faceapi.nets.tinyFaceDetector.locateFaces(input, tinyOptions);
      const k = (side - 1) / (inputSize - 1);
      return detections.map((d) => ({
        box: toFrameBox({ x: d.box.x * k, y: d.box.y * k, width: d.box.width * k, height: d.box.height * k }, window),
        score: d.score,
      }));
    } finally {
      input.dispose();
    }
  }

  /**
   * TinyFaceDetector on a square window of the frame, turned by `view.angle` about its centre and resampled to
   * `inputSize` (one tf.image.transform: crop, turn and resize in one pass; outside the frame reads as 0). Boxes come
   * back axis-aligned in frame pixels: each box's centre turned back into the frame, its size kept (for the small
   * angles this is used at, a face's box barely changes with the turn). Every intermediate tensor is disposed.
   * transform maps each output pixel (x, y) to the input pixel (a0 x + a1 y + a2, b0 x + b1 y + b2); the wasm, WebGL
   * and CPU backends implement it (https://js.tensorflow.org/api/latest/#image.transform).
   */
  async detectTurned(
    image: FaceApiModule.tf.Tensor3D,
    view: TurnedWindow,
    inputSize: number,
  ): Promise<Array<{ box: FaceBox; score: number }>> {
    const { faceapi, options } = this;
    const { tf } = faceapi;
    const m = view.side / inputSize; // frame pixels per input pixel
    const [c, s] = [Math.cos(view.angle), Math.sin(view.angle)];
    const mid = (inputSize - 1) / 2;
    // Pixel indices: output pixel `mid` sits on the window's centre, frame pixel index centre - 0.5.
    const [fx, fy] = [view.cx - 0.5, view.cy - 0.5];
    const row = [m * c, -m * s, fx - m * c * mid + m * s * mid, m * s, m * c, fy - m * s * mid - m * c * mid, 0, 0];
    const input = tf.tidy(
      () =>
        tf.reshape(
          tf.image.transform(
            tf.expandDims(tf.cast(image, 'float32'), 0) as FaceApiModule.tf.Tensor4D,
            tf.tensor2d([row], [1, 8]),
            'bilinear',
            'constant',
            0,
            [inputSize, inputSize],
          ),
          [inputSize, inputSize, image.shape[2]],
        ) as FaceApiModule.tf.Tensor3D,
    );
    try {
      const tinyOptions = new faceapi.TinyFaceDetectorOptions({ inputSize, scoreThreshold: options.scoreThreshold });
      const detections = await faceapi.nets.tinyFaceDetector.locateFaces(input, tinyOptions);
      return detections.map((d) => ({
        box: fromTurnedWindow({ x: d.box.x, y: d.box.y, width: d.box.width, height: d.box.height }, view, inputSize),
        score: d.score,
      }));
    } finally {
      input.dispose();
    }
  }

  /** Expression (and landmark) nets on the given detections of this frame. */
  async describe(image: FaceApiModule.tf.Tensor3D, kept: ReadonlyArray<{ box: FaceBox; score: number }>): Promise<FaceObservation[]> {
    const { faceapi, options } = this;
    const { tf } = faceapi;
    const [height, width] = image.shape;
    if (kept.length === 0) return [];
    const boxes = kept.map((d) => d.box);
    // Square crops centred on each box, in cropAndResize's normalised [y1, x1, y2, x2] (outside the frame reads as 0).
    // Batch order: [scale][face], then the same again mirrored.
    const cropBoxes = options.cropScales.flatMap((scale) =>
      boxes.map((b) => {
        const side = Math.max(b.width, b.height) * scale;
        const cx = b.x + b.width / 2;
        const cy = b.y + b.height / 2;
        return [(cy - side / 2) / height, (cx - side / 2) / width, (cy + side / 2) / height, (cx + side / 2) / width];
      }),
    );
    const n = boxes.length;
    // With `align` the landmark net runs first, on the first scale's crops: their eye points give each face's roll.
    let landmarkData: Float32Array | null = null;
    let angles: number[] | null = null;
    if (options.landmarks && options.align) {
      const first = tf.tidy(
        () =>
          tf.unstack(
            tf.image.cropAndResize(
              tf.expandDims(tf.cast(image, 'float32'), 0) as FaceApiModule.tf.Tensor4D,
              cropBoxes.slice(0, n),
              new Array<number>(n).fill(0),
              [cropSize, cropSize],
            ),
          ) as FaceApiModule.tf.Tensor3D[],
      );
      try {
        landmarkData = await this.landmarks(first);
      } finally {
        for (const t of first) t.dispose();
      }
      angles = boxes.map((_, i) => eyeRoll(landmarkData!.subarray(i * 136, (i + 1) * 136)));
    }
    const crops = tf.tidy(() => {
      const batch = tf.expandDims(tf.cast(image, 'float32'), 0) as FaceApiModule.tf.Tensor4D;
      const faces = angles
        ? levelledCrops(tf, batch, boxes, options.cropScales, angles, height, width)
        : tf.image.cropAndResize(batch, cropBoxes, new Array<number>(cropBoxes.length).fill(0), [cropSize, cropSize]);
      const all = options.flip ? tf.concat([faces, tf.image.flipLeftRight(faces)], 0) : faces;
      return tf.unstack(all) as FaceApiModule.tf.Tensor3D[];
    });
    try {
      const input = new faceapi.NetInput(crops, true);
      const expressionNet = faceapi.nets.faceExpressionNet;
      const [probs, features] = tf.tidy(() => {
        const bottleneck = expressionNet.faceFeatureExtractor.forwardInput(input);
        const p = tf.softmax(expressionNet.runNet(bottleneck));
        return [p, tf.reshape(bottleneck, [crops.length, -1])];
      });
      const probData = await probs.data();
      const featureData = await features.data();
      probs.dispose();
      features.dispose();
      // Landmarks on the unmirrored crops only (mirrored landmarks would need their indices swapped).
      if (options.landmarks && !landmarkData) landmarkData = await this.landmarks(crops.slice(0, n));
      const copies = crops.length / n;
      const featureSize = featureData.length / crops.length;
      return boxes.map((b, i) => ({
        box: { ...b },
        detectionScore: kept[i]!.score,
        expressions: expressionNames.map((_, k) => mean(copies, (c) => probData[(c * n + i) * 7 + k]!)),
        bottleneck: Float32Array.from({ length: featureSize }, (_, k) => mean(copies, (c) => featureData[(c * n + i) * featureSize + k]!)),
        landmarks: landmarkData ? landmarkData.slice(i * 136, (i + 1) * 136) : null,
      }));
    } finally {
      for (const crop of crops) crop.dispose();
    }
  }

  /** The tiny 68-point landmark net on 112x112 crops: [x0, y0, ...] per crop, relative to the crop (0..1). */
  private async landmarks(crops: FaceApiModule.tf.Tensor3D[]): Promise<Float32Array> {
    const out = this.faceapi.nets.faceLandmark68TinyNet.forwardInput(new this.faceapi.NetInput(crops, true));
    try {
      return (await out.data()) as Float32Array;
    } finally {
      out.dispose();
    }
  }
}

/** Head roll in radians from 68 landmarks (iBUG): the angle of the line from the left eye's centre to the right eye's. */
export function eyeRoll(landmarks: ArrayLike<number>): number {
  const centre = (from: number): [number, number] => {
    let x = 0;
    let y = 0;
    for (let i = from; i < from + 6; i++) [x, y] = [x + landmarks[2 * i]!, y + landmarks[2 * i + 1]!];
    return [x / 6, y / 6];
  };
  const [left, right] = [centre(36), centre(42)];
  return Math.atan2(right[1] - left[1], right[0] - left[0]);
}

/**
 * Square crops rotated by each face's roll (batch order [scale][face], like the unrotated crops). cropAndResize only
 * cuts axis-aligned boxes, so each face is first cut with a margin large enough for any rotation of its largest crop,
 * at twice the output size, and tf.image.transform (an affine resample; the wasm, WebGL and CPU backends all
 * implement it) then cuts the rotated square out of that. Must run inside tf.tidy.
 * Upstream: https://js.tensorflow.org/api/latest/#image.transform
 */
function levelledCrops(
  tf: FaceApi['tf'],
  batch: FaceApiModule.tf.Tensor4D,
  boxes: readonly FaceBox[],
  scales: readonly number[],
  angles: readonly number[],
  height: number,
  width: number,
): FaceApiModule.tf.Tensor4D {
  const big = cropSize * 2;
  const margin = Math.SQRT2 * Math.max(...scales) * 1.02;
  const outer = boxes.map((b) => {
    const side = Math.max(b.width, b.height) * margin;
    return { x: b.x + b.width / 2 - side / 2, y: b.y + b.height / 2 - side / 2, side };
  });
  const wide = tf.image.cropAndResize(
    batch,
    outer.map((o) => [o.y / height, o.x / width, (o.y + o.side) / height, (o.x + o.side) / width]),
    new Array<number>(boxes.length).fill(0),
    [big, big],
  );
  // transform maps each output pixel (x, y) to the input pixel (a0 x + a1 y + a2, b0 x + b1 y + b2).
  const half = cropSize / 2;
  const rows = scales.flatMap((scale) =>
    boxes.map((b, i) => {
      const k = big / outer[i]!.side; // wide-crop pixels per frame pixel
      const m = (Math.max(b.width, b.height) * scale * k) / cropSize;
      const [c, s] = [Math.cos(angles[i]!), Math.sin(angles[i]!)];
      const [cx, cy] = [big / 2, big / 2];
      return [m * c, -m * s, cx - m * c * half + m * s * half, m * s, m * c, cy - m * s * half - m * c * half, 0, 0];
    }),
  );
  const source =
    scales.length === 1
      ? wide
      : tf.concat(
          scales.map(() => wide),
          0,
        );
  return tf.image.transform(source, tf.tensor2d(rows, [rows.length, 8]), 'bilinear', 'constant', 0, [cropSize, cropSize]);
}

function mean(count: number, at: (index: number) => number): number {
  let sum = 0;
  for (let i = 0; i < count; i++) sum += at(i);
  return sum / count;
}
