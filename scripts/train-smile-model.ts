/**
 * Retrains the kiosk's smile model (common/smile/smileModel.json) from a labelled folder laid out like
 * ../shared/datasets/smiles-dev (smile/ and no-smile/ face images). Every image is padded, run through the kiosk's
 * FaceAnalyzer (same code as the camera worker), and an L2 logistic regression is fitted on the chosen features.
 *
 * The figures stored with the model are out-of-sample, for faces NOT used to fit or tune it:
 *  - `crossValidation`: nested cross-validation (10 outer folds, the penalty (and, with `--threshold tuned`, the
 *    threshold) chosen again inside each outer training fold by 5-fold CV), repeated over 5 seeds: mean and spread;
 *  - `heldOut`: a fixed quarter of the images (stratified, seed 2026) set aside before any choice was made; the model
 *    is tuned and trained on the other three quarters and scored once on it.
 * The shipped model is then tuned and trained on every detected face. The threshold is 0.5 on P(smile) by default,
 * fixed before looking at the data: the two classes are about equally frequent in the training folder, so 0.5 on the
 * fitted probability is the balanced-accuracy threshold, and a threshold tuned on ~400 faces measured slightly WORSE
 * out of sample (it chases noise). `--threshold tuned` tunes it anyway. Usage:
 *   npx tsx scripts/train-smile-model.ts [folder] [--features happy+mouth] [--crop-scales 0.85,1]
 *     [--threshold fixed|tuned] [--pad 3] [--align] [--cache file.json] [--compare] [--dry-run]
 *     [--second-rater scripts/smile/smiles-dev-second-rater.csv]
 * `--align` levels the eyes before the expression net (FaceAnalyzer option `align`: the crops are rotated by the roll
 * the tiny landmarks measure); the shipped model uses it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FaceAnalyzer, expressionNames, type FaceAnalyzerOptions, type FaceObservation } from '../common/smile/faceAnalyzer';
import { binaryMetrics, rocAuc } from '../common/smile/classificationMetrics';
import { predictLogistic, stratifiedFolds, trainLogistic } from '../common/smile/logisticRegression';
import { mouthFeatureNames } from '../common/smile/mouthGeometry';
import { chooseHyperparameters, defaultNestedCvOptions, nestedCrossValidation } from './smile/nestedCrossValidation';
import { padImage } from '../common/smile/rgbImage';
import { smileFeatures, type SmileModelFile } from '../common/smile/smileScorer';
import { decodeImageFile } from '../node/kiosk/smile/decodeImageFile';
import { listLabelledImages } from '../node/kiosk/smile/evaluateSmileFolder';
import { loadFaceApi } from '../node/kiosk/smile/loadFaceApi';
import { parseRatings, secondRaterReport, type SecondRaterReport } from './smile/secondRater';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    features: { type: 'string', default: 'happy+mouth' },
    pad: { type: 'string', default: '3' },
    'crop-scales': { type: 'string', default: '0.85,1' },
    threshold: { type: 'string', default: 'fixed' },
    flip: { type: 'string', default: 'true' },
    /** Rotate the expression crops so the eyes are level (FaceAnalyzer `align`). */
    align: { type: 'boolean', default: false },
    /** Keep the extracted features in this JSON file and reuse them (same options) to try other models quickly. */
    cache: { type: 'string' },
    /** Also compare the other feature sets by nested CV (3 seeds; the 261-feature one takes minutes). */
    compare: { type: 'boolean', default: false },
    /** A blind second rating (CSV image,second_rater_smile, e.g. scripts/smile/smiles-dev-second-rater.csv): who is wrong when model and label disagree. */
    'second-rater': { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
  },
});
const folder = resolve(positionals[0] ?? join(root, '..', 'shared', 'datasets', 'smiles-dev'));
if (!existsSync(folder)) {
  console.error(`${folder} not found: pass a folder with smile/ and no-smile/ subfolders (e.g. ../shared/datasets/smiles-dev)`);
  process.exit(1);
}

