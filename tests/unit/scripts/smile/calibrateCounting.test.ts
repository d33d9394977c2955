import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SmileModelFile } from '../../../../common/smile/smileScorer';
import { runSmileCount } from '../../../../node/kiosk/cli/smileCount';
import { calibrateCountingCli } from '../../../../scripts/smile/calibrateCounting';
import { makeTempDir } from '../../../fixtures/tempDir';

const { dir, cleanup } = makeTempDir('calibrate-counting-');
afterAll(cleanup);
const fixture = join(process.cwd(), 'tests', 'fixtures', 'smile-eval');

describe('smile:calibrate', () => {
  it('walks all-smiling and no-smiling visitors through the counting and writes the error per counted visitor as a new version', async () => {
    const model = join(dir, 'model.json');
    copyFileSync('common/smile/smileModel.json', model);
    const before = JSON.parse(readFileSync(model, 'utf8')) as SmileModelFile;
    const out = await calibrateCountingCli([fixture, '--walks', '1x4', '--seed', '7', '--model', model]);
    const written = JSON.parse(readFileSync(model, 'utf8')) as SmileModelFile;
    expect(written).toEqual(out);
    expect(written.version).toBe(before.version + 1);
    expect({ ...written, version: before.version, countingOperatingPoint: undefined }).toEqual({
      ...before,
      countingOperatingPoint: undefined,
    });
    const p = written.countingOperatingPoint!;
    // The fixture's faces are clear: the kiosk counts every visitor and decides each right.
    expect(p).toMatchObject({ sensitivity: 1, specificity: 1, positives: 4, negatives: 4, walkedVisitors: 8, visitorCountError: 0 });
    // Counted at the detector confidence the file's counting was measured at (else the training's), written with it.
    const threshold = before.countingOperatingPoint?.detectorThreshold ?? before.analyzer.scoreThreshold;
    expect(p.detectorThreshold).toBe(threshold);
    expect(p.command).toBe(`npm run smile:calibrate -- tests/fixtures/smile-eval --walks 1x4 --seed 7 --detector-threshold ${threshold}`);
  }, 120_000);

  it('counts the walks at --detector-threshold: at 0.99 the detector keeps no face, and the calibration says so', async () => {
    const model = join(dir, 'strict.json');
    copyFileSync('common/smile/smileModel.json', model);
    await expect(calibrateCountingCli([fixture, '--walks', '1x2', '--detector-threshold', '0.99', '--model', model])).rejects.toThrow(
      /no visitor was counted/,
    );
    await expect(calibrateCountingCli([fixture, '--detector-threshold', '1'])).rejects.toThrow(/--detector-threshold must be a number/);
  }, 120_000);

  it('refuses walk options the calibration sets itself, and leaves the file alone on --dry-run', async () => {
    await expect(calibrateCountingCli([fixture, '--', '--smile-share', '0.5'])).rejects.toThrow(/--smile-share is set by the calibration/);
    await expect(calibrateCountingCli([fixture, '--', '--detector-threshold', '0.5'])).rejects.toThrow(/--detector-threshold is set by/);
    await expect(calibrateCountingCli([fixture, '--seed', '0'])).rejects.toThrow(/--seed must be a whole number/);
    const model = join(dir, 'dry.json');
    copyFileSync('common/smile/smileModel.json', model);
    await calibrateCountingCli([fixture, '--walks', '1x2', '--model', model, '--dry-run']);
    expect(readFileSync(model, 'utf8')).toBe(readFileSync('common/smile/smileModel.json', 'utf8'));
  }, 120_000);

  it('sizes the all-smiling walks on their own with --smiling-walks, and records it', async () => {
    const model = join(dir, 'smiling.json');
    copyFileSync('common/smile/smileModel.json', model);
    const out = await calibrateCountingCli([fixture, '--walks', '1x2', '--smiling-walks', '2x3', '--seed', '7', '--model', model]);
    const p = out.countingOperatingPoint!;
    expect(p).toMatchObject({ positives: 6, negatives: 2, walkedVisitors: 8 });
    expect(p.command).toContain('--walks 1x2 --smiling-walks 2x3 --seed 7');
  }, 120_000);

  it('walks walk i of a run at seed + i, so a longer run repeats a shorter one at the same seed and adds to it', async () => {
    const both = await runSmileCount(['--synthetic', '2x3', '--faces', fixture, '--seed', '7', '--smile-share', '0.5']);
    const second = await runSmileCount(['--synthetic', '1x3', '--faces', fixture, '--seed', '8', '--smile-share', '0.5']);
    if (!('videos' in both && 'videos' in second)) throw new Error('synthetic walks expected');
    const counts = (r: (typeof both.videos)[number]) => [
      r.framesProcessed,
      r.visitors,
      r.smilingVisitors,
      r.expectedVisitors,
      r.expectedSmilingVisitors,
    ];
    expect(counts(both.videos[1]!)).toEqual(counts(second.videos[0]!));
    expect(both.videos[1]!.framesProcessed).not.toBe(both.videos[0]!.framesProcessed); // two different walks
  }, 120_000);
});
