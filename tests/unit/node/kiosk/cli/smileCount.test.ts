import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HARD, hardOptions, parseSecondLook, runSmileCount } from '../../../../../node/kiosk/cli/smileCount';
import { decodeImageFile } from '../../../../../node/kiosk/smile/decodeImageFile';
import { planSyntheticWalk, writeSyntheticWalk } from '../../../../../node/kiosk/smile/syntheticWalk';
import { shippedSmileCorrection, smileModel } from '../../../../../common/smile/smileModel';
import { correctShare } from '../../../../../common/smileShare';

const root = join(__dirname, '../../../../..');
const fixture = join(root, 'tests/fixtures/smile-eval');
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'node/kiosk/cli/smileCount.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('smile:count command line', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'smile-count-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one JSON line with the counts of a y4m video', async () => {
    const faces = [
      { name: 'smiling', image: decodeImageFile(join(fixture, 'smile', 'sample3-a.jpg')), smiling: true },
      { name: 'neutral', image: decodeImageFile(join(fixture, 'no-smile', 'sample6-c.jpg')), smiling: false },
    ];
    const walk = planSyntheticWalk(faces, { width: 320, height: 240, fps: 12, visitors: 2, seed: 4 });
    const file = join(dir, 'two.y4m');
    await writeSyntheticWalk(file, walk);
    const run = cli(file);
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const r = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(r).toMatchObject({
      visitors: 2,
      smilingVisitors: walk.groundTruth.smilingVisitors,
      framesProcessed: walk.frameCount,
      backend: 'wasm',
    });
    expect(r.framesPerSecond).toBeGreaterThan(0);
    // The counted share, the share corrected for the model's known error with its interval, and the model's version.
    expect(r).toMatchObject({ smilingShare: walk.groundTruth.smilingVisitors / 2, modelVersion: smileModel.version });
    const c = correctShare(walk.groundTruth.smilingVisitors, 2, shippedSmileCorrection);
    expect(r.correctedShare).toBe(c.correctedShare);
    expect(r.interval).toEqual(c.interval);
  }, 60_000);

  it('exits 1 with a clear message and no output for a missing file', () => {
    const run = cli(join(dir, 'missing.y4m'));
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/missing\.y4m: no such video file/);
  }, 30_000);

  it('reads --second-look as off, on (the defaults) or the options given, and names a bad one', () => {
    expect(parseSecondLook('off')).toBe(false);
    expect(parseSecondLook('on')).toEqual({});
    expect(parseSecondLook('size=128,scale=2,angles=0:10:-10,per-frame=2')).toEqual({
      inputSize: 128,
      scale: 2,
      angles: [0, 10, -10],
      maxPerFrame: 2,
    });
    for (const bad of ['yes', 'size=100', 'scale=0.5', 'angles=0:90', 'angles=0:x', 'per-frame=1.5', 'colour=1'])
      expect(() => parseSecondLook(bad), bad).toThrow(`--second-look takes off, on or size=N,scale=F,angles=A:B,per-frame=N, got ${bad}`);
  });

  it('rejects bad arguments with the usage', async () => {
    await expect(runSmileCount([])).rejects.toThrow(/usage: npm run smile:count/);
    await expect(runSmileCount(['a.y4m', 'b.y4m'])).rejects.toThrow(/usage/);
    await expect(runSmileCount(['a.y4m', '--backend', 'webgl'])).rejects.toThrow(/--backend must be wasm or cpu/);
    await expect(runSmileCount(['--synthetic', 'three'])).rejects.toThrow(/--synthetic and --size take NxM/);
    await expect(runSmileCount(['--synthetic', '0x5'])).rejects.toThrow(/whole number from 1 to 100/);
    await expect(runSmileCount(['--synthetic', '1x2', '--face-size', '2'])).rejects.toThrow(/--face-size must be a fraction/);
    await expect(runSmileCount(['a.y4m', '--input-size', '300'])).rejects.toThrow(/--input-size must be a multiple of 32/);
    await expect(runSmileCount(['a.y4m', '--roi', '0.5,0.5,0.6,0.2'])).rejects.toThrow(/--roi takes x,y,w,h/);
    await expect(runSmileCount(['a.y4m', '--roi', '0.1,0.1,0.5'])).rejects.toThrow(/--roi takes x,y,w,h/);
    await expect(runSmileCount(['a.y4m', '--min-face-size', '0'])).rejects.toThrow(/--min-face-size must be a fraction/);
    await expect(runSmileCount(['a.y4m', '--min-frames', '0'])).rejects.toThrow(/--min-frames must be a whole number from 1 to 100/);
    await expect(runSmileCount(['a.y4m', '--second-look', 'maybe'])).rejects.toThrow(/--second-look takes off, on/);
    await expect(runSmileCount(['--synthetic', '1x2', '--speed', '1'])).rejects.toThrow(/--speed must be a fraction/);
    await expect(runSmileCount(['--synthetic', '1x2', '--face-size', '0.3,0.2'])).rejects.toThrow(/--face-size must be a fraction/);
    await expect(runSmileCount(['--synthetic', '1x2', '--spacing', 'wide'])).rejects.toThrow(/--spacing takes close/);
    await expect(runSmileCount(['--synthetic', '1x2', '--brightness', '1.3,0.6'])).rejects.toThrow(/--brightness takes LO,HI/);
    await expect(runSmileCount(['--synthetic', '1x2', '--tilt', '90'])).rejects.toThrow(/--tilt must be a number from 0 to 45/);
    await expect(runSmileCount(['--synthetic', '1x2', '--stoppers', '0.6', '--edge-occlusion', '0.5'])).rejects.toThrow(/add up to more/);
    await expect(runSmileCount(['--synthetic', '1x2', '--smile-share', '1.5'])).rejects.toThrow(/--smile-share must be a fraction/);
    await expect(runSmileCount(['a.y4m', '--detector-threshold', '1'])).rejects.toThrow(
      /--detector-threshold must be a number between 0 and 1/,
    );
  });

  it('--hard turns on every harder-walk option, and a flag given as well wins', () => {
    expect(hardOptions({})).toEqual({});
    expect(hardOptions({ hard: true })).toEqual(HARD);
    expect(hardOptions({ hard: true, tilt: '5', stoppers: '0' })).toEqual({ ...HARD, tiltDegrees: 5, stoppers: 0 });
    expect(hardOptions({ brightness: '0.6,1.3', 'stop-seconds': '30', spacing: 'close' })).toEqual({
      brightness: [0.6, 1.3],
      stopSeconds: 30,
      spacing: 'close',
    });
  });

  it('--synthetic builds videos with known counts and reports the counting error', async () => {
    const r = await runSmileCount(['--synthetic', '1x3', '--faces', fixture, '--seed', '7']);
    expect('videos' in r).toBe(true);
    if (!('videos' in r)) return;
    expect(r.videos).toHaveLength(1);
    expect(r.expectedVisitors).toBe(3);
    // The error is computed from the counts, whatever they are.
    expect(r.visitorCountError).toBeCloseTo(Math.abs(r.visitors - 3) / 3, 4);
    expect(r.smilingCountError).toBe(
      r.expectedSmilingVisitors
        ? Math.round((Math.abs(r.smilingVisitors - r.expectedSmilingVisitors) / r.expectedSmilingVisitors) * 10000) / 10000
        : 0,
    );
    expect(r.visitors).toBe(3);
    expect(r.smilingVisitors).toBe(r.expectedSmilingVisitors);
    expect(r.framesProcessed).toBe(r.videos[0]!.framesProcessed);
  }, 60_000);

  it('--smile-share 1 makes every visitor smile (a walk that measures the counting sensitivity)', async () => {
    const r = await runSmileCount(['--synthetic', '1x3', '--faces', fixture, '--seed', '7', '--smile-share', '1']);
    if (!('videos' in r)) throw new Error('expected a synthetic report');
    expect([r.expectedVisitors, r.expectedSmilingVisitors, r.expectedShare]).toEqual([3, 3, 1]);
    // The corrected estimate of smiling visitors is the corrected share of the visitors counted, against the truth.
    expect(r.correctedSmilingVisitors).toBeCloseTo(r.correctedShare! * r.visitors, 1);
    expect(r.correctedSmilingCountError).toBeCloseTo(Math.abs(r.correctedShare! * r.visitors - 3) / 3, 3);
  }, 60_000);

  it('--detector-threshold reaches the detector: at 0.99 it keeps no face of a walk the model threshold counts whole', async () => {
    const args = ['--synthetic', '1x3', '--faces', fixture, '--seed', '7'];
    const model = await runSmileCount(args);
    const strict = await runSmileCount([...args, '--detector-threshold', '0.99']);
    if (!('videos' in model) || !('videos' in strict)) throw new Error('expected synthetic reports');
    expect(model.visitors).toBe(3);
    expect(strict.visitors).toBe(0);
  }, 60_000);

  it('--roi counts only the visitors crossing the region, and finds faces there that the whole picture at 224 misses', async () => {
    // Faces of a fifth of a 640x480 picture: too small for input 224 on the whole picture, enough in the region's window.
    const args = [
      '--synthetic',
      '1x6',
      '--faces',
      fixture,
      '--seed',
      '5',
      '--size',
      '640x480',
      '--face-size',
      '0.2',
      '--fps',
      '10',
      '--speed',
      '0.0125',
      '--roi',
      '0.35,0.3,0.3,0.4',
      '--input-size',
      '224',
    ];
    const region = await runSmileCount([...args, '--min-face-size', '0.1']);
    const whole = await runSmileCount([...args, '--whole-frame']);
    if (!('videos' in region) || !('videos' in whole)) throw new Error('synthetic reports expected');
    expect(region.expectedVisitors, "the ground truth is the region's visitors only").toBeLessThan(6);
    expect(region.expectedVisitors).toBeGreaterThan(0);
    expect(region.visitors).toBe(region.expectedVisitors);
    expect(region.smilingVisitors).toBe(region.expectedSmilingVisitors);
    expect(whole.visitors).toBeLessThan(whole.expectedVisitors);
  }, 120_000);
});
