import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSmileEval } from '../../../../../node/kiosk/cli/smileEval';
import { smileModel } from '../../../../../common/smile/smileModel';

const root = join(__dirname, '../../../../..');
const fixture = join(root, 'tests/fixtures/smile-eval');

describe('smile:eval command line', () => {
  it('prints one JSON line with the metrics of the run', () => {
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', join(root, 'node/kiosk/cli/smileEval.ts'), fixture, '--classifier', 'happy', '--threshold', '0.4'],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 90_000,
      },
    );
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const r = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(r).toMatchObject({
      images: 5,
      detected: 4,
      detectionRate: 0.8,
      threshold: 0.4,
      backend: 'wasm',
      classifier: 'happy (kiosk crops)',
      padFactor: 3,
      align: true,
    });
    expect(r.modelVersion).toBe(smileModel.version);
    for (const key of ['accuracy', 'balancedAccuracy', 'rocAuc', 'msPerImage', 'endToEndBalancedAccuracy'])
      expect(typeof r[key]).toBe('number');
  }, 120_000);

  it('rejects bad arguments with the usage', async () => {
    await expect(runSmileEval([])).rejects.toThrow(/usage: npm run smile:eval/);
    await expect(runSmileEval([fixture, '--classifier', 'ssd'])).rejects.toThrow(/--classifier must be/);
    await expect(runSmileEval([fixture, '--threshold', '2'])).rejects.toThrow(/--threshold must be a number from 0 to 1/);
    await expect(runSmileEval([join(fixture, 'smile')])).rejects.toThrow(/"smile\/" subfolder/);
    await expect(runSmileEval([fixture, '--detector-threshold', '1.5'])).rejects.toThrow(
      /--detector-threshold must be a number from 0 to 1/,
    );
    await expect(runSmileEval([fixture, '--roll', '120'])).rejects.toThrow(/--roll must be a number from -90 to 90/);
    await expect(runSmileEval([fixture, '--align', 'yes'])).rejects.toThrow(/--align must be on or off/);
  }, 60_000);

  it('passes --detector-threshold to the detector: a near-certain bar finds no face, and every image counts as missed', async () => {
    const r = await runSmileEval([fixture, '--detector-threshold', '0.999']);
    expect(r).toMatchObject({ images: 5, detected: 0, detectionRate: 0 });
    // Nothing detected: no smile can be called, so end to end every smiling image is missed.
    expect(r.endToEndBalancedAccuracy).toBe(0.5);
  }, 60_000);
});
