import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FaceAnalyzer, type FaceAnalyzerOptions, type FaceApi } from '../../../src/exhibits/smile/core/faceAnalyzer';
import { binaryMetrics, rocAuc } from '../../../src/exhibits/smile/core/classificationMetrics';
import { happyScorer, modelScorer, type SmileModelFile, type SmileScorer } from '../../../src/exhibits/smile/core/smileScorer';
import { padImage } from '../../../src/exhibits/smile/core/rgbImage';
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

const imageFile = /\.(jpe?g|png)$/i;

export function listLabelledImages(folder: string): Array<{ file: string; label: 0 | 1 }> {
  const out: Array<{ file: string; label: 0 | 1 }> = [];
  for (const [sub, label] of [['smile', 1], ['no-smile', 0]] as const) {
    const dir = join(folder, sub);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${folder}: expected a "${sub}/" subfolder of face images`);
    const files = readdirSync(dir).filter((f) => imageFile.test(f)).sort();
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
  for (const { file, label } of images) {
    const tensor = analyzer.toTensor(padImage(decodeImageFile(file), padFactor));
    let faces: Array<{ detectionScore: number; score: number }>;
    try {
      faces = options.classifier === 'raw'
        ? (await faceapi.detectAllFaces(tensor, new faceapi.TinyFaceDetectorOptions({ inputSize: analyzer.options.inputSize, scoreThreshold: analyzer.options.scoreThreshold })).withFaceExpressions())
          .map((f) => ({ detectionScore: f.detection.score, score: f.expressions.happy }))
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
  const all = binaryMetrics(rows.map((r) => r.score ?? threshold - 1), rows.map((r) => r.label), threshold);
  return {
    images: rows.length,
    detected: found.length,
    detectionRate: found.length / rows.length,
    accuracy: m?.accuracy ?? Number.NaN,
    balancedAccuracy: m?.balancedAccuracy ?? Number.NaN,
    rocAuc: found.length ? rocAuc(scores, labels) : Number.NaN,
    threshold,
    msPerImage,
    classifier: { raw: 'face-api happy (raw chain)', happy: 'happy (kiosk crops)', model: `logistic(${options.model.model.featureNames.length} features)` }[options.classifier],
    padFactor,
    endToEndBalancedAccuracy: all.balancedAccuracy,
  };
}
