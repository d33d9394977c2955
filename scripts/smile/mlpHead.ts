import { sigmoid, stratifiedFolds } from '../../common/smile/logisticRegression';
import { logLoss } from './nestedCrossValidation';

/**
 * A small smile head with one hidden layer (tanh), an alternative to the logistic regression on the same cached
 * features, to see whether a non-linear head gains anything. Plain TS on Float64Arrays: a few thousand faces of a few
 * hundred features train in seconds, and one hidden layer of a few dozen units costs a few microseconds per face.
 * Same loss as the logistic head (class-balanced mean log-loss, L2 on the weights, not on the biases), minimised by
 * Adam on seeded mini-batches (Kingma & Ba, 2015) for a fixed number of epochs, so a fit is reproducible. Its size
 * and penalty are chosen by the same nested cross-validation as the logistic head's penalty (nestedMlp below).
 */
export interface MlpOptions {
  hidden: number;
  l2: number;
  epochs: number;
  batch: number;
  learningRate: number;
  balanced: boolean;
  seed: number;
}

export interface MlpModel {
  featureNames: string[];
  mean: number[];
  std: number[];
  hidden: number;
  /** hidden x features, row-major. */
  inputWeights: number[];
  hiddenBias: number[];
  outputWeights: number[];
  outputBias: number;
}

export const defaultMlpOptions: MlpOptions = { hidden: 16, l2: 1e-3, epochs: 30, batch: 64, learningRate: 1e-3, balanced: true, seed: 1 };

function random(seed: number) {
  let state = seed >>> 0 || 1;
  return () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

export function trainMlp(
  rows: readonly number[][],
  labels: readonly number[],
  featureNames: string[],
  options: Partial<MlpOptions> = {},
): MlpModel {
  const o = { ...defaultMlpOptions, ...options };
  const n = rows.length;
  const d = featureNames.length;
  const h = o.hidden;
  if (n === 0) throw new Error('no training rows');
  if (labels.length !== n) throw new Error(`${n} rows but ${labels.length} labels`);
  const mean = Array.from({ length: d }, (_, j) => rows.reduce((s, r) => s + r[j]!, 0) / n);
  const std = Array.from({ length: d }, (_, j) => Math.sqrt(rows.reduce((s, r) => s + (r[j]! - mean[j]!) ** 2, 0) / n) || 1);
  const x = new Float64Array(n * d);
  rows.forEach((r, i) => {
    for (let j = 0; j < d; j++) x[i * d + j] = (r[j]! - mean[j]!) / std[j]!;
  });
  const positives = labels.filter((l) => l === 1).length;
  const rowWeight = Float64Array.from(labels, (l) => (!o.balanced ? 1 : n / (2 * Math.max(l === 1 ? positives : n - positives, 1))));
  const rand = random(o.seed);
  const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
  // Parameters in one vector: input weights (h x d), hidden biases (h), output weights (h), output bias.
  const size = h * d + h + h + 1;
  const theta = new Float64Array(size);
  for (let k = 0; k < h * d; k++) theta[k] = gauss() / Math.sqrt(d);
  for (let k = 0; k < h; k++) theta[h * d + h + k] = gauss() / Math.sqrt(h);
  const penalised = (k: number) => k < h * d || (k >= h * d + h && k < h * d + 2 * h);
  const gradient = new Float64Array(size);
  const m1 = new Float64Array(size);
  const m2 = new Float64Array(size);
  const hiddenOut = new Float64Array(h);
  const order = Array.from({ length: n }, (_, i) => i);
  let t = 0;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (let start = 0; start < n; start += o.batch) {
      const end = Math.min(start + o.batch, n);
      gradient.fill(0);
      for (let b = start; b < end; b++) {
        const i = order[b]!;
        const offset = i * d;
        let z = theta[size - 1]!;
        for (let u = 0; u < h; u++) {
          let a = theta[h * d + u]!;
          const w = u * d;
          for (let j = 0; j < d; j++) a += theta[w + j]! * x[offset + j]!;
          hiddenOut[u] = Math.tanh(a);
          z += theta[h * d + h + u]! * hiddenOut[u]!;
        }
        const err = rowWeight[i]! * (sigmoid(z) - labels[i]!);
        gradient[size - 1]! += err;
        for (let u = 0; u < h; u++) {
          gradient[h * d + h + u]! += err * hiddenOut[u]!;
          const back = err * theta[h * d + h + u]! * (1 - hiddenOut[u]! ** 2);
          gradient[h * d + u]! += back;
          const w = u * d;
          for (let j = 0; j < d; j++) gradient[w + j]! += back * x[offset + j]!;
        }
      }
      const count = end - start;
      t++;
      const correction1 = 1 - 0.9 ** t;
      const correction2 = 1 - 0.999 ** t;
      for (let k = 0; k < size; k++) {
        const g = gradient[k]! / count + (penalised(k) ? o.l2 * theta[k]! : 0);
        m1[k] = 0.9 * m1[k]! + 0.1 * g;
        m2[k] = 0.999 * m2[k]! + 0.001 * g * g;
        theta[k]! -= (o.learningRate * (m1[k]! / correction1)) / (Math.sqrt(m2[k]! / correction2) + 1e-8);
      }
    }
  }
  const round = (xs: Float64Array) => Array.from(xs);
  return {
    featureNames,
    mean,
    std,
    hidden: h,
    inputWeights: round(theta.subarray(0, h * d)),
    hiddenBias: round(theta.subarray(h * d, h * d + h)),
    outputWeights: round(theta.subarray(h * d + h, h * d + 2 * h)),
    outputBias: theta[size - 1]!,
  };
}

