/**
 * Retrains the kiosk's smile model (common/smile/smileModel.json) from a labelled training folder laid out like
 * ../shared/datasets/smiles-train (smile/ and no-smile/ face images), and scores it once on a fixed comparison folder
 * (../shared/datasets/smiles-dev) that no choice is made on. Every image is padded and run through the kiosk's
 * FaceAnalyzer (same code as the camera worker); the features are kept in a cache file that a later run (or an
 * interrupted one) reuses, so models are compared in seconds. Then an L2 logistic regression on the chosen features
 * (scripts/smile/trainSmileModel.ts):
 *  - `crossValidation`: nested cross-validation on the training folder, the penalty chosen again inside each outer
 *    training fold, repeated over seeds: mean, spread over repeats and spread over single folds;
 *  - `operatingPoint`: its out-of-fold sensitivity and specificity at the shipped threshold 0.5 (what corrects the
 *    counted share, common/smileShare.ts);
 *  - `heldOut`: the shipped model (tuned and fitted on every training face) on the comparison folder, once.
 * Usage:
 *   npx tsx scripts/train-smile-model.ts [train folder] [--dev folder] [--features happy+mouth+bottleneck]
 *     [--folds 5] [--inner-folds 3] [--repeats 3] [--l2-grid 0.01,0.03,0.1,0.3] [--balanced auto|on|off]
 *     [--limit N] [--seed 2027] [--cache-dir DIR] [--pad 3] [--crop-scales 0.85,1] [--align] [--flip false]
 *     [--compare] [--out file] [--dry-run] [--extract-only] [--second-rater scripts/smile/smiles-dev-second-rater.csv]
 * `--limit N` trains on a random sample of N training images (seeded by `--seed`, the order the cache fills in).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FaceAnalyzer, type FaceAnalyzerOptions, type FaceObservation } from '../common/smile/faceAnalyzer';
import { modelScorer, smileFeatures, type SmileModelFile } from '../common/smile/smileScorer';
import { padImage } from '../common/smile/rgbImage';
import { decodeImageFile } from '../node/kiosk/smile/decodeImageFile';
import { listLabelledImages } from '../node/kiosk/smile/evaluateSmileFolder';
import { loadFaceApi } from '../node/kiosk/smile/loadFaceApi';
import { cacheKey, extractFaces, type CachedFace } from './smile/featureCache';
import { recordedPath } from './smile/recordedPath';
import { parseRatings, secondRaterReport } from './smile/secondRater';
import { crossValidate, featureNamesOf, featureSets, scoreFolder, trainSmileModel, type TrainSmileOptions } from './smile/trainSmileModel';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    dev: { type: 'string' },
    features: { type: 'string', default: 'happy+mouth+bottleneck' },
    folds: { type: 'string', default: '5' },
    'inner-folds': { type: 'string', default: '3' },
    repeats: { type: 'string', default: '3' },
    'l2-grid': { type: 'string', default: '0.01,0.03,0.1,0.3' },
    balanced: { type: 'string', default: 'auto' },
    limit: { type: 'string' },
    seed: { type: 'string', default: '2027' },
    'cache-dir': { type: 'string' },
    pad: { type: 'string', default: '3' },
    'crop-scales': { type: 'string', default: '0.85,1' },
    align: { type: 'boolean', default: false },
    flip: { type: 'string', default: 'true' },
    /** Also cross-validate the other feature sets (one repeat each). */
    compare: { type: 'boolean', default: false },
    out: { type: 'string' },
    'second-rater': { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    /** Only describe the folders into the cache (e.g. in the background while the fit is worked on), then stop. */
    'extract-only': { type: 'boolean', default: false },
  },
});
const usage =
  'usage: npx tsx scripts/train-smile-model.ts <train folder> [--dev <comparison folder>] [options] (see the comment at the top of this file)';
