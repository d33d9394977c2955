import { minimizeLbfgs } from './lbfgs';

/**
 * A small L2-regularised logistic regression, standardising features first, fitted by Newton's method (iteratively
 * reweighted least squares): the loss is convex and, with the L2 term, strictly so, so each step solves one d x d
 * system (Cholesky) and a few steps reach the optimum exactly. A few hundred rows of up to a few hundred features
 * train in milliseconds to a fraction of a second, fast enough for nested cross-validation. A step that does not
 * lower the loss is halved (damped Newton), so it cannot diverge whatever the penalty.
 * With hundreds of features over thousands of rows, building that Hessian is the whole cost (about n d^2 / 2 per
 * step), so there L-BFGS (lbfgs.ts) minimises the very same loss from its gradient alone.
 * Pure TS so the model trained by scripts/train-smile-model.ts is applied by exactly this code in the kiosk.
 * Reference: Hastie, Tibshirani, Friedman, The Elements of Statistical Learning, section 4.4.1.
 */
export interface LogisticModel {
  featureNames: string[];
  mean: number[];
  std: number[];
  weights: number[];
  bias: number;
}

export interface TrainOptions {
  /** L2 penalty on the standardised weights (not on the bias): loss = mean log-loss + l2/2 |w|^2. */
  l2: number;
  /** Most Newton steps (it usually stops after 6-12, when the step is below 1e-8). */
  iterations: number;
  /**
   * Weigh each class by n / (2 n_class), so both count equally in the loss: with unequal classes P(smile) = 0.5 is
   * then the threshold that balances sensitivity and specificity, instead of one that favours the larger class.
   */
  balanced: boolean;
  /**
   * How the loss is minimised; both reach the same optimum (to about 1e-7 on the weights). `auto` takes Newton up to
   * 32 features, where its exact steps are cheap, and L-BFGS above, where the Hessian is the cost.
   */
  solver: 'auto' | 'newton' | 'lbfgs';
}

const defaults: TrainOptions = { l2: 0.01, iterations: 50, balanced: false, solver: 'auto' };
/** Above this many features `auto` uses L-BFGS. */
const newtonMaxFeatures = 32;

/** The solver trainLogistic uses for `features` features. */
export function solverFor(features: number, solver: TrainOptions['solver'] = 'auto'): 'newton' | 'lbfgs' {
  return solver === 'auto' ? (features > newtonMaxFeatures ? 'lbfgs' : 'newton') : solver;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function trainLogistic(
  rows: readonly number[][],
  labels: readonly number[],
  featureNames: string[],
  options: Partial<TrainOptions> = {},
): LogisticModel {
  const { l2, iterations, balanced, solver } = { ...defaults, ...options };
  const n = rows.length;
  const d = featureNames.length;
  if (n === 0) throw new Error('no training rows');
  if (labels.length !== n) throw new Error(`${n} rows but ${labels.length} labels`);
  if (!(l2 > 0)) throw new Error(`l2 must be positive, got ${l2}`);
  for (const r of rows) if (r.length !== d) throw new Error(`expected ${d} features per row, got ${r.length}`);
  const positives = labels.filter((l) => l === 1).length;
  const classWeight = (label: number) => (!balanced ? 1 : n / (2 * Math.max(label === 1 ? positives : n - positives, 1)));
  const rowWeight = Float64Array.from(labels, classWeight);
  const mean = Array.from({ length: d }, (_, j) => rows.reduce((s, r) => s + r[j]!, 0) / n);
  const std = Array.from({ length: d }, (_, j) => Math.sqrt(rows.reduce((s, r) => s + (r[j]! - mean[j]!) ** 2, 0) / n) || 1);
  // Standardised rows with a trailing 1 for the bias: parameters theta = [w..., b].
  const x = rows.map((r) => Float64Array.from({ length: d + 1 }, (_, j) => (j < d ? (r[j]! - mean[j]!) / std[j]! : 1)));
  const m = d + 1;
  if (solverFor(d, solver) === 'lbfgs') {
    const theta = fitLbfgs(x, labels, rowWeight, l2, d);
    return { featureNames, mean, std, weights: Array.from(theta.subarray(0, d)), bias: theta[d]! };
  }
  let theta = new Float64Array(m);
  const loss = (t: Float64Array) => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const z = dot(x[i]!, t);
      // log(1 + e^z) - y z, computed stably.
      sum += rowWeight[i]! * ((z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - labels[i]! * z);
    }
    let penalty = 0;
    for (let j = 0; j < d; j++) penalty += t[j]! ** 2;
    return sum / n + (l2 / 2) * penalty;
  };
  let current = loss(theta);
  for (let it = 0; it < iterations; it++) {
    const gradient = new Float64Array(m);
    const hessian = new Float64Array(m * m);
    for (let i = 0; i < n; i++) {
      const xi = x[i]!;
      const p = sigmoid(dot(xi, theta));
      const err = (rowWeight[i]! * (p - labels[i]!)) / n;
      const weight = (rowWeight[i]! * Math.max(p * (1 - p), 1e-10)) / n;
      for (let j = 0; j < m; j++) {
        gradient[j]! += err * xi[j]!;
        const wx = weight * xi[j]!;
        for (let k = 0; k <= j; k++) hessian[j * m + k]! += wx * xi[k]!;
      }
    }
    for (let j = 0; j < d; j++) {
      gradient[j]! += l2 * theta[j]!;
      hessian[j * m + j]! += l2;
    }
    hessian[d * m + d]! += 1e-9; // the bias is unpenalised; keep the system definite for one-class folds
    const step = choleskySolve(hessian, gradient, m);
    let scale = 1;
    let next = theta;
    let nextLoss = current;
    for (let halvings = 0; halvings < 30; halvings++, scale /= 2) {
      next = theta.map((t, j) => t - scale * step[j]!);
      nextLoss = loss(next);
      if (nextLoss <= current) break;
    }
    if (!(nextLoss <= current)) break;
    const moved = Math.max(...next.map((t, j) => Math.abs(t - theta[j]!)));
    theta = next;
    current = nextLoss;
    if (moved < 1e-8) break;
  }
  return { featureNames, mean, std, weights: Array.from(theta.subarray(0, d)), bias: theta[d]! };
}

