import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FaceAnalyzer, type FaceAnalyzerOptions, type FaceApi } from '../../../common/smile/faceAnalyzer';
import { binaryMetrics, rocAuc } from '../../../common/smile/classificationMetrics';
import { happyScorer, modelScorer, type SmileModelFile, type SmileScorer } from '../../../common/smile/smileScorer';
import { padImage, type RgbImage } from '../../../common/smile/rgbImage';
import { decodeImageFile } from './decodeImageFile';

/**
 * Runs the kiosk's face pipeline and smile classifier over a folder with `smile/` and `no-smile/` subfolders of face
 * images, the way the kiosk sees a face: each image is padded into a larger mid-grey canvas first (tight crops are
 * otherwise missed by a detector tuned for camera frames). Detection rate is reported separately; the classification
 * metrics are over the detected faces (the highest-scoring face per image).
 */
export interface SmileEvalOptions {
  /**
   * 'model': the trained model in smileModel.json on the kiosk's pipeline; 'happy': the `happy` probability of the
   * kiosk's pipeline (mirror-averaged crops); 'raw': face-api used as documented, detectAllFaces(TinyFaceDetector)
   * .withFaceExpressions() and its `happy` probability: the baseline.
   */
  classifier: 'model' | 'happy' | 'raw';
  model: SmileModelFile;
  /** Defaults to the model's threshold ('model') or 0.5 ('happy'). */
  threshold?: number;
  padFactor?: number;
  analyzer?: Partial<FaceAnalyzerOptions>;
  /**
   * Head roll to simulate, in degrees: each padded image is rotated by +roll or -roll (alternately) before detection,
   * to measure how the classifier copes with tilted heads (camera faces tilt more than the dev set's crops).
   */
  roll?: number;
  /** Called per image (progress, or keeping per-image rows in the training script). */
  onImage?: (row: SmileEvalRow) => void;
}

export interface SmileEvalRow {
  file: string;
  label: 0 | 1;
  detected: boolean;
  score: number | null;
}

export interface SmileEvalResult {
  images: number;
  detected: number;
  detectionRate: number;
  accuracy: number;
  balancedAccuracy: number;
  rocAuc: number;
  threshold: number;
  msPerImage: number;
  classifier: string;
  padFactor: number;
  /** Every image, an undetected face counted as "not smiling". */
  endToEndBalancedAccuracy: number;
}

/** The image rotated about its centre (bilinear; corners filled with mid-grey like the padding). */
export function rotateImage(image: RgbImage, radians: number, fill = 128): RgbImage {
  const { width, height } = image;
  const data = new Uint8Array(width * height * 3).fill(fill);
  const [c, s] = [Math.cos(radians), Math.sin(radians)];
  const [cx, cy] = [(width - 1) / 2, (height - 1) / 2];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // Inverse mapping: the source pixel that lands on (x, y).
      const sx = c * (x - cx) + s * (y - cy) + cx;
      const sy = -s * (x - cx) + c * (y - cy) + cy;
      if (sx < -1e-6 || sy < -1e-6 || sx > width - 1 + 1e-6 || sy > height - 1 + 1e-6) continue;
      const x0 = Math.min(Math.max(Math.floor(sx), 0), width - 1);
      const y0 = Math.min(Math.max(Math.floor(sy), 0), height - 1);
      const [x1, y1] = [Math.min(x0 + 1, width - 1), Math.min(y0 + 1, height - 1)];
      const [fx, fy] = [Math.min(Math.max(sx - x0, 0), 1), Math.min(Math.max(sy - y0, 0), 1)];
      for (let k = 0; k < 3; k++) {
        const at = (xx: number, yy: number) => image.data[(yy * width + xx) * 3 + k]!;
        const top = at(x0, y0) * (1 - fx) + at(x1, y0) * fx;
        const bottom = at(x0, y1) * (1 - fx) + at(x1, y1) * fx;
        data[(y * width + x) * 3 + k] = Math.round(top * (1 - fy) + bottom * fy);
      }
    }
  }
  return { width, height, data };
}

