/**
 * Measures the smile meter's error per counted visitor, the figure the kiosk corrects its shares with, and writes it
 * into the model file as `countingOperatingPoint` (a new model version):
 *
 *   npm run smile:calibrate -- [faces folder] [--walks 4x100] [--smiling-walks 12x100] [--seed 1001]
 *     [--detector-threshold F] [--model common/smile/smileModel.json] [--dry-run]
 *     [-- any smile:count walk option, e.g. --size 640x480 --fps 15 ...]
 *
 * `--smiling-walks` (default: `--walks`) sizes the all-smiling walks on their own. At the station's high share (about
 * 87 %) a corrected share moves by about 1.1 points per point of sensitivity and by only 0.2 per point of
 * specificity, and a sensitivity measured on 400 smiling visitors is known to about ±4 points: that, not the day's
 * own visitors, bounds how close a week's share can come (`npm run smile:spread`). Walk i of a run is the walk at
 * seed + i, so a run of 12 walks repeats the 4 of a run of 4 at the same seed and adds 8.
 *
 * `--detector-threshold` (default: the one the file's counting point was measured at, else the training's) is the
 * face detector's confidence the walks are counted at; it is written with the figures, and the kiosk's meter detects
 * at it (common/smile/createKioskMeter.ts), so the correction always matches the counting it corrects.
 *
 * The crop figures of the training script (`operatingPoint`: one still face crop, one decision) are not what the
 * meter decides on: it follows a moving face through the frames, scores it at camera resolution in each, and decides
 * once per visitor from the trimmed mean (common/smile/smileDecision.ts). So the counting itself is run on synthetic
 * walk-throughs (node/kiosk/smile/syntheticWalk.ts) where every visitor smiles (`--smile-share 1`: the share counted
 * smiling is the sensitivity) and where none does (`--smile-share 0`: the share counted not smiling is the
 * specificity), with faces of the training folder only, so that walks of the comparison folder stay unseen. The
 * numbers of counted visitors in each are the `positives` and `negatives` the interval's uncertainty comes from.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runSmileCount, type SyntheticReport } from '../../node/kiosk/cli/smileCount';
import type { CountingOperatingPoint, SmileModelFile } from '../../common/smile/smileScorer';
import { recordedPath } from './recordedPath';

export interface CalibrateOptions {
  faces: string;
  /** Videos x visitors for the walks where no visitor smiles, as smile:count's --synthetic (`--walks`). */
  walks: string;
  /** Videos x visitors for the walks where every visitor smiles (`--smiling-walks`, else `--walks`). */
  smilingWalks: string;
  seed: number;
  /** More smile:count options for the walks (size, frame rate, face sizes, detector input, harder walks). */
  walkArgs: string[];
  /** The face detector's confidence to count at. */
  detectorThreshold: number;
  /** The command line as recorded in the model file. */
  command: string;
}

const r4 = (x: number) => Math.round(x * 10000) / 10000;

/** Runs the two walks and gives the operating point per counted visitor. */
export async function measureCounting(o: CalibrateOptions): Promise<CountingOperatingPoint> {
  const walk = async (share: number, seed: number, walks: string): Promise<SyntheticReport> => {
    const r = await runSmileCount([
      '--synthetic',
      walks,
      '--faces',
      o.faces,
      '--smile-share',
      String(share),
      '--seed',
      String(seed),
      '--detector-threshold',
      String(o.detectorThreshold),
      ...o.walkArgs,
    ]);
    if (!('videos' in r)) throw new Error('smile:count did not run synthetic walks');
    if (r.visitors === 0) throw new Error(`no visitor was counted in the walks with smile share ${share}: check the walk options`);
    return r;
  };
  return {
    ...countingPointOf(await walk(1, o.seed, o.smilingWalks), await walk(0, o.seed + 1000, o.walks), o.command),
    detectorThreshold: o.detectorThreshold,
  };
}

type WalkCounts = Pick<SyntheticReport, 'visitors' | 'smilingVisitors' | 'expectedVisitors'>;