/** The penalised weighted log-loss of trainLogistic minimised by L-BFGS, from its value and gradient in one pass. */
function fitLbfgs(x: Float64Array[], labels: readonly number[], rowWeight: Float64Array, l2: number, d: number): Float64Array {
  const n = x.length;
  const m = d + 1;
  // One contiguous block of rows: the pass over them is the whole cost of an evaluation.
  const flat = new Float64Array(n * m);
  x.forEach((row, i) => flat.set(row, i * m));
  const valueAndGradient = (theta: Float64Array, gradient: Float64Array) => {
    gradient.fill(0);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const offset = i * m;
      let z = 0;
      for (let j = 0; j < m; j++) z += flat[offset + j]! * theta[j]!;
      const y = labels[i]!;
      const w = rowWeight[i]!;
      sum += w * ((z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y * z);
      const err = w * (sigmoid(z) - y);
      for (let j = 0; j < m; j++) gradient[j]! += err * flat[offset + j]!;
    }
    let penalty = 0;
    for (let j = 0; j < m; j++) gradient[j]! /= n;
    for (let j = 0; j < d; j++) {
      penalty += theta[j]! ** 2;
      gradient[j]! += l2 * theta[j]!;
    }
    return sum / n + (l2 / 2) * penalty;
  };
  // Stops where the gradient is below 1e-9 or where double precision no longer resolves a lower loss (a gradient of
  // a few 1e-9): either way within about 1e-8 of Newton's weights.
  return minimizeLbfgs(valueAndGradient, new Float64Array(m), { gradientTolerance: 1e-9 }).x;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j]! * b[j]!;
  return s;
}

/** Solves A x = b for a symmetric positive definite A given by its lower triangle (row-major m x m). */
function choleskySolve(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const l = new Float64Array(m * m);
  for (let j = 0; j < m; j++) {
    let diagonal = a[j * m + j]!;
    for (let k = 0; k < j; k++) diagonal -= l[j * m + k]! ** 2;
    const ljj = Math.sqrt(Math.max(diagonal, 1e-12));
    l[j * m + j] = ljj;
    for (let i = j + 1; i < m; i++) {
      let s = a[i * m + j]!;
      for (let k = 0; k < j; k++) s -= l[i * m + k]! * l[j * m + k]!;
      l[i * m + j] = s / ljj;
    }
  }
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * m + k]! * y[k]!;
    y[i] = s / l[i * m + i]!;
  }
  const out = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < m; k++) s -= l[k * m + i]! * out[k]!;
    out[i] = s / l[i * m + i]!;
  }
  return out;
}

/** Probability of the positive class for one feature row. */
export function predictLogistic(model: LogisticModel, row: readonly number[]): number {
  if (row.length !== model.weights.length) throw new Error(`expected ${model.weights.length} features, got ${row.length}`);
  let z = model.bias;
  for (let j = 0; j < row.length; j++) z += (model.weights[j]! * (row[j]! - model.mean[j]!)) / model.std[j]!;
  return sigmoid(z);
}

/**
 * Out-of-fold predictions of k-fold cross-validation (stratified: each class is dealt round-robin into folds after
 * a seeded shuffle), so every score comes from a model that never saw that row.
 */
export function crossValidatedScores(
  rows: readonly number[][],
  labels: readonly number[],
  featureNames: string[],
  folds: number,
  options: Partial<TrainOptions> = {},
  seed = 1,
): number[] {
  const fold = stratifiedFolds(labels, folds, seed);
  const out = new Array<number>(rows.length).fill(Number.NaN);
  for (let f = 0; f < folds; f++) {
    const train = rows.flatMap((_, i) => (fold[i] === f ? [] : [i]));
    const model = trainLogistic(
      train.map((i) => rows[i]!),
      train.map((i) => labels[i]!),
      featureNames,
      options,
    );
    rows.forEach((r, i) => {
      if (fold[i] === f) out[i] = predictLogistic(model, r);
    });
  }
  return out;
}

export function stratifiedFolds(labels: readonly number[], folds: number, seed = 1): number[] {
  if (folds < 2) throw new Error('need at least 2 folds');
  let state = seed >>> 0 || 1;
  const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const fold = new Array<number>(labels.length).fill(0);
  for (const cls of [0, 1]) {
    const idx = labels.flatMap((l, i) => (l === cls ? [i] : []));
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    idx.forEach((row, k) => (fold[row] = k % folds));
  }
  return fold;
}
