import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeImageFile } from '../smile/decodeImageFile';
import { countSmilesInVideo, openVideoFile, sharesOf, type SmileCountOptions, type SmileCountResult } from '../smile/countSmilesInVideo';
import { smileModel } from '../../../common/smile/smileModel';
import type { Region } from '../../../common/smile/FaceTracker';
import { listLabelledImages } from '../smile/evaluateSmileFolder';
import { loadFaceApi, type FaceApiBackend } from '../smile/loadFaceApi';
import { groundTruthInRegion, planSyntheticWalk, writeSyntheticWalk, type SyntheticFace } from '../smile/syntheticWalk';

const USAGE = `usage: npm run smile:count -- <video.y4m|video.mp4> [--input-size N] [--backend wasm|cpu]
       npm run smile:count -- --synthetic <videos>x<visitors> [--faces <folder>] [--size WxH] [--face-size F] [--fps N] [--seed N]
  Counts visitors and smiling visitors with the kiosk's counting loop and prints one JSON line:
  visitors, smilingVisitors, smilingShare (as counted), correctedShare and its 95 % interval (corrected for the
  model's known error, common/smileShare.ts), modelVersion, framesProcessed, framesPerSecond. Formats other than .y4m need ffmpeg on PATH.
  --synthetic  builds that many synthetic walk-through videos (y4m, in a temporary folder) with known counts from
               the face images in --faces (smile/ and no-smile/ subfolders, default tests/fixtures/smile-eval),
               counts each and prints the ground truth, the counts and the counting error.
  --input-size the largest TinyFaceDetector input size, a multiple of 32 (default: the kiosk's); the size used
               is the smallest from 224 up that gives a face of --min-face-size 45 px (its detector box's shorter
               side) at the detector's input
  --face-size  face side as a fraction of the frame height (default 0.4; smaller faces make more lanes)
  --roi x,y,w,h  counting region as fractions of the frame (the operator's region of interest); the detector looks
               only there (plus a margin); with --synthetic the ground truth is the visitors whose lane crosses it
  --min-face-size F  smallest face to count, a fraction of the frame height (default: the kiosk's, 0.04); the
               detector input grows from 224 until such a face has enough pixels, up to --input-size
  --speed F    walking speed, as a fraction of the frame width per frame (default 1/12: a crossing in about 12 frames)
  --whole-frame  the detector always sees the whole frame at --input-size (the earlier behaviour, kept for comparison)`;

export interface SyntheticRun extends SmileCountResult {
  expectedVisitors: number;
  expectedSmilingVisitors: number;
}

export interface SyntheticReport {
  videos: SyntheticRun[];
  expectedVisitors: number;
  visitors: number;
  /** Sum over videos of |counted - expected| / sum of expected. */
  visitorCountError: number;
  expectedSmilingVisitors: number;
  smilingVisitors: number;
  smilingCountError: number;
  /** The true share of smiling visitors (from the ground truth), the counted share, the corrected one and its interval. */
  expectedShare: number | null;
  smilingShare: number | null;
  correctedShare: number | null;
  interval: { low: number; high: number } | null;
  /** |corrected share - true share| and |counted share - true share|, in share (0..1). */
  correctedShareError: number | null;
  rawShareError: number | null;
  modelVersion: number;
  framesProcessed: number;
  framesPerSecond: number;
}

/** Face images for the synthetic videos: the smile/ and no-smile/ images of the folder, smiling by their subfolder. */
function loadFaces(folder: string): SyntheticFace[] {
  return (
    listLabelledImages(folder)
      .map(({ file, label }) => ({ name: file, image: decodeImageFile(file), smiling: label === 1 }))
      // A flat image (the eval fixture's blank.png) is no visitor; it would only make the ground truth wrong.
      .filter((f) => new Set(f.image.data).size > 8)
  );
}

