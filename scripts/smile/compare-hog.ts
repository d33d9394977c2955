/**
 * Measures whether a histogram of oriented gradients (Dalal & Triggs 2005, https://doi.org/10.1109/CVPR.2005.177) of
 * the face adds to the shipped head's 262 features: the detector's box of each cached face is cut from the padded
 * image as the kiosk cuts it from a frame (48x48 grey, bilinear), 9 orientation bins per 8x8 or 6x6 cell, each cell's
 * histogram L2-normalised and clipped at 0.2; the same nested cross-validation as compare-heads.ts (one seed).
 * Measured, not shipped: docs/experiments/smile.md, "Features the expression net does not give".
 * Usage: npx tsx scripts/smile/compare-hog.ts <cache .jsonl> <the cached folder> [none|mouth|face] [cell px] [l2 grid]
 */
import { listLabelledImages } from '../../node/kiosk/smile/evaluateSmileFolder';
import { decodeImageFile } from '../../node/kiosk/smile/decodeImageFile';
import { padImage } from '../../common/smile/rgbImage';
import { smileFeatures } from '../../common/smile/smileScorer';
import { readCachedFaces } from './featureCache';
import { crossValidate, featureNamesOf } from './trainSmileModel';

const [cacheFile, folder, mode = 'face', cellArg = '8', grid = '0.03'] = process.argv.slice(2);
if (!cacheFile || !folder || !['none', 'mouth', 'face'].includes(mode))
  throw new Error('usage: npx tsx scripts/smile/compare-hog.ts <cache .jsonl> <folder> [none|mouth|face] [cell px] [l2 grid]');
const S = 48;
const cell = Number(cellArg);
const images = listLabelledImages(folder);

/** The face box of the padded image (pad 3, as the cache was made), 48x48 grey in 0..1. */
function crop(image: number, box: { x: number; y: number; width: number; height: number }): Float32Array {
  const img = padImage(decodeImageFile(images[image]!.file), 3);
  const out = new Float32Array(S * S);
  const grey = (x: number, y: number) => {
    const o = (y * img.width + x) * 3;
    return (img.data[o]! + img.data[o + 1]! + img.data[o + 2]!) / 3 / 255;
  };
  for (let j = 0; j < S; j++)
    for (let i = 0; i < S; i++) {
      const sx = Math.min(img.width - 1, Math.max(0, box.x + ((i + 0.5) / S) * box.width - 0.5));
      const sy = Math.min(img.height - 1, Math.max(0, box.y + ((j + 0.5) / S) * box.height - 0.5));
      const [x0, y0] = [Math.floor(sx), Math.floor(sy)];
      const [x1, y1] = [Math.min(img.width - 1, x0 + 1), Math.min(img.height - 1, y0 + 1)];
      const [fx, fy] = [sx - x0, sy - y0];
      out[j * S + i] = (1 - fy) * ((1 - fx) * grey(x0, y0) + fx * grey(x1, y0)) + fy * ((1 - fx) * grey(x0, y1) + fx * grey(x1, y1));
    }
  return out;
}

/** HOG of rows `from`..S of a crop. */
function hog(px: Float32Array, from: number): number[] {
  const g = (x: number, y: number) => px[Math.min(S - 1, Math.max(0, y)) * S + Math.min(S - 1, Math.max(0, x))]!;
  const [cw, ch] = [S / cell, (S - from) / cell];
  const hist = new Float64Array(cw * ch * 9);
  for (let y = from; y < S; y++)
    for (let x = 0; x < S; x++) {
      const [dx, dy] = [g(x + 1, y) - g(x - 1, y), g(x, y + 1) - g(x, y - 1)];
      const angle = Math.atan2(dy, dx) + (Math.atan2(dy, dx) < 0 ? Math.PI : 0);
      const bin = Math.min(8, Math.floor((angle / Math.PI) * 9));
      hist[(Math.floor((y - from) / cell) * cw + Math.floor(x / cell)) * 9 + bin]! += Math.hypot(dx, dy);
    }
  const out: number[] = [];
  for (let c = 0; c < cw * ch; c++) {
    const h = Array.from(hist.subarray(c * 9, c * 9 + 9));
    const norm = Math.hypot(...h) + 1e-6;
    out.push(...h.map((v) => Math.min(0.2, v / norm)));
  }
  return out;
}

const faces = readCachedFaces(cacheFile, { seed: 2027 }).filter((f) => f.face);
const base = featureNamesOf('happy+mouth+bottleneck');
const from = mode === 'mouth' ? S / 2 : 0;
const rows = faces.map((f) => [...smileFeatures(f.face!, base), ...(mode === 'none' ? [] : hog(crop(f.image, f.face!.box), from))]);
const names = [...base, ...Array.from({ length: rows[0]!.length - base.length }, (_, i) => `hog:${i}`)];
const labels = faces.map((f) => f.label as number);
const started = performance.now();
const cv = crossValidate(rows, labels, names, {
  features: 'happy+mouth+bottleneck',
  folds: 5,
  innerFolds: 3,
  repeats: 1,
  l2Grid: grid.split(',').map(Number),
  balanced: true,
});
const f4 = (x: number) => x.toFixed(4);
console.log(
  `${mode} HOG, cell ${cell} (${names.length} features, ${labels.length} faces): balanced ${f4(cv.balancedAccuracy)} ± ${f4(cv.balancedAccuracyFoldSd)} folds; ` +
    `AUC ${f4(cv.rocAuc)}; Se ${f4(cv.sensitivity)} Sp ${f4(cv.specificity)}; penalties ${cv.chosenL2.join(',')}; ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