const logits = expressionNames.map((e) => `logit:${e}`);
const mouth = mouthFeatureNames.map((m) => `mouth:${m}`);
const featureSets: Record<string, string[]> = {
  happy: ['logit:happy'],
  logit: logits,
  mouth,
  'happy+mouth': ['logit:happy', ...mouth],
  'logit+mouth': [...logits, ...mouth],
  'bottleneck+mouth': [...Array.from({ length: 256 }, (_, i) => `bottleneck:${i}`), ...mouth],
};
const chosen = values.features!;
if (!featureSets[chosen]) throw new Error(`--features must be one of ${Object.keys(featureSets).join(', ')}`);
const thresholdPolicy = values.threshold;
if (thresholdPolicy !== 'fixed' && thresholdPolicy !== 'tuned') throw new Error('--threshold must be fixed (0.5) or tuned');
/** The decision threshold a training fold ends up with under the policy. */
const policyThreshold = (tuned: number) => (thresholdPolicy === 'fixed' ? 0.5 : tuned);
const padFactor = Number(values.pad);
const analyzerOptions: FaceAnalyzerOptions = {
  inputSize: 224,
  scoreThreshold: 0.3,
  flip: values.flip !== 'false',
  landmarks: true,
  cropScales: values['crop-scales']!.split(',').map(Number),
  align: values.align,
};
const l2Grid = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1];

const images = listLabelledImages(folder);
// The held-out quarter is a property of the image (chosen before detection), so undetected images count there too.
const heldOutFold = stratifiedFolds(images.map((i) => i.label), 4, 2026);
type Face = { face: FaceObservation; label: number; image: number };
let faces: Face[] = [];
const cacheKey = JSON.stringify({ folder, padFactor, analyzerOptions, images: images.length });
const cached = values.cache && existsSync(values.cache) ? (JSON.parse(readFileSync(values.cache, 'utf8')) as { key: string; faces: Face[] }) : null;
let msPerImage = Number.NaN;
if (cached?.key === cacheKey) {
  faces = cached.faces.map((f) => ({ ...f, face: { ...f.face, bottleneck: Float32Array.from(f.face.bottleneck), landmarks: f.face.landmarks && Float32Array.from(f.face.landmarks) } }));
} else {
  const { faceapi } = await loadFaceApi('wasm');
  const analyzer = new FaceAnalyzer(faceapi, analyzerOptions);
  const started = performance.now();
  for (const [image, { file, label }] of images.entries()) {
    const tensor = analyzer.toTensor(padImage(decodeImageFile(file), padFactor));
    const found = await analyzer.analyze(tensor).finally(() => tensor.dispose());
    const best = found.sort((a, b) => b.detectionScore - a.detectionScore)[0];
    if (best) faces.push({ face: best, label, image });
  }
  msPerImage = (performance.now() - started) / images.length;
  if (values.cache) {
    const plain = faces.map((f) => ({ ...f, face: { ...f.face, bottleneck: Array.from(f.face.bottleneck), landmarks: f.face.landmarks && Array.from(f.face.landmarks) } }));
    writeFileSync(values.cache, JSON.stringify({ key: cacheKey, faces: plain }));
  }
}
const labels = faces.map((f) => f.label);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
const r4 = (x: number) => Number(x.toFixed(4));
console.log(`${folder}: ${images.length} images, ${faces.length} faces detected (pad ${padFactor}, crop scales ${analyzerOptions.cropScales.join(',')}), ${msPerImage.toFixed(1)} ms/image`);

/** Nested CV over `seeds`: mean and spread of the out-of-sample metrics. */
function nested(names: string[], seeds: number[]) {
  const rows = faces.map((f) => smileFeatures(f.face, names));
  const runs = seeds.map((seed) => nestedCrossValidation(rows, labels, names, { ...defaultNestedCvOptions, l2Grid, seed }));
  const auc = runs.map((r) => rocAuc(r.scores, labels));
  // Out-of-fold decisions under the policy: at 0.5, or at each training fold's own tuned threshold.
  const decide = (r: (typeof runs)[number]) => (thresholdPolicy === 'fixed' ? r.scores.map((s) => (s >= 0.5 ? 1 : 0)) : r.decisions);
  const decided = runs.map(decide);
  const balanced = decided.map((d) => binaryMetrics(d, labels, 0.5).balancedAccuracy);
  const accuracy = decided.map((d) => binaryMetrics(d, labels, 0.5).accuracy);
  const balancedTuned = runs.map((r) => binaryMetrics(r.decisions, labels, 0.5).balancedAccuracy);
  const sensitivity = decided.map((d) => binaryMetrics(d, labels, 0.5).sensitivity);
  const specificity = decided.map((d) => binaryMetrics(d, labels, 0.5).specificity);
  return { rows, auc, balanced, accuracy, balancedTuned, decided, sensitivity, specificity };
}

