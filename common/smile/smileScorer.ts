import { expressionNames, type FaceAnalyzerOptions, type FaceObservation } from './faceAnalyzer';
import { predictLogistic, type LogisticModel } from './logisticRegression';
import { mouthFeatureNames, mouthGeometry } from './mouthGeometry';

/**
 * Per-frame smile score of one face, 0..1. Either face-api's `happy` probability as it is, or a small logistic model
 * (trained by scripts/train-smile-model.ts, stored in smileModel.json) on named features of the observation:
 * `logit:<expression>` (log-odds of an expression probability), `mouth:<name>` (mouthGeometry.ts) and `bottleneck:<i>`
 * (the expression net's 256-d features).
 */
export interface SmileModelFile {
  /** Increases with every model file the training script writes; exports and the upload heartbeat name it. */
  version: number;
  description: string;
  /** How the parameters were produced, to reproduce them. */
  training: Record<string, unknown>;
  /** The FaceAnalyzer options the model was trained with (the features depend on them). */
  analyzer: FaceAnalyzerOptions;
  /** How much a tight face crop is padded before detection when evaluating a folder of crops. */
  evalPadFactor: number;
  model: LogisticModel;
  /** Decision threshold on the model's score (the default for settings). */
  threshold: number;
  /** Out-of-sample figures from (nested) cross-validation on the training folder: how they were obtained and the values. */
  crossValidation: Record<string, number | string>;
  /**
   * The classifier's sensitivity and specificity at `threshold`, out of sample, and the numbers of smiling
   * (`positives`) and other (`negatives`) faces they were measured on: what corrects an observed share
   * (common/smileShare.ts).
   */
  operatingPoint: { method: string; sensitivity: number; specificity: number; positives: number; negatives: number };
  /**
   * The same per counted visitor, measured by running the kiosk's counting on walk-throughs of the training faces
   * (scripts/smile/calibrateCounting.ts): what the shares are corrected with when present. Retraining drops it (the
   * new classifier has not been walked yet), and the crop figures correct until it is measured again.
   */
  countingOperatingPoint?: CountingOperatingPoint;
  /** Figures on a part of the folder set aside before any choice was made (scripts/train-smile-model.ts). */
  heldOut?: Record<string, number | string>;
}

export interface CountingOperatingPoint {
  method: string;
  /** How it was measured, to measure it again. */
  command: string;
  sensitivity: number;
  specificity: number;
  /** Visitors counted in the walk where all smiled, and in the walk where none did. */
  positives: number;
  negatives: number;
  /** Visitors in both walks by their construction, and how far the counting was from them. */
  walkedVisitors: number;
  visitorCountError: number;
  /**
   * The face detector's confidence the walks were counted at, which the kiosk's meter then detects at (the figures
   * hold at it only). Lower than the training's crop detection: on a moving face a weak box in some frames is enough
   * to follow the face, and a tilted, dark or small face may give no stronger one. Absent: the training's.
   */
  detectorThreshold?: number;
}

export type SmileScorer = (face: FaceObservation) => number;

/** face-api's raw `happy` probability. */
export const happyScorer: SmileScorer = (face) => face.expressions[1]!;

const logit = (p: number) => {
  const q = Math.min(Math.max(p, 1e-6), 1 - 1e-6);
  return Math.log(q / (1 - q));
};

/** The named features of one observation, in the given order. */
export function smileFeatures(face: FaceObservation, names: readonly string[]): number[] {
  let mouth: number[] | null = null;
  return names.map((name) => {
    const [kind, key] = name.split(':') as [string, string | undefined];
    if (kind === 'logit') {
      const k = expressionNames.indexOf(key as (typeof expressionNames)[number]);
      if (k < 0) throw new Error(`unknown expression feature ${name}`);
      return logit(face.expressions[k]!);
    }
    if (kind === 'mouth') {
      const k = mouthFeatureNames.indexOf(key as (typeof mouthFeatureNames)[number]);
      if (k < 0) throw new Error(`unknown mouth feature ${name}`);
      if (!face.landmarks) throw new Error(`feature ${name} needs landmarks: enable the landmark net`);
      mouth ??= mouthGeometry(face.landmarks);
      return mouth[k]!;
    }
    if (kind === 'bottleneck') {
      const k = Number(key);
      if (!Number.isInteger(k) || k < 0 || k >= face.bottleneck.length) throw new Error(`unknown bottleneck feature ${name}`);
      return face.bottleneck[k]!;
    }
    throw new Error(`unknown smile feature ${name}`);
  });
}

/** A scorer applying a trained logistic model. */
export function modelScorer(file: SmileModelFile): SmileScorer {
  return (face) => predictLogistic(file.model, smileFeatures(face, file.model.featureNames));
}
