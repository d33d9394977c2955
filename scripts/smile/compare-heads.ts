/**
 * Compares smile heads on a feature cache that scripts/train-smile-model.ts filled (`--cache-dir`), by the same nested
 * cross-validation as the shipped model (5 outer folds, hyperparameters chosen by 3-fold inner log-loss, repeated over
 * seeds 1..repeats), without the face nets and without touching the comparison folder: the logistic regression over
 * its penalty grid and a one-hidden-layer MLP (scripts/smile/mlpHead.ts) over a grid of sizes and penalties.
 * Usage:
 *   npx tsx scripts/smile/compare-heads.ts <cache .jsonl> [--features happy+mouth+bottleneck] [--repeats 3]
 *     [--l2-grid 0.01,0.03,0.1,0.3] [--heads logistic,mlp] [--mlp-hidden 16,64] [--mlp-l2 0.001,0.01] [--mlp-epochs 30]
 *     [--limit N] [--seed 2027] [--landmark-shape]
 */
import { parseArgs } from 'node:util';
import { binaryMetrics, rocAuc } from '../../common/smile/classificationMetrics';
import { stratifiedFolds } from '../../common/smile/logisticRegression';
import { smileFeatures } from '../../common/smile/smileScorer';
import { readCachedFaces } from './featureCache';
import { nestedMlp } from './mlpHead';
import { crossValidate, featureNamesOf } from './trainSmileModel';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    features: { type: 'string', default: 'happy+mouth+bottleneck' },
    repeats: { type: 'string', default: '3' },
    'l2-grid': { type: 'string', default: '0.01,0.03,0.1,0.3' },
    heads: { type: 'string', default: 'logistic,mlp' },
    'mlp-hidden': { type: 'string', default: '16,64' },
    'mlp-l2': { type: 'string', default: '0.001,0.01' },
    'mlp-epochs': { type: 'string', default: '30' },
    limit: { type: 'string' },
    seed: { type: 'string', default: '2027' },
    /** Append the 68 landmarks, levelled and in eye-distance units about the eyes' midpoint (136 features). */
    'landmark-shape': { type: 'boolean', default: false },
  },
});
if (!positionals[0]) throw new Error('usage: npx tsx scripts/smile/compare-heads.ts <cache .jsonl> [options] (see the top of this file)');
const numbers = (text: string) => text.split(',').map(Number);
const faces = readCachedFaces(positionals[0], {
  seed: Number(values.seed),
  limit: values.limit === undefined ? undefined : Number(values.limit),
}).filter((f) => f.face);
/** The landmarks with the eyes level, about the eyes' midpoint, in eye-distance units (as mouthGeometry measures). */
function landmarkShape(landmarks: ArrayLike<number>): number[] {
  const centre = (from: number, to: number) => {
    let [x, y] = [0, 0];
    for (let i = from; i <= to; i++) [x, y] = [x + landmarks[2 * i]!, y + landmarks[2 * i + 1]!];
    return [x / (to - from + 1), y / (to - from + 1)] as const;
  };
  const [left, right] = [centre(36, 41), centre(42, 47)];
  const scale = Math.hypot(right[0] - left[0], right[1] - left[1]) || 1;
  const angle = -Math.atan2(right[1] - left[1], right[0] - left[0]);
  const [mx, my] = [(left[0] + right[0]) / 2, (left[1] + right[1]) / 2];
  return Array.from({ length: 68 }, (_, i) => {
    const [x, y] = [landmarks[2 * i]! - mx, landmarks[2 * i + 1]! - my];
    return [(x * Math.cos(angle) - y * Math.sin(angle)) / scale, (x * Math.sin(angle) + y * Math.cos(angle)) / scale];
  }).flat();
}
const names = [
  ...featureNamesOf(values.features!),
  ...(values['landmark-shape'] ? Array.from({ length: 136 }, (_, i) => `shape:${i}`) : []),
];
const base = featureNamesOf(values.features!);
const rows = faces.map((f) => [...smileFeatures(f.face!, base), ...(values['landmark-shape'] ? landmarkShape(f.face!.landmarks!) : [])]);
const labels = faces.map((f) => f.label as number);
const positives = labels.filter((l) => l === 1).length;
// As the training script: classes weighed equally unless already within 45-55 %.
const balanced = Math.abs(positives / labels.length - 0.5) > 0.05;
const repeats = Number(values.repeats);
const heads = values.heads!.split(',');
console.log(
  `${values.features}${values['landmark-shape'] ? '+landmark shape' : ''} (${names.length} features): ${labels.length} faces, ${positives} smiling; ${repeats} seeds`,
);

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: readonly number[]) => (xs.length < 2 ? 0 : Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1)));
const f4 = (x: number) => x.toFixed(4);

if (heads.includes('logistic')) {
  const started = performance.now();
  const cv = crossValidate(rows, labels, names, {
    features: values.features!,
    folds: 5,
    innerFolds: 3,
    repeats,
    l2Grid: numbers(values['l2-grid']!),
    balanced,
  });
  console.log(
    `logistic: balanced ${f4(cv.balancedAccuracy)} ± ${f4(cv.balancedAccuracySd)} seeds, ± ${f4(cv.balancedAccuracyFoldSd)} folds; AUC ${f4(cv.rocAuc)} ± ${f4(cv.rocAucSd)} seeds, ± ${f4(cv.rocAucFoldSd)} folds; Se ${f4(cv.sensitivity)} Sp ${f4(cv.specificity)}; penalties chosen ${cv.chosenL2.join(',')}; ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
}

if (heads.includes('mlp')) {
  const grid = numbers(values['mlp-hidden']!).flatMap((hidden) => numbers(values['mlp-l2']!).map((l2) => ({ hidden, l2 })));
  const started = performance.now();
  const runs = Array.from({ length: repeats }, (_, r) => {
    const seed = r + 1;
    const { scores, chosen } = nestedMlp(rows, labels, names, {
      folds: 5,
      innerFolds: 3,
      grid,
      seed,
      fit: { epochs: Number(values['mlp-epochs']), balanced },
    });
    const fold = stratifiedFolds(labels, 5, seed);
    const perFold = Array.from({ length: 5 }, (_, f) => {
      const idx = labels.flatMap((_, i) => (fold[i] === f ? [i] : []));
      const s = idx.map((i) => scores[i]!);
      const l = idx.map((i) => labels[i]!);
      return { balanced: binaryMetrics(s, l, 0.5).balancedAccuracy, auc: rocAuc(s, l) };
    });
    const m = binaryMetrics(scores, labels, 0.5);
    console.log(
      `  mlp seed ${seed}: balanced ${f4(m.balancedAccuracy)} AUC ${f4(rocAuc(scores, labels))}; chosen ${chosen.map((c) => `${c.hidden}/${c.l2}`).join(',')}; ${((performance.now() - started) / 1000).toFixed(0)} s so far`,
    );
    return { m, auc: rocAuc(scores, labels), perFold };
  });
  const folds = runs.flatMap((r) => r.perFold);
  console.log(
    `mlp: balanced ${f4(mean(runs.map((r) => r.m.balancedAccuracy)))} ± ${f4(sd(runs.map((r) => r.m.balancedAccuracy)))} seeds, ± ${f4(sd(folds.map((f) => f.balanced)))} folds; AUC ${f4(mean(runs.map((r) => r.auc)))} ± ${f4(sd(runs.map((r) => r.auc)))} seeds, ± ${f4(sd(folds.map((f) => f.auc)))} folds; Se ${f4(mean(runs.map((r) => r.m.sensitivity)))} Sp ${f4(mean(runs.map((r) => r.m.specificity)))}; ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
}