const rawHappy = faces.map((f) => f.face.expressions[1]!);
const raw = binaryMetrics(rawHappy, labels, 0.5);
console.log(`happy (kiosk crops${analyzerOptions.flip ? ', mirror-averaged' : ''}) @0.5, no fitting: auc ${rocAuc(rawHappy, labels).toFixed(4)} balanced ${raw.balancedAccuracy.toFixed(4)}`);
if (values.compare) {
  for (const [name, names] of Object.entries(featureSets)) {
    if (name === chosen) continue;
    const cv = nested(names, names.length > 50 ? [1] : [1, 2, 3]);
    console.log(`${name.padEnd(18)} nested CV: auc ${mean(cv.auc).toFixed(4)}±${sd(cv.auc).toFixed(4)} balanced ${mean(cv.balanced).toFixed(4)}±${sd(cv.balanced).toFixed(4)}`);
  }
}
const names = featureSets[chosen]!;
const cv = nested(names, [1, 2, 3, 4, 5]);
console.log(`${chosen.padEnd(18)} nested CV x5: auc ${mean(cv.auc).toFixed(4)}±${sd(cv.auc).toFixed(4)} balanced ${mean(cv.balanced).toFixed(4)}±${sd(cv.balanced).toFixed(4)} (tuned threshold ${mean(cv.balancedTuned).toFixed(4)})`);
if (values['second-rater']) {
  // The out-of-fold decisions of each seed against a blind second rating (scripts/smile/secondRater.ts).
  const ratings = parseRatings(readFileSync(values['second-rater'], 'utf8'));
  const reports = cv.decided.map((d) =>
    secondRaterReport(faces.map((f, i) => ({ image: relative(folder, images[f.image]!.file).split(sep).join('/'), label: f.label === 1 ? 1 : 0, decision: d[i] === 1 ? 1 : 0 })), ratings),
  );
  const avg = (get: (r: SecondRaterReport) => number) => mean(reports.map(get)).toFixed(3);
  const r0 = reports[0]!;
  console.log(
    `second rater (${ratings.size} images rated, ${r0.faces} of them scored; model out of fold, mean of 5 seeds): rater vs label ${avg((r) => r.raterVsLabel)}, ` +
      `model vs label ${avg((r) => r.modelVsLabel)}, model vs rater ${avg((r) => r.modelVsRater)}; on the ${r0.consensus.faces} faces where label and rater agree the model scores ${avg((r) => r.consensus.modelBalancedAccuracy)}; ` +
      `of the model's ${avg((r) => r.modelErrors.faces)} errors against the label the rater sided with the model on ${avg((r) => r.modelErrors.raterSidesWithModel)}`,
  );
}

// The held-out quarter: tuned and trained on the other images only, scored once.
const isHeld = faces.map((f) => heldOutFold[f.image] === 0);
const pick = <T>(xs: T[], held: boolean) => xs.filter((_, i) => isHeld[i] === held);
const devRows = pick(cv.rows, false);
const devLabels = pick(labels, false);
const devChoice = chooseHyperparameters(devRows, devLabels, names, { ...defaultNestedCvOptions, l2Grid, seed: 1 });
const devModel = trainLogistic(devRows, devLabels, names, { l2: devChoice.l2 });
const heldScores = pick(cv.rows, true).map((r) => predictLogistic(devModel, r));
const heldLabels = pick(labels, true);
const heldThreshold = policyThreshold(devChoice.threshold);
const heldMetrics = binaryMetrics(heldScores, heldLabels, heldThreshold);
const heldImages = images.filter((_, i) => heldOutFold[i] === 0).length;
// End to end: a held-out image whose face the detector missed counts as "not smiling" (the kiosk cannot score it).
const missedSmiles = images.filter((im, i) => heldOutFold[i] === 0 && im.label === 1).length - heldLabels.filter((l) => l === 1).length;
const missedOthers = heldImages - heldLabels.length - missedSmiles;
const endToEnd = binaryMetrics([...heldScores, ...new Array<number>(missedSmiles + missedOthers).fill(-1)], [...heldLabels, ...new Array<number>(missedSmiles).fill(1), ...new Array<number>(missedOthers).fill(0)], heldThreshold);
console.log(`held-out quarter (${heldImages} images, ${heldLabels.length} faces): auc ${rocAuc(heldScores, heldLabels).toFixed(4)} balanced ${heldMetrics.balancedAccuracy.toFixed(4)} (end to end ${endToEnd.balancedAccuracy.toFixed(4)}), l2 ${devChoice.l2}, threshold ${heldThreshold.toFixed(4)}`);

