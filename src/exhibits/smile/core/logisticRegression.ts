/**
 * A small L2-regularised logistic regression, standardising features first, fitted by full-batch gradient descent
 * with Nesterov momentum (convex, so it converges to the one optimum; a few hundred samples train in about a
 * second). The step is 1/L, L the gradient's Lipschitz constant (largest eigenvalue of X'X/n, by power iteration,
 * over 4, plus the L2 weight), so it cannot diverge whatever the penalty or the number of features. Pure TS so the model trained by scripts/train-smile-model.ts is applied by exactly this code in the kiosk.
 */
export interface LogisticModel {
  featureNames: string[];
  mean: number[];
  std: number[];
  weights: number[];
  bias: number;
}

export interface TrainOptions {
  /** L2 penalty on the standardised weights (not on the bias). */
  l2: number;
  iterations: number;
}

const defaults: TrainOptions = { l2: 0.01, iterations: 2000 };

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function trainLogistic(rows: readonly number[][], labels: readonly number[], featureNames: string[], options: Partial<TrainOptions> = {}): LogisticModel {
  const { l2, iterations } = { ...defaults, ...options };
  const n = rows.length;
  const d = featureNames.length;
  if (n === 0) throw new Error('no training rows');
  if (labels.length !== n) throw new Error(`${n} rows but ${labels.length} labels`);
  for (const r of rows) if (r.length !== d) throw new Error(`expected ${d} features per row, got ${r.length}`);
  const mean = Array.from({ length: d }, (_, j) => rows.reduce((s, r) => s + r[j]!, 0) / n);
  const std = Array.from({ length: d }, (_, j) => Math.sqrt(rows.reduce((s, r) => s + (r[j]! - mean[j]!) ** 2, 0) / n) || 1);
  const x = rows.map((r) => r.map((v, j) => (v - mean[j]!) / std[j]!));
  const learningRate = 1 / (largestEigenvalue(x) / 4 + l2 + 0.25);
  let w = new Array<number>(d).fill(0);
  let b = 0;
  let vw = new Array<number>(d).fill(0);
  let vb = 0;
  const momentum = 0.9;
  for (let it = 0; it < iterations; it++) {
    // Nesterov: gradient at the look-ahead point.
    const lw = w.map((wj, j) => wj + momentum * vw[j]!);
    const lb = b + momentum * vb;
    const gw = lw.map((wj) => l2 * wj);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const xi = x[i]!;
      let z = lb;
      for (let j = 0; j < d; j++) z += lw[j]! * xi[j]!;
      const err = (sigmoid(z) - labels[i]!) / n;
      gb += err;
      for (let j = 0; j < d; j++) gw[j]! += err * xi[j]!;
    }
    vw = vw.map((v, j) => momentum * v - learningRate * gw[j]!);
    vb = momentum * vb - learningRate * gb;
    w = w.map((wj, j) => wj + vw[j]!);
    b += vb;
  }
  return { featureNames, mean, std, weights: w, bias: b };
}

/** Largest eigenvalue of X'X/n by power iteration (the bias column adds at most 1, covered by the 0.25 above). */
function largestEigenvalue(x: number[][]): number {
  const d = x[0]!.length;
  let v = new Array<number>(d).fill(1 / Math.sqrt(d));
  let lambda = 0;
  for (let it = 0; it < 30; it++) {
    const next = new Array<number>(d).fill(0);
    for (const row of x) {
      let dot = 0;
      for (let j = 0; j < d; j++) dot += row[j]! * v[j]!;
      for (let j = 0; j < d; j++) next[j]! += (dot * row[j]!) / x.length;
    }
    lambda = Math.hypot(...next);
    if (lambda === 0) return 0;
    v = next.map((n) => n / lambda);
  }
  return lambda * 1.05; // power iteration approaches from below
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
export function crossValidatedScores(rows: readonly number[][], labels: readonly number[], featureNames: string[], folds: number, options: Partial<TrainOptions> = {}, seed = 1): number[] {
  const fold = stratifiedFolds(labels, folds, seed);
  const out = new Array<number>(rows.length).fill(Number.NaN);
  for (let f = 0; f < folds; f++) {
    const train = rows.flatMap((_, i) => (fold[i] === f ? [] : [i]));
    const model = trainLogistic(train.map((i) => rows[i]!), train.map((i) => labels[i]!), featureNames, options);
    rows.forEach((r, i) => {
      if (fold[i] === f) out[i] = predictLogistic(model, r);
    });
  }
  return out;
}

export function stratifiedFolds(labels: readonly number[], folds: number, seed = 1): number[] {
  if (folds < 2) throw new Error('need at least 2 folds');
  let state = seed >>> 0 || 1;
  const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
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