const imageFile = /\.(jpe?g|png)$/i;

export function listLabelledImages(folder: string): Array<{ file: string; label: 0 | 1 }> {
  const out: Array<{ file: string; label: 0 | 1 }> = [];
  for (const [sub, label] of [
    ['smile', 1],
    ['no-smile', 0],
  ] as const) {
    const dir = join(folder, sub);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${folder}: expected a "${sub}/" subfolder of face images`);
    const files = readdirSync(dir)
      .filter((f) => imageFile.test(f))
      .sort();
    if (files.length === 0) throw new Error(`${dir}: no .jpg/.jpeg/.png images`);
    out.push(...files.map((f) => ({ file: join(dir, f), label })));
  }
  return out;
}

export async function evaluateSmileFolder(faceapi: FaceApi, folder: string, options: SmileEvalOptions): Promise<SmileEvalResult> {
  const images = listLabelledImages(folder);
  const padFactor = options.padFactor ?? options.model.evalPadFactor;
  const analyzer = new FaceAnalyzer(faceapi, { ...options.model.analyzer, ...options.analyzer });
  const scorer: SmileScorer = options.classifier === 'happy' ? happyScorer : modelScorer(options.model);
  const threshold = options.threshold ?? (options.classifier === 'model' ? options.model.threshold : 0.5);
  const rows: SmileEvalRow[] = [];
  const started = performance.now();
  for (const [index, { file, label }] of images.entries()) {
    const padded = padImage(decodeImageFile(file), padFactor);
    const tensor = analyzer.toTensor(options.roll ? rotateImage(padded, ((index % 2 ? 1 : -1) * options.roll * Math.PI) / 180) : padded);
    let faces: Array<{ detectionScore: number; score: number }>;
    try {
      faces =
        options.classifier === 'raw'
          ? (
              await faceapi
                .detectAllFaces(
                  tensor,
                  new faceapi.TinyFaceDetectorOptions({
                    inputSize: analyzer.options.inputSize,
                    scoreThreshold: analyzer.options.scoreThreshold,
                  }),
                )
                .withFaceExpressions()
            ).map((f) => ({ detectionScore: f.detection.score, score: f.expressions.happy }))
          : (await analyzer.analyze(tensor)).map((f) => ({ detectionScore: f.detectionScore, score: scorer(f) }));
    } finally {
      tensor.dispose();
    }
    const best = faces.reduce<(typeof faces)[number] | null>((a, f) => (!a || f.detectionScore > a.detectionScore ? f : a), null);
    const row: SmileEvalRow = { file, label, detected: best !== null, score: best ? best.score : null };
    rows.push(row);
    options.onImage?.(row);
  }
  const msPerImage = (performance.now() - started) / images.length;
  const found = rows.filter((r) => r.detected);
  const scores = found.map((r) => r.score!);
  const labels = found.map((r) => r.label);
  const m = found.length ? binaryMetrics(scores, labels, threshold) : null;
  // A missed face is a visitor the kiosk cannot call smiling: score it below any threshold.
  const all = binaryMetrics(
    rows.map((r) => r.score ?? threshold - 1),
    rows.map((r) => r.label),
    threshold,
  );
  return {
    images: rows.length,
    detected: found.length,
    detectionRate: found.length / rows.length,
    accuracy: m?.accuracy ?? Number.NaN,
    balancedAccuracy: m?.balancedAccuracy ?? Number.NaN,
    rocAuc: found.length ? rocAuc(scores, labels) : Number.NaN,
    threshold,
    msPerImage,
    classifier: {
      raw: 'face-api happy (raw chain)',
      happy: 'happy (kiosk crops)',
      model: `logistic(${options.model.model.featureNames.length} features)`,
    }[options.classifier],
    padFactor,
    endToEndBalancedAccuracy: all.balancedAccuracy,
  };
}