const trainFolder = resolve(positionals[0] ?? join(root, '..', 'shared', 'datasets', 'smiles-train'));
const devFolder = values.dev ? resolve(values.dev) : null;
for (const folder of [trainFolder, devFolder]) {
  if (folder && !existsSync(folder)) {
    console.error(
      `${folder} not found: pass folders with smile/ and no-smile/ subfolders (e.g. ../shared/datasets/smiles-train --dev ../shared/datasets/smiles-dev)\n${usage}`,
    );
    process.exit(1);
  }
}
const int = (name: string, text: string | undefined, min: number) => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer of at least ${min}, got ${text}\n${usage}`);
  return n;
};
const padFactor = Number(values.pad);
const analyzerOptions: FaceAnalyzerOptions = {
  inputSize: 224,
  scoreThreshold: 0.3,
  flip: values.flip !== 'false',
  landmarks: true,
  cropScales: values['crop-scales']!.split(',').map(Number),
  align: values.align,
};
const seed = int('seed', values.seed, 1);
const limit = values.limit === undefined ? undefined : int('limit', values.limit, 2);
const options: TrainSmileOptions = {
  features: values.features!,
  folds: int('folds', values.folds, 2),
  innerFolds: int('inner-folds', values['inner-folds'], 2),
  repeats: int('repeats', values.repeats, 1),
  l2Grid: values['l2-grid']!.split(',').map(Number),
  balanced: false,
};
featureNamesOf(options.features);
if (!options.l2Grid.every((x) => x > 0)) throw new Error(`--l2-grid must be positive numbers\n${usage}`);
if (!['auto', 'on', 'off'].includes(values.balanced!)) throw new Error(`--balanced must be auto, on or off\n${usage}`);

const { faceapi } = await loadFaceApi('wasm');
const analyzer = new FaceAnalyzer(faceapi, analyzerOptions);
const cacheFile = (folder: string) => {
  if (!values['cache-dir']) return undefined;
  const name = folder
    .split(sep)
    .filter(Boolean)
    .slice(-1)[0]!
    .replace(/[^\w.-]/g, '_');
  return join(resolve(values['cache-dir']), `smile-features-${name}.jsonl`);
};
async function load(folder: string, sample?: number): Promise<{ faces: CachedFace[]; files: string[]; msPerImage: number }> {
  const images = listLabelledImages(folder);
  const r = await extractFaces(images, analyzer, {
    padFactor,
    key: cacheKey(folder, padFactor, analyzerOptions, images.length),
    cacheFile: cacheFile(folder),
    limit: sample,
    seed,
    onProgress: (done, total) => console.error(`${folder}: ${done} of ${total} images described`),
  });
  console.log(
    `${folder}: ${r.faces.length} images used of ${images.length}, ${r.faces.filter((f) => f.face).length} faces detected, ${r.extracted} described now${r.extracted ? ` at ${r.msPerImage.toFixed(1)} ms/image` : ' (all from the cache)'}`,
  );
  return { faces: r.faces, files: images.map((i) => i.file), msPerImage: r.msPerImage };
}
const train = await load(trainFolder, limit);
const dev = devFolder ? await load(devFolder) : null;
if (values['extract-only']) process.exit(0);
const positives = train.faces.filter((f) => f.face && f.label === 1).length;
const detected = train.faces.filter((f) => f.face).length;
// Weigh the classes equally unless they already are (within 45-55 %): 0.5 on P(smile) then balances Se and Sp.
options.balanced = values.balanced === 'on' || (values.balanced === 'auto' && Math.abs(positives / Math.max(detected, 1) - 0.5) > 0.05);

const out = values.out ? resolve(values.out) : join(root, 'common', 'smile', 'smileModel.json');
const previous = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as SmileModelFile) : null;
const command = [
  'npx tsx scripts/train-smile-model.ts',
  recordedPath(trainFolder, root),
  ...(devFolder ? ['--dev', recordedPath(devFolder, root)] : []),
  `--features ${options.features} --folds ${options.folds} --inner-folds ${options.innerFolds} --repeats ${options.repeats} --l2-grid ${options.l2Grid.join(',')} --balanced ${values.balanced}`,
  ...(limit ? [`--limit ${limit}`] : []),
  `--seed ${seed} --pad ${padFactor} --crop-scales ${analyzerOptions.cropScales.join(',')}${analyzerOptions.align ? ' --align' : ''}${analyzerOptions.flip ? '' : ' --flip false'}`,
  ...(values.out ? ['--out', recordedPath(out, root)] : []),
].join(' ');

if (values.compare) {
  for (const [name, names] of Object.entries(featureSets)) {
    if (name === options.features) continue;
    const found = train.faces.filter((f) => f.face);
    const cv = crossValidate(
      found.map((f) => smileFeatures(f.face!, names)),
      found.map((f) => f.label),
      names,
      { ...options, features: name, repeats: 1 },
    );
    console.log(
      `${name.padEnd(24)} nested CV: auc ${cv.rocAuc.toFixed(4)} balanced ${cv.balancedAccuracy.toFixed(4)} (fold sd ${cv.balancedAccuracyFoldSd.toFixed(4)}), Se ${cv.sensitivity.toFixed(4)} Sp ${cv.specificity.toFixed(4)}`,
    );
  }
}

const started = performance.now();
const trained = trainSmileModel(train.faces, dev?.faces ?? null, options, {
  version: (previous?.version ?? 0) + 1,
  command,
  seed,
  dataset: `${recordedPath(trainFolder, root)}${limit ? ` (a random ${limit} of its images, seed ${seed})` : ''}`,
  comparisonDataset: devFolder ? recordedPath(devFolder, root) : undefined,
  analyzer: analyzerOptions,
  padFactor,
});
const { file, cv } = trained;
console.log(
  `${options.features} (${featureNamesOf(options.features).length} features${options.balanced ? ', classes weighed equally' : ''}) nested CV ${options.folds}x${options.innerFolds} x${options.repeats}: auc ${cv.rocAuc.toFixed(4)}±${cv.rocAucSd.toFixed(4)} (folds ±${cv.rocAucFoldSd.toFixed(4)}) balanced ${cv.balancedAccuracy.toFixed(4)}±${cv.balancedAccuracySd.toFixed(4)} (folds ±${cv.balancedAccuracyFoldSd.toFixed(4)}), Se ${cv.sensitivity.toFixed(4)} Sp ${cv.specificity.toFixed(4)}, penalties chosen ${cv.chosenL2.join(',')}; fitted in ${((performance.now() - started) / 1000).toFixed(0)} s`,
);

if (dev) {
  console.log(`comparison folder, new model: ${JSON.stringify(file.heldOut)}`);
  // The model in the output file before this run, on the same cached faces (same analyzer options), for comparison.
  if (previous && JSON.stringify(previous.analyzer) === JSON.stringify(analyzerOptions))
    console.log(`comparison folder, previous model v${previous.version}: ${JSON.stringify(scoreFolder(previous, dev.faces))}`);
  // Cost per face: the pipeline once per image (measured on up to 40 comparison images now) plus each model's head.
  const sample = dev.files.slice(0, 40);
  const t0 = performance.now();
  let faces = 0;
  const observed: FaceObservation[] = [];
  for (const f of sample) {
    const tensor = analyzer.toTensor(padImage(decodeImageFile(f), padFactor));
    const found = await analyzer.analyze(tensor).finally(() => tensor.dispose());
    faces += found.length;
    observed.push(...found);
  }
  const pipelineMs = (performance.now() - t0) / Math.max(faces, 1);
  const headMs = (model: SmileModelFile) => {
    const scorer = modelScorer(model);
    const t = performance.now();
    for (let k = 0; k < 200; k++) for (const o of observed) scorer(o);
    return (performance.now() - t) / (200 * Math.max(observed.length, 1));
  };
  const newHead = headMs(file);
  const oldHead = previous ? headMs(previous) : Number.NaN;
  console.log(
    `cost per face (same run): pipeline ${pipelineMs.toFixed(1)} ms (${faces} faces on ${sample.length} images); head new ${(newHead * 1000).toFixed(1)} µs, previous ${(oldHead * 1000).toFixed(1)} µs; ratio ${((pipelineMs + newHead) / (pipelineMs + oldHead)).toFixed(3)}`,
  );
  if (values['second-rater']) {
    const ratings = parseRatings(readFileSync(values['second-rater'], 'utf8'));
    const scorer = modelScorer(file);
    const scored = dev.faces.filter((f) => f.face);
    const r = secondRaterReport(
      scored.map((f) => ({
        image: relative(devFolder!, dev.files[f.image]!).split(sep).join('/'),
        label: f.label,
        decision: scorer(f.face!) >= file.threshold ? 1 : 0,
      })),
      ratings,
    );
    console.log(
      `second rater on the comparison folder: rater vs label ${r.raterVsLabel.toFixed(3)}, model vs label ${r.modelVsLabel.toFixed(3)}, model vs rater ${r.modelVsRater.toFixed(3)}; on the ${r.consensus.faces} faces where label and rater agree the model scores ${r.consensus.modelBalancedAccuracy.toFixed(3)}`,
    );
  }
}
console.log(
  JSON.stringify({
    version: file.version,
    operatingPoint: file.operatingPoint,
    crossValidation: file.crossValidation,
    heldOut: file.heldOut,
    l2: file.training.l2,
  }),
);
if (!values['dry-run']) {
  writeFileSync(out, `${JSON.stringify(file, null, 2)}\n`);
  console.log(`wrote ${out}`);
}
