import { binaryMetrics, rocAuc } from '../../common/smile/classificationMetrics';
import { expressionNames, type FaceAnalyzerOptions } from '../../common/smile/faceAnalyzer';
import { solverFor, stratifiedFolds, trainLogistic } from '../../common/smile/logisticRegression';
import { mouthFeatureNames } from '../../common/smile/mouthGeometry';
import { modelScorer, smileFeatures, type SmileModelFile } from '../../common/smile/smileScorer';
import type { CachedFace } from './featureCache';
import { chooseHyperparameters, nestedCrossValidation, type NestedCvOptions } from './nestedCrossValidation';

/**
 * Fits the smile model from faces the kiosk's pipeline already described (scripts/smile/featureCache.ts): nested
 * cross-validation on the training folder (the penalty chosen again inside every outer training fold), repeated over
 * seeds, for out-of-sample figures with their spread; then the shipped model, tuned and fitted on every training face,
 * scored once on a fixed comparison folder that no choice was made on. The classes are weighed equally when the
 * training folder is unbalanced, so the fixed threshold P(smile) = 0.5 balances sensitivity and specificity.
 */
const logits = expressionNames.map((e) => `logit:${e}`);
const mouth = mouthFeatureNames.map((m) => `mouth:${m}`);
const bottleneck = Array.from({ length: 256 }, (_, i) => `bottleneck:${i}`);

/** Named feature sets (smileScorer.ts feature names). `bottleneck` is the expression net's 256-d inner layer. */
export const featureSets: Record<string, string[]> = {
  happy: ['logit:happy'],
  logit: logits,
  mouth,
  'happy+mouth': ['logit:happy', ...mouth],
  'logit+mouth': [...logits, ...mouth],
  'bottleneck+mouth': [...bottleneck, ...mouth],
  'happy+mouth+bottleneck': ['logit:happy', ...mouth, ...bottleneck],
};

export interface TrainSmileOptions {
  features: string;
  folds: number;
  innerFolds: number;
  /** Nested CV is repeated with seeds 1..repeats. */
  repeats: number;
  l2Grid: number[];
  /** Weigh the classes equally (logisticRegression `balanced`). */
  balanced: boolean;
}

export interface CvFigures {
  rocAuc: number;
  rocAucSd: number;
  balancedAccuracy: number;
  /** Spread over the repeats (different fold splits). */
  balancedAccuracySd: number;
  /** Spread over the single outer folds of all repeats (how much a tenth of the faces varies). */
  balancedAccuracyFoldSd: number;
  rocAucFoldSd: number;
  sensitivity: number;
  specificity: number;
  /** Out-of-fold decisions at 0.5 of every repeat, per face, for a second-rater comparison. */
  decided: number[][];
  /** The penalty each outer training fold chose, all repeats. */
  chosenL2: number[];
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: readonly number[]) => (xs.length < 2 ? 0 : Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1)));

export function featureNamesOf(features: string): string[] {
  const names = featureSets[features];
  if (!names) throw new Error(`--features must be one of ${Object.keys(featureSets).join(', ')}`);
  return names;
}

/** Nested cross-validation over `repeats` seeds, decided at P(smile) = 0.5. */
export function crossValidate(rows: number[][], labels: number[], names: string[], options: TrainSmileOptions): CvFigures {
  const cv: Omit<NestedCvOptions, 'seed'> = {
    folds: options.folds,
    innerFolds: options.innerFolds,
    l2Grid: options.l2Grid,
    balanced: options.balanced,
  };
  const runs = Array.from({ length: options.repeats }, (_, r) => {
    const seed = r + 1;
    const { scores, chosen } = nestedCrossValidation(rows, labels, names, { ...cv, seed });
    // The same outer split nestedCrossValidation used, for per-fold figures.
    const fold = stratifiedFolds(labels, options.folds, seed);
    const perFold = Array.from({ length: options.folds }, (_, f) => {
      const idx = labels.flatMap((_, i) => (fold[i] === f ? [i] : []));
      const s = idx.map((i) => scores[i]!);
      const l = idx.map((i) => labels[i]!);
      return { auc: rocAuc(s, l), balanced: binaryMetrics(s, l, 0.5).balancedAccuracy };
    });
    return { scores, chosen, metrics: binaryMetrics(scores, labels, 0.5), auc: rocAuc(scores, labels), perFold };
  });
  const folds = runs.flatMap((r) => r.perFold);
  return {
    rocAuc: mean(runs.map((r) => r.auc)),
    rocAucSd: sd(runs.map((r) => r.auc)),
    balancedAccuracy: mean(runs.map((r) => r.metrics.balancedAccuracy)),
    balancedAccuracySd: sd(runs.map((r) => r.metrics.balancedAccuracy)),
    balancedAccuracyFoldSd: sd(folds.map((f) => f.balanced).filter(Number.isFinite)),
    rocAucFoldSd: sd(folds.map((f) => f.auc).filter(Number.isFinite)),
    sensitivity: mean(runs.map((r) => r.metrics.sensitivity)),
    specificity: mean(runs.map((r) => r.metrics.specificity)),
    decided: runs.map((r) => r.scores.map((s) => (s >= 0.5 ? 1 : 0))),
    chosenL2: runs.flatMap((r) => r.chosen.map((c) => c.l2)),
  };
}

export interface ComparisonFigures {
  images: number;
  facesDetected: number;
  rocAuc: number;
  balancedAccuracy: number;
  sensitivity: number;
  specificity: number;
  /** Every image, a face the detector missed counted as "not smiling". */
  endToEndBalancedAccuracy: number;
}