const positiveInt = (name: string, v: string, max: number) => {
  const n = Number(v);
  if (!(Number.isInteger(n) && n >= 1 && n <= max)) throw new Error(`--${name} must be a whole number from 1 to ${max}, got ${v}`);
  return n;
};

const inputSizeOf = (name: string, v: string | undefined) => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!(Number.isInteger(n) && n >= 128 && n <= 1024 && n % 32 === 0))
    throw new Error(`--${name} must be a multiple of 32 from 128 to 1024, got ${v}`);
  return n;
};

/** `x,y,w,h` as fractions of the frame, the same bounds as the operator's region (common/smileSettings.ts). */
function parseRoi(v: string): Region {
  const parts = v.split(',').map(Number);
  const [x, y, width, height] = parts as [number, number, number, number];
  const ok =
    parts.length === 4 &&
    parts.every((p) => p >= 0 && p <= 1) &&
    width >= 0.05 &&
    height >= 0.05 &&
    x + width <= 1.0001 &&
    y + height <= 1.0001;
  if (!ok) throw new Error(`--roi takes x,y,w,h as fractions of the frame (w and h at least 0.05, inside the frame), got ${v}`);
  return { x, y, width, height };
}

/** The counting loop's options from the command line: what the camera worker gets from the operator's settings. */
function meterOptions(
  values: { roi?: string; 'min-face-size'?: string; 'whole-frame'?: boolean },
  inputSize: number | undefined,
): SmileCountOptions {
  const minFaceSize = values['min-face-size'] === undefined ? undefined : Number(values['min-face-size']);
  if (minFaceSize !== undefined && !(minFaceSize >= 0.01 && minFaceSize <= 0.8))
    throw new Error(`--min-face-size must be a fraction from 0.01 to 0.8 of the frame height, got ${values['min-face-size']}`);
  return {
    ...(inputSize === undefined ? {} : { analyzer: { inputSize } }),
    tracker: { ...(values.roi === undefined ? {} : { roi: parseRoi(values.roi) }), ...(minFaceSize === undefined ? {} : { minFaceSize }) },
    detection: values['whole-frame'] ? false : {},
  };
}

