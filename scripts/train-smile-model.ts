/**
 * Retrains the kiosk's smile model (src/exhibits/smile/core/smileModel.json) from a labelled folder laid out like
 * ../shared/datasets/smiles-dev (smile/ and no-smile/ face images). Every image is padded, run through the kiosk's
 * FaceAnalyzer (same code as the camera worker), and a logistic regression is fitted on the chosen features.
 * Cross-validated (stratified 10-fold, out-of-fold) metrics of each candidate feature set are printed and the chosen
 * set's are stored with the model: they estimate accuracy on faces NOT in the training folder; the in-sample fit
 * would flatter it. Usage:
 *   npx tsx scripts/train-smile-model.ts [folder] [--features logit+mouth] [--l2 0.1] [--dry-run]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FaceAnalyzer, expressionNames, type FaceAnalyzerOptions, type FaceObservation } from '../src/exhibits/smile/core/faceAnalyzer';
import { bestBalancedThreshold, binaryMetrics, rocAuc } from '../src/exhibits/smile/core/classificationMetrics';
import { crossValidatedScores, trainLogistic } from '../src/exhibits/smile/core/logisticRegression';
import { mouthFeatureNames } from '../src/exhibits/smile/core/mouthGeometry';
import { padImage } from '../src/exhibits/smile/core/rgbImage';
import { smileFeatures, type SmileModelFile } from '../src/exhibits/smile/core/smileScorer';
import { decodeImageFile } from '../electron/node/smile/decodeImageFile';
import { listLabelledImages } from '../electron/node/smile/evaluateSmileFolder';
import { loadFaceApi } from '../electron/node/smile/loadFaceApi';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    features: { type: 'string', default: 'logit+mouth' },
    l2: { type: 'string', default: '0.1' },
    pad: { type: 'string', default: '3' },
    'crop-scales': { type: 'string', default: '1.0' },
    flip: { type: 'string', default: 'true' },
    /** Keep the extracted features in this JSON file and reuse them (same options) to try other models quickly. */
    cache: { type: 'string' },
    'bottleneck-l2': { type: 'string', default: '1' },
    'dry-run': { type: 'boolean', default: false },
  },
});
const folder = resolve(positionals[0] ?? join(root, '..', 'shared', 'datasets', 'smiles-dev'));
if (!existsSync(folder)) {
  console.error(`${folder} not found: pass a folder with smile/ and no-smile/ subfolders (e.g. ../shared/datasets/smiles-dev)`);
  process.exit(1);
}

const featureSets: Record<string, string[]> = {
  happy: ['logit:happy'],
  logit: expressionNames.map((e) => `logit:${e}`),
  mouth: mouthFeatureNames.map((m) => `mouth:${m}`),
  'logit+mouth': [...expressionNames.map((e) => `logit:${e}`), ...mouthFeatureNames.map((m) => `mouth:${m}`)],
  'bottleneck+mouth': [...Array.from({ length: 256 }, (_, i) => `bottleneck:${i}`), ...mouthFeatureNames.map((m) => `mouth:${m}`)],
};
const chosen = values.features!;
if (!featureSets[chosen]) throw new Error(`--features must be one of ${Object.keys(featureSets).join(', ')}`);
const l2 = Number(values.l2);
const bottleneckL2 = Number(values['bottleneck-l2']);
const padFactor = Number(values.pad);
const analyzerOptions: FaceAnalyzerOptions = { inputSize: 224, scoreThreshold: 0.3, flip: values.flip !== 'false', landmarks: true, cropScales: values['crop-scales']!.split(',').map(Number) };

const { faceapi } = await loadFaceApi('wasm');
const analyzer = new FaceAnalyzer(faceapi, analyzerOptions);
const images = listLabelledImages(folder);
let faces: Array<{ face: FaceObservation; label: number }> = [];
const cacheKey = JSON.stringify({ folder, padFactor, analyzerOptions, images: images.length });
const cached = values.cache && existsSync(values.cache) ? (JSON.parse(readFileSync(values.cache, 'utf8')) as { key: string; faces: typeof faces }) : null;
if (cached?.key === cacheKey) {
  faces = cached.faces.map(({ face, label }) => ({ label, face: { ...face, bottleneck: Float32Array.from(face.bottleneck), landmarks: face.landmarks && Float32Array.from(face.landmarks) } }));
} else {
  for (const { file, label } of images) {
    const tensor = analyzer.toTensor(padImage(decodeImageFile(file), padFactor));
    const found = await analyzer.analyze(tensor).finally(() => tensor.dispose());
    const best = found.sort((a, b) => b.detectionScore - a.detectionScore)[0];
    if (best) faces.push({ face: best, label });
  }
  if (values.cache) {
    const plain = faces.map(({ face, label }) => ({ label, face: { ...face, bottleneck: Array.from(face.bottleneck), landmarks: face.landmarks && Array.from(face.landmarks) } }));
    writeFileSync(values.cache, JSON.stringify({ key: cacheKey, faces: plain }));
  }
}
const labels = faces.map((f) => f.label);
console.log(`${folder}: ${images.length} images, ${faces.length} faces detected (pad ${padFactor}, crop scales ${analyzerOptions.cropScales.join(',')})`);