/** The operating point from the counts of the all-smiling walks and the no-smiling walks. */
export function countingPointOf(smiling: WalkCounts, other: WalkCounts, command: string): CountingOperatingPoint {
  return {
    method:
      'the kiosk counting synthetic walk-throughs of the training faces: every visitor smiling (sensitivity = counted smiling / ' +
      'counted visitors) and none smiling (specificity = counted not smiling / counted visitors), at the shipped threshold',
    command,
    sensitivity: r4(smiling.smilingVisitors / smiling.visitors),
    specificity: r4(1 - other.smilingVisitors / other.visitors),
    positives: smiling.visitors,
    negatives: other.visitors,
    walkedVisitors: smiling.expectedVisitors + other.expectedVisitors,
    visitorCountError: r4(
      (Math.abs(smiling.visitors - smiling.expectedVisitors) + Math.abs(other.visitors - other.expectedVisitors)) /
        (smiling.expectedVisitors + other.expectedVisitors),
    ),
  };
}

/** The model file with its counting operating point, as a new version (exports and heartbeats name the version). */
export function withCountingOperatingPoint(file: SmileModelFile, point: CountingOperatingPoint): SmileModelFile {
  return { ...file, version: file.version + 1, countingOperatingPoint: point };
}

/** The command line: measures, prints one JSON line and (unless --dry-run) writes the model file. Exported for the tests. */
export async function calibrateCountingCli(argv: string[]): Promise<SmileModelFile> {
  const dashdash = argv.indexOf('--');
  const own = dashdash < 0 ? argv : argv.slice(0, dashdash);
  const walkArgs = dashdash < 0 ? [] : argv.slice(dashdash + 1);
  const taken = walkArgs.find((a) =>
    ['--synthetic', '--faces', '--smile-share', '--seed', '--detector-threshold'].includes(a.split('=')[0]!),
  );
  if (taken) throw new Error(`${taken} is set by the calibration itself: give only the walks' look after --`);
  const { values, positionals } = parseArgs({
    args: own,
    allowPositionals: true,
    options: {
      walks: { type: 'string', default: '4x100' },
      'smiling-walks': { type: 'string' },
      seed: { type: 'string', default: '1001' },
      'detector-threshold': { type: 'string' },
      model: { type: 'string', default: 'common/smile/smileModel.json' },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  const faces = positionals[0] ?? '../shared/datasets/smiles-train';
  const smilingWalks = values['smiling-walks'] ?? values.walks;
  const seed = Number(values.seed);
  if (!(Number.isInteger(seed) && seed >= 1)) throw new Error(`--seed must be a whole number from 1, got ${values.seed}`);
  const model = JSON.parse(readFileSync(values.model, 'utf8')) as SmileModelFile;
  const detectorThreshold =
    values['detector-threshold'] === undefined
      ? (model.countingOperatingPoint?.detectorThreshold ?? model.analyzer.scoreThreshold)
      : Number(values['detector-threshold']);
  if (!(detectorThreshold > 0 && detectorThreshold < 1))
    throw new Error(`--detector-threshold must be a number between 0 and 1, got ${values['detector-threshold']}`);
  const command = [
    'npm run smile:calibrate --',
    recordedPath(faces),
    '--walks',
    values.walks,
    ...(smilingWalks === values.walks ? [] : ['--smiling-walks', smilingWalks]),
    '--seed',
    String(seed),
    '--detector-threshold',
    String(detectorThreshold),
    ...(walkArgs.length ? ['--', ...walkArgs] : []),
  ].join(' ');
  const point = await measureCounting({ faces, walks: values.walks, smilingWalks, seed, walkArgs, command, detectorThreshold });
  const file = withCountingOperatingPoint(model, point);
  if (!values['dry-run']) writeFileSync(values.model, `${JSON.stringify(file, null, 2)}\n`);
  return file;
}

if (process.argv[1] && /calibrateCounting\.(ts|js)$/.test(process.argv[1])) {
  calibrateCountingCli(process.argv.slice(2)).then(
    (file) => console.log(JSON.stringify({ version: file.version, countingOperatingPoint: file.countingOperatingPoint })),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exitCode = 1;
    },
  );
}