// The shipped model: penalty and threshold chosen by CV on every face, then fitted on every face.
const final = chooseHyperparameters(cv.rows, labels, names, { ...defaultNestedCvOptions, innerFolds: 10, l2Grid, seed: 1 });
const model = trainLogistic(cv.rows, labels, names, { l2: final.l2 });
// Each model file gets the next version: the kiosk's exports and heartbeat name the model their corrected shares used.
const out = join(root, 'common', 'smile', 'smileModel.json');
const previousVersion = existsSync(out) ? Number((JSON.parse(readFileSync(out, 'utf8')) as { version?: number }).version ?? 1) : 0;
const round = (xs: number[]) => xs.map((x) => Number(x.toPrecision(6)));
const positives = labels.filter((l) => l === 1).length;
const file: SmileModelFile = {
  version: previousVersion + 1,
  description: `Logistic regression on ${chosen} features of the kiosk's FaceAnalyzer; score = P(smile).`,
  training: {
    script: 'scripts/train-smile-model.ts',
    command: `npx tsx scripts/train-smile-model.ts ../shared/datasets/smiles-dev --features ${chosen} --pad ${padFactor} --crop-scales ${analyzerOptions.cropScales.join(',')} --threshold ${thresholdPolicy}${analyzerOptions.align ? ' --align' : ''}${analyzerOptions.flip ? '' : ' --flip false'}`,
    dataset: 'smiles-dev (SMILEsmileD positives7/negatives7, LFW faces, 64x64 grayscale)',
    images: images.length,
    facesDetected: faces.length,
    l2: final.l2,
    l2Grid,
    thresholdChosenBy: thresholdPolicy === 'fixed' ? 'fixed at 0.5 on P(smile) before training (balanced classes)' : 'maximum balanced accuracy of 10-fold out-of-fold scores',
    trainedAt: new Date().toISOString().slice(0, 10),
  },
  analyzer: analyzerOptions,
  evalPadFactor: padFactor,
  model: { ...model, mean: round(model.mean), std: round(model.std), weights: round(model.weights), bias: Number(model.bias.toPrecision(6)) },
  threshold: r4(policyThreshold(final.threshold)),
  crossValidation: {
    method: `nested cross-validation: penalty${thresholdPolicy === 'tuned' ? ' and threshold' : ''} chosen inside each outer training fold`,
    outerFolds: defaultNestedCvOptions.folds,
    innerFolds: defaultNestedCvOptions.innerFolds,
    repeats: cv.auc.length,
    rocAuc: r4(mean(cv.auc)),
    rocAucSd: r4(sd(cv.auc)),
    balancedAccuracy: r4(mean(cv.balanced)),
    balancedAccuracySd: r4(sd(cv.balanced)),
    accuracy: r4(mean(cv.accuracy)),
    balancedAccuracyWithTunedThreshold: r4(mean(cv.balancedTuned)),
  },
  // The classifier's known error, for correcting the observed share of smiling visitors (common/smileShare.ts): the
  // out-of-fold decisions of the nested CV above at the shipped threshold, mean of the repeats, with the numbers of
  // smiling and other faces they were measured on (the estimator's uncertainty of Se and Sp comes from these counts).
  operatingPoint: {
    method: `nested cross-validation out-of-fold decisions at the shipped threshold, mean of ${cv.sensitivity.length} repeats`,
    sensitivity: r4(mean(cv.sensitivity)),
    specificity: r4(mean(cv.specificity)),
    positives,
    negatives: labels.length - positives,
  },
  heldOut: {
    split: 'a stratified quarter of the images, seed 2026 (logisticRegression.stratifiedFolds(labels, 4, 2026) fold 0)',
    images: heldImages,
    facesDetected: heldLabels.length,
    rocAuc: r4(rocAuc(heldScores, heldLabels)),
    balancedAccuracy: r4(heldMetrics.balancedAccuracy),
    accuracy: r4(heldMetrics.accuracy),
    endToEndBalancedAccuracy: r4(endToEnd.balancedAccuracy),
    threshold: r4(heldThreshold),
  },
};
console.log(JSON.stringify({ version: file.version, operatingPoint: file.operatingPoint, crossValidation: file.crossValidation, heldOut: file.heldOut, threshold: file.threshold, l2: final.l2 }));
if (!values['dry-run']) {
  writeFileSync(out, `${JSON.stringify(file, null, 2)}\n`);
  console.log(`wrote ${out}`);
}