const folds = 10;
/**
 * Repeated stratified k-fold: one split's figure moves by about +-0.005 with the fold assignment alone, so the
 * small feature sets are averaged over 5 different splits (seeds 1-5); the 261-feature set (slow) uses one.
 */
function crossValidate(names: string[], penalty = l2) {
  const rows = faces.map((f) => smileFeatures(f.face, names));
  const seeds = names.length > 50 ? [1] : [1, 2, 3, 4, 5];
  const runs = seeds.map((seed) => crossValidatedScores(rows, labels, names, folds, { l2: penalty }, seed));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    rows,
    oof: runs[0]!,
    repeats: seeds.length,
    auc: mean(runs.map((oof) => rocAuc(oof, labels))),
    balanced05: mean(runs.map((oof) => binaryMetrics(oof, labels, 0.5).balancedAccuracy)),
    accuracy05: mean(runs.map((oof) => binaryMetrics(oof, labels, 0.5).accuracy)),
    runs,
  };
}
const rawHappy = faces.map((f) => f.face.expressions[1]!);
const raw = binaryMetrics(rawHappy, labels, 0.5);
console.log(`happy (kiosk crops${analyzerOptions.flip ? ", mirror-averaged" : ""}) @0.5: auc ${rocAuc(rawHappy, labels).toFixed(4)} balanced ${raw.balancedAccuracy.toFixed(4)} accuracy ${raw.accuracy.toFixed(4)}`);
let result: ReturnType<typeof crossValidate> | null = null;
for (const [name, names] of Object.entries(featureSets)) {
  // The 261-feature set only at the chosen penalty (slow); the small sets across a few, to show the sensitivity.
  const big = names.length > 50;
  for (const penalty of big ? [...new Set([bottleneckL2, ...(name === chosen ? [l2] : [])])] : [...new Set([l2, 0.01, 0.1, 1])]) {
    const cv = crossValidate(names, penalty);
    console.log(`${name.padEnd(18)} l2=${String(penalty).padEnd(5)} CV ${folds}-fold x${cv.repeats}: auc ${cv.auc.toFixed(4)} balanced@0.5 ${cv.balanced05.toFixed(4)} accuracy@0.5 ${cv.accuracy05.toFixed(4)}`);
    if (name === chosen && penalty === l2) result = cv;
  }
}
const names = featureSets[chosen]!;
// The threshold maximising balanced accuracy of the out-of-fold scores (close to 0.5 for these balanced classes).
const threshold = Number(bestBalancedThreshold(result!.oof, labels).toFixed(4));
// Still optimistic by the choice of threshold on these same scores: the 0.5 figures are the headline.
const atT = result!.runs.map((oof) => binaryMetrics(oof, labels, threshold));
const model = trainLogistic(result!.rows, labels, names, { l2 });
const round = (xs: number[]) => xs.map((x) => Number(x.toPrecision(6)));
const file: SmileModelFile = {
  description: `Logistic regression on ${chosen} features of the kiosk's FaceAnalyzer; score = P(smile).`,
  training: {
    script: 'scripts/train-smile-model.ts',
    command: `npx tsx scripts/train-smile-model.ts ../shared/datasets/smiles-dev --features ${chosen} --l2 ${l2} --pad ${padFactor} --crop-scales ${analyzerOptions.cropScales.join(',')}`,
    dataset: 'smiles-dev (SMILEsmileD positives7/negatives7, LFW faces, 64x64 grayscale)',
    images: images.length,
    facesDetected: faces.length,
    l2,
    trainedAt: new Date().toISOString().slice(0, 10),
  },
  analyzer: analyzerOptions,
  evalPadFactor: padFactor,
  model: { ...model, mean: round(model.mean), std: round(model.std), weights: round(model.weights), bias: Number(model.bias.toPrecision(6)) },
  threshold,
  crossValidation: {
    folds,
    repeats: result!.repeats,
    rocAuc: Number(result!.auc.toFixed(4)),
    balancedAccuracyAt05: Number(result!.balanced05.toFixed(4)),
    accuracyAt05: Number(result!.accuracy05.toFixed(4)),
    balancedAccuracyAtThreshold: Number((atT.reduce((a, m) => a + m.balancedAccuracy, 0) / atT.length).toFixed(4)),
  },
};
console.log(JSON.stringify(file.crossValidation), `threshold ${threshold}`);
if (!values['dry-run']) {
  const out = join(root, 'src', 'exhibits', 'smile', 'core', 'smileModel.json');
  writeFileSync(out, `${JSON.stringify(file, null, 2)}\n`);
  console.log(`wrote ${out}`);
}
