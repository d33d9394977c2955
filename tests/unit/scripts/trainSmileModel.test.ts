import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeImageFile } from '../../../node/kiosk/smile/decodeImageFile';
import type { SmileModelFile } from '../../../common/smile/smileScorer';
import { makeTempDir } from '../../fixtures/tempDir';

const root = join(__dirname, '../../..');
// Face crops from the sample photos inside @vladmandic/face-api (see tests/fixtures/smile-eval/README.md).
const fixture = join(root, 'tests/fixtures/smile-eval');

/**
 * A small training folder from the fixture crops: each face as it is, mirrored, darker and mirrored darker (so two
 * faces per class become eight, enough for 2-fold nested cross-validation). The blank image stays out.
 */
function writeTrainingFolder(dir: string): number {
  let count = 0;
  for (const sub of ['smile', 'no-smile']) {
    mkdirSync(join(dir, sub), { recursive: true });
    for (const name of readdirSync(join(fixture, sub)).filter((f) => !f.startsWith('blank'))) {
      const image = decodeImageFile(join(fixture, sub, name));
      for (const [variant, mirror, gain] of [
        ['a', false, 1],
        ['b', true, 1],
        ['c', false, 0.8],
        ['d', true, 0.8],
      ] as const) {
        const png = new PNG({ width: image.width, height: image.height });
        for (let y = 0; y < image.height; y++) {
          for (let x = 0; x < image.width; x++) {
            const from = (y * image.width + (mirror ? image.width - 1 - x : x)) * 3;
            const to = (y * image.width + x) * 4;
            for (let k = 0; k < 3; k++) png.data[to + k] = Math.round(image.data[from + k]! * gain);
            png.data[to + 3] = 255;
          }
        }
        writeFileSync(join(dir, sub, `${name.replace(/\.\w+$/, '')}-${variant}.png`), PNG.sync.write(png));
        count++;
      }
    }
  }
  return count;
}

describe('train-smile-model script (on a fixture folder, not the data sets)', () => {
  const temp = makeTempDir('smile-train-');
  afterAll(() => temp.cleanup());

  it('cross-validates, fits and writes a model file with its command, seed, operating point and comparison figures; a second run reuses the feature cache', () => {
    const train = join(temp.dir, 'train');
    expect(writeTrainingFolder(train)).toBe(16);
    const out = join(temp.dir, 'model.json');
    const args = [
      '--import',
      'tsx',
      join(root, 'scripts/train-smile-model.ts'),
      train,
      '--dev',
      fixture,
      '--features',
      'happy+mouth',
      '--folds',
      '2',
      '--inner-folds',
      '2',
      '--repeats',
      '2',
      '--l2-grid',
      '0.1,1',
      '--cache-dir',
      temp.dir,
      '--align',
      '--flip',
      'false',
      '--out',
      out,
    ];
    const first = execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 170_000 });
    expect(first).toMatch(/16 images used of 16, 16 faces detected, 16 described now/);
    const file = JSON.parse(readFileSync(out, 'utf8')) as SmileModelFile;
    expect(file.version).toBe(1);
    expect(file.training).toMatchObject({
      images: 16,
      facesDetected: 16,
      smilingFaces: 8,
      seed: 2027,
      balancedClasses: false,
      solver: 'newton',
    });
    expect(String(file.training.command)).toContain('--features happy+mouth --folds 2 --inner-folds 2 --repeats 2 --l2-grid 0.1,1');
    expect(file.model.featureNames).toHaveLength(6);
    expect(file.analyzer).toMatchObject({ align: true, flip: false, cropScales: [0.85, 1] });
    expect(file.operatingPoint).toMatchObject({ positives: 8, negatives: 8 });
    for (const v of [
      file.operatingPoint.sensitivity,
      file.operatingPoint.specificity,
      file.crossValidation.balancedAccuracy,
      file.crossValidation.rocAuc,
    ]) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    // The comparison folder: 5 images, the blank one without a face; its two smiling crops rank above the neutral ones.
    expect(file.heldOut).toMatchObject({ images: 5, facesDetected: 4, rocAuc: 1 });

    // Same options again: every face from the cache, the next version, the same cross-validated figures.
    const second = execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 170_000 });
    expect(second).toMatch(/16 images used of 16, 16 faces detected, 0 described now \(all from the cache\)/);
    const again = JSON.parse(readFileSync(out, 'utf8')) as SmileModelFile;
    expect(again.version).toBe(2);
    expect(again.crossValidation).toEqual(file.crossValidation);
    expect(again.model.weights).toEqual(file.model.weights);
  }, 360_000);

  it('says so when the training folder is missing', () => {
    let message = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/train-smile-model.ts'), join(temp.dir, 'absent')], {
        cwd: root,
        encoding: 'utf8',
        stdio: 'pipe',
        timeout: 60_000,
      });
    } catch (error) {
      message = String((error as { stderr?: string }).stderr);
    }
    expect(message).toMatch(/absent not found: pass folders with smile\/ and no-smile\//);
  }, 90_000);
});