/** A model scored once on a folder's cached faces at its own threshold. */
export function scoreFolder(model: SmileModelFile, faces: readonly CachedFace[]): ComparisonFigures {
  const scorer = modelScorer(model);
  const found = faces.filter((f) => f.face);
  const scores = found.map((f) => scorer(f.face!));
  const labels = found.map((f) => f.label);
  const m = binaryMetrics(scores, labels, model.threshold);
  const all = binaryMetrics(
    faces.map((f) => (f.face ? scorer(f.face) : model.threshold - 1)),
    faces.map((f) => f.label),
    model.threshold,
  );
  return {
    images: faces.length,
    facesDetected: found.length,
    rocAuc: rocAuc(scores, labels),
    balancedAccuracy: m.balancedAccuracy,
    sensitivity: m.sensitivity,
    specificity: m.specificity,
    endToEndBalancedAccuracy: all.balancedAccuracy,
  };
}

const r4 = (x: number) => Number(x.toFixed(4));
const round = (xs: number[]) => xs.map((x) => Number(x.toPrecision(6)));

export interface TrainedSmileModel {
  file: SmileModelFile;
  cv: CvFigures;
  comparison: ComparisonFigures | null;
}

/**
 * Cross-validates and fits the model on `train` and, when given, scores it once on `comparison`. `describe` fills the
 * model file's provenance (command, data set, version).
 */
export function trainSmileModel(
  train: readonly CachedFace[],
  comparison: readonly CachedFace[] | null,
  options: TrainSmileOptions,
  describe: {
    version: number;
    command: string;
    dataset: string;
    comparisonDataset?: string;
    analyzer: FaceAnalyzerOptions;
    padFactor: number;
    seed: number;
  },
): TrainedSmileModel {
  const names = featureNamesOf(options.features);
  const found = train.filter((f) => f.face);
  const labels = found.map((f) => f.label as number);
  const positives = labels.filter((l) => l === 1).length;
  if (positives < options.folds || labels.length - positives < options.folds)
    throw new Error(
      `need at least ${options.folds} detected faces of each class, got ${positives} smiling and ${labels.length - positives} other`,
    );
  const rows = found.map((f) => smileFeatures(f.face!, names));
  const cv = crossValidate(rows, labels, names, options);
  const final = chooseHyperparameters(rows, labels, names, {
    innerFolds: options.innerFolds,
    l2Grid: options.l2Grid,
    seed: 1,
    balanced: options.balanced,
  });
  const model = trainLogistic(rows, labels, names, { l2: final.l2, balanced: options.balanced });
  const file: SmileModelFile = {
    version: describe.version,
    description: `Logistic regression on ${options.features} features of the kiosk's FaceAnalyzer${options.balanced ? ', classes weighed equally' : ''}; score = P(smile).`,
    training: {
      script: 'scripts/train-smile-model.ts',
      command: describe.command,
      seed: describe.seed,
      dataset: describe.dataset,
      images: train.length,
      facesDetected: found.length,
      smilingFaces: positives,
      balancedClasses: options.balanced,
      l2: final.l2,
      l2Grid: options.l2Grid,
      solver: solverFor(names.length),
      thresholdChosenBy: `fixed at 0.5 on P(smile) before training${options.balanced ? ' (classes weighed equally, so 0.5 balances sensitivity and specificity)' : ' (balanced classes)'}`,
      trainedAt: new Date().toISOString().slice(0, 10),
    },
    analyzer: describe.analyzer,
    evalPadFactor: describe.padFactor,
    model: {
      ...model,
      mean: round(model.mean),
      std: round(model.std),
      weights: round(model.weights),
      bias: Number(model.bias.toPrecision(6)),
    },
    threshold: 0.5,
    crossValidation: {
      method: 'nested cross-validation on the training folder: penalty chosen inside each outer training fold; decisions at 0.5',
      outerFolds: options.folds,
      innerFolds: options.innerFolds,
      repeats: options.repeats,
      rocAuc: r4(cv.rocAuc),
      rocAucSd: r4(cv.rocAucSd),
      rocAucFoldSd: r4(cv.rocAucFoldSd),
      balancedAccuracy: r4(cv.balancedAccuracy),
      balancedAccuracySd: r4(cv.balancedAccuracySd),
      balancedAccuracyFoldSd: r4(cv.balancedAccuracyFoldSd),
    },
    // The classifier's known error, which corrects the observed share of smiling visitors (common/smileShare.ts): the
    // out-of-fold decisions of the nested CV at the shipped threshold, mean of the repeats, and the numbers of smiling
    // and other faces they were measured on (the estimator's uncertainty of Se and Sp comes from these counts).
    operatingPoint: {
      method: `nested cross-validation out-of-fold decisions at the shipped threshold, mean of ${options.repeats} repeats`,
      sensitivity: r4(cv.sensitivity),
      specificity: r4(cv.specificity),
      positives,
      negatives: labels.length - positives,
    },
  };
  let scored: ComparisonFigures | null = null;
  if (comparison) {
    scored = scoreFolder(file, comparison);
    file.heldOut = {
      split: `${describe.comparisonDataset ?? 'comparison folder'}: a fixed comparison set, never used for fitting or choosing`,
      images: scored.images,
      facesDetected: scored.facesDetected,
      rocAuc: r4(scored.rocAuc),
      balancedAccuracy: r4(scored.balancedAccuracy),
      sensitivity: r4(scored.sensitivity),
      specificity: r4(scored.specificity),
      endToEndBalancedAccuracy: r4(scored.endToEndBalancedAccuracy),
      threshold: file.threshold,
    };
  }
  return { file, cv, comparison: scored };
}