/** P(smile) of one feature row. */
export function predictMlp(model: MlpModel, row: readonly number[]): number {
  const d = model.featureNames.length;
  if (row.length !== d) throw new Error(`expected ${d} features, got ${row.length}`);
  let z = model.outputBias;
  for (let u = 0; u < model.hidden; u++) {
    let a = model.hiddenBias[u]!;
    for (let j = 0; j < d; j++) a += (model.inputWeights[u * d + j]! * (row[j]! - model.mean[j]!)) / model.std[j]!;
    z += model.outputWeights[u]! * Math.tanh(a);
  }
  return sigmoid(z);
}

export interface MlpGridPoint {
  hidden: number;
  l2: number;
}

function outOfFold(
  rows: readonly number[][],
  labels: readonly number[],
  names: string[],
  folds: number,
  seed: number,
  options: Partial<MlpOptions>,
): number[] {
  const fold = stratifiedFolds(labels, folds, seed);
  const scores = new Array<number>(rows.length).fill(Number.NaN);
  for (let f = 0; f < folds; f++) {
    const train = rows.flatMap((_, i) => (fold[i] === f ? [] : [i]));
    const model = trainMlp(
      train.map((i) => rows[i]!),
      train.map((i) => labels[i]!),
      names,
      options,
    );
    rows.forEach((r, i) => {
      if (fold[i] === f) scores[i] = predictMlp(model, r);
    });
  }
  return scores;
}

/**
 * Nested cross-validation of the MLP head with the same outer and inner splits as the logistic head's
 * (nestedCrossValidation.ts): in each outer training fold, the grid point with the lowest inner out-of-fold log-loss
 * is fitted on the whole fold and scores the outer test fold.
 */
export function nestedMlp(
  rows: readonly number[][],
  labels: readonly number[],
  names: string[],
  options: { folds: number; innerFolds: number; grid: MlpGridPoint[]; seed: number; fit: Partial<MlpOptions> },
): { scores: number[]; chosen: MlpGridPoint[] } {
  const fold = stratifiedFolds(labels, options.folds, options.seed);
  const scores = new Array<number>(rows.length).fill(Number.NaN);
  const chosen: MlpGridPoint[] = [];
  for (let f = 0; f < options.folds; f++) {
    const train = rows.flatMap((_, i) => (fold[i] === f ? [] : [i]));
    const trainRows = train.map((i) => rows[i]!);
    const trainLabels = train.map((i) => labels[i]!);
    let best: { point: MlpGridPoint; loss: number } | null = null;
    for (const point of options.grid) {
      const inner = outOfFold(trainRows, trainLabels, names, options.innerFolds, options.seed * 7919 + f + 1, { ...options.fit, ...point });
      const loss = logLoss(inner, trainLabels);
      if (!best || loss < best.loss) best = { point, loss };
    }
    chosen.push(best!.point);
    const model = trainMlp(trainRows, trainLabels, names, { ...options.fit, ...best!.point });
    rows.forEach((r, i) => {
      if (fold[i] === f) scores[i] = predictMlp(model, r);
    });
  }
  return { scores, chosen };
}