/** Parses the command line and runs the count. Exported for the tests. */
export async function runSmileCount(argv: readonly string[]): Promise<(SmileCountResult | SyntheticReport) & { backend: string }> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      backend: { type: 'string', default: 'wasm' },
      'input-size': { type: 'string' },
      synthetic: { type: 'string' },
      faces: { type: 'string', default: join(process.cwd(), 'tests', 'fixtures', 'smile-eval') },
      size: { type: 'string', default: '320x240' },
      'face-size': { type: 'string', default: '0.4' },
      fps: { type: 'string', default: '12' },
      seed: { type: 'string', default: '1' },
      roi: { type: 'string' },
      'min-face-size': { type: 'string' },
      'whole-frame': { type: 'boolean', default: false },
      speed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length !== (values.synthetic === undefined ? 1 : 0)) throw new Error(USAGE);
  const backend = values.backend as FaceApiBackend;
  if (backend !== 'wasm' && backend !== 'cpu') throw new Error(`--backend must be wasm or cpu\n${USAGE}`);
  const inputSize = inputSizeOf('input-size', values['input-size']);
  const countOptions = meterOptions(values, inputSize);
  const roi = countOptions.tracker?.roi ?? null;
  if (values.synthetic === undefined) {
    const video = await openVideoFile(positionals[0]!); // a missing or malformed file fails before face-api loads
    const { faceapi, tf } = await loadFaceApi(backend);
    return { ...(await countSmilesInVideo(faceapi, video, countOptions)), backend: tf.getBackend() };
  }
  const plan = /^(\d+)x(\d+)$/.exec(values.synthetic);
  const size = /^(\d+)x(\d+)$/.exec(values.size);
  if (!plan || !size) throw new Error(`--synthetic and --size take NxM, e.g. --synthetic 3x15 --size 320x240\n${USAGE}`);
  const videos = positiveInt('synthetic (videos)', plan[1]!, 100);
  const perVideo = positiveInt('synthetic (visitors)', plan[2]!, 1000);
  const fps = positiveInt('fps', values.fps, 120);
  const seed = positiveInt('seed', values.seed, 2 ** 31);
  const faceSize = Number(values['face-size']);
  if (!(faceSize >= 0.1 && faceSize <= 0.9))
    throw new Error(`--face-size must be a fraction from 0.1 to 0.9 of the frame height, got ${values['face-size']}`);
  const speed = values.speed === undefined ? undefined : Number(values.speed);
  if (speed !== undefined && !(speed >= 0.005 && speed <= 0.5))
    throw new Error(`--speed must be a fraction from 0.005 to 0.5 of the frame width per frame, got ${values.speed}`);
  const faces = loadFaces(values.faces);
  const { faceapi, tf } = await loadFaceApi(backend);
  const dir = mkdtempSync(join(tmpdir(), 'smile-count-'));
  const runs: SyntheticRun[] = [];
  try {
    for (let v = 0; v < videos; v++) {
      const walk = planSyntheticWalk(faces, {
        width: Number(size[1]),
        height: Number(size[2]),
        faceSize: Math.round(Number(size[2]) * faceSize),
        fps,
        visitors: perVideo,
        seed: seed + v,
        ...(speed === undefined ? {} : { speed: speed * Number(size[1]) }),
      });
      const file = join(dir, `walk-${v}.y4m`);
      await writeSyntheticWalk(file, walk);
      const truth = groundTruthInRegion(walk, roi);
      const counted = await countSmilesInVideo(faceapi, await openVideoFile(file), countOptions);
      runs.push({ ...counted, expectedVisitors: truth.visitors, expectedSmilingVisitors: truth.smilingVisitors });
      rmSync(file);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const sum = (f: (r: SyntheticRun) => number) => runs.reduce((s, r) => s + f(r), 0);
  const error = (f: (r: SyntheticRun) => number, g: (r: SyntheticRun) => number) =>
    sum(g) ? Math.round((sum((r) => Math.abs(f(r) - g(r))) / sum(g)) * 10000) / 10000 : 0;
  const framesProcessed = sum((r) => r.framesProcessed);
  const shares = sharesOf(
    sum((r) => r.smilingVisitors),
    sum((r) => r.visitors),
    countOptions.tracker?.smile?.threshold ?? smileModel.threshold,
  );
  const expectedShare = sum((r) => r.expectedVisitors) ? sum((r) => r.expectedSmilingVisitors) / sum((r) => r.expectedVisitors) : null;
  const off = (x: number | null) => (x == null || expectedShare == null ? null : Math.round(Math.abs(x - expectedShare) * 10000) / 10000);
  return {
    videos: runs,
    expectedVisitors: sum((r) => r.expectedVisitors),
    visitors: sum((r) => r.visitors),
    visitorCountError: error(
      (r) => r.visitors,
      (r) => r.expectedVisitors,
    ),
    expectedSmilingVisitors: sum((r) => r.expectedSmilingVisitors),
    smilingVisitors: sum((r) => r.smilingVisitors),
    smilingCountError: error(
      (r) => r.smilingVisitors,
      (r) => r.expectedSmilingVisitors,
    ),
    expectedShare,
    ...shares,
    correctedShareError: off(shares.correctedShare),
    rawShareError: off(shares.smilingShare),
    framesProcessed,
    framesPerSecond: Math.round((framesProcessed / sum((r) => r.framesProcessed / r.framesPerSecond)) * 10) / 10,
    backend: tf.getBackend(),
  };
}

if (process.argv[1] && /smileCount\.(ts|js|cjs|mjs)$/.test(process.argv[1])) {
  runSmileCount(process.argv.slice(2)).then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
