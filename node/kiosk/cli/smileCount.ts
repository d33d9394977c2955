import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeImageFile } from '../smile/decodeImageFile';
import { countSmilesInVideo, openVideoFile, sharesOf, type SmileCountOptions, type SmileCountResult } from '../smile/countSmilesInVideo';
import { smileModel } from '../../../common/smile/smileModel';
import type { Region } from '../../../common/smile/FaceTracker';
import type { SecondLookOptions } from '../../../common/smile/SecondLook';
import { listLabelledImages } from '../smile/evaluateSmileFolder';
import { loadFaceApi, type FaceApiBackend } from '../smile/loadFaceApi';
import {
  groundTruthInRegion,
  planSyntheticWalk,
  writeSyntheticWalk,
  type SyntheticFace,
  type SyntheticWalkOptions,
} from '../smile/syntheticWalk';

/** The --hard preset: every harder-walk option at once, at the values the figures in docs/experiments/smile.md use. */
export const HARD = {
  spacing: 'close' as const,
  edgeOcclusion: 0.1,
  pillar: 0.08,
  tiltDegrees: 15,
  brightness: [0.6, 1.3] as [number, number],
  exposure: 0.2,
  stoppers: 0.03,
  stopSeconds: 60,
};

const USAGE = `usage: npm run smile:count -- <video.y4m|video.mp4> [--input-size N] [--detector-threshold F] [--backend wasm|cpu]
       npm run smile:count -- --synthetic <videos>x<visitors> [--faces <folder>] [--size WxH] [--face-size F|A,B] [--fps N] [--seed N]
         [--hard] [--spacing close] [--edge-occlusion F] [--pillar F] [--tilt DEG] [--brightness LO,HI] [--exposure F]
         [--stoppers F] [--stop-seconds S] [--smile-share F]
  Counts visitors and smiling visitors with the kiosk's counting loop and prints one JSON line:
  visitors, smilingVisitors, smilingShare (as counted), correctedShare and its 95 % interval (corrected for the
  model's known error, common/smileShare.ts), modelVersion, framesProcessed, framesPerSecond; with --synthetic also
  the smiling visitors the corrected share gives (correctedSmilingVisitors) and each figure's error against the truth.
  Formats other than .y4m need ffmpeg on PATH.
  --synthetic  builds that many synthetic walk-through videos (y4m, in a temporary folder) with known counts from
               the face images in --faces (smile/ and no-smile/ subfolders, default tests/fixtures/smile-eval),
               counts each and prints the ground truth, the counts and the counting error.
  --input-size the largest TinyFaceDetector input size, a multiple of 32 (default: the kiosk's); the size used
               is the smallest from 224 up that gives a face of --min-face-size 45 px (its detector box's shorter
               side) at the detector's input
  --detector-threshold F  the face detector's confidence below which a box is dropped (default: the kiosk's, the one
               the model's error per counted visitor was measured at; the shares are corrected as if counted at it)
  --face-size  face side as a fraction of the frame height (default 0.4; smaller faces make more lanes)
  --smile-share F  the chance that a visitor smiles (e.g. 0.21 at the entrance, 0.87 at the exit; 1 or 0 measure
               the counting's sensitivity or specificity); default: the folder's own share
  --roi x,y,w,h  counting region as fractions of the frame (the operator's region of interest); the detector looks
               only there (plus a margin); with --synthetic the ground truth is the visitors whose lane crosses it
  --min-face-size F  smallest face to count, a fraction of the frame height (default: the kiosk's, 0.04); the
               detector input grows from 224 until such a face has enough pixels, up to --input-size
  --speed F    walking speed, as a fraction of the frame width per frame (default 1/12: a crossing in about 12 frames)
  --whole-frame  the detector always sees the whole frame at --input-size (the earlier behaviour, kept for comparison)
  --second-look off|on|size=N,scale=F,angles=A:B:C,per-frame=N  look again, in a zoomed and turned window, for a face
               lost before its track was counted (common/smile/SecondLook.ts; default: the kiosk's)
  --min-frames N  frames a track must be seen in to count (default: the kiosk's)
  Harder synthetic walks (each off unless given; --hard turns on all of them, and a flag given as well wins):
  --face-size A,B  each visitor's face side drawn from A to B (fractions of the frame height), e.g. 0.2,0.33
  --spacing close  visitors 1-4 frames apart, and two walking the same way may share a lane (${HARD.spacing})
  --edge-occlusion F  share of visitors who peek in at the edge and turn back, never wholly in view: not in the
               ground truth, as the kiosk counts only faces it has seen whole (${HARD.edgeOcclusion})
  --pillar F   a pillar this share of the frame wide at the left edge, in front of the walkers (${HARD.pillar})
  --tilt DEG   faces rotated by up to +-DEG degrees (${HARD.tiltDegrees})
  --brightness LO,HI  light over the whole frame changing slowly between these gains, a 40 s cycle (${HARD.brightness.join(',')})
  --exposure F each face's own gain within 1 +- F (${HARD.exposure})
  --stoppers F share of visitors who stop in the middle of the frame, counted once (${HARD.stoppers})
  --stop-seconds S  how long a stopper stands (${HARD.stopSeconds})`;

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
  /**
   * The smiling visitors as the corrected share estimates them (corrected share × visitors counted), and its error
   * against the truth: the figure a station reads, where the raw count carries the meter's known error.
   */
  correctedSmilingVisitors: number | null;
  correctedSmilingCountError: number | null;
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
  /** Mean milliseconds per frame of each stage over all videos, and second looks taken in all. */
  stageMs: SmileCountResult['stageMs'];
  secondLooks: number;
  /** The harder-walk options the videos were built with (empty: the plain walks). */
  harder: Partial<SyntheticWalkOptions>;
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

/** `off`, `on` (the defaults) or `size=N,scale=F,angles=A:B:C,per-frame=N` (any of them) for --second-look. */
export function parseSecondLook(v: string): Partial<SecondLookOptions> | false {
  if (v === 'off') return false;
  if (v === 'on') return {};
  const out: Partial<SecondLookOptions> = {};
  for (const part of v.split(',')) {
    const [key, value = ''] = part.split('=');
    const n = Number(value);
    if (key === 'size' && Number.isInteger(n) && n >= 64 && n % 32 === 0) out.inputSize = n;
    else if (key === 'scale' && n >= 1 && n <= 5) out.scale = n;
    else if (key === 'per-frame' && Number.isInteger(n) && n >= 0 && n <= 10) out.maxPerFrame = n;
    else if (key === 'angles' && value.split(':').every((a) => Math.abs(Number(a)) <= 45)) out.angles = value.split(':').map(Number);
    else throw new Error(`--second-look takes off, on or size=N,scale=F,angles=A:B,per-frame=N, got ${v}`);
  }
  return out;
}

/** The harder-walk options from the command line: the --hard preset, then each flag given. Exported for the tests. */
export function hardOptions(values: Record<string, string | boolean | undefined>): Partial<SyntheticWalkOptions> {
  const out: Partial<SyntheticWalkOptions> = values.hard ? { ...HARD, brightness: [...HARD.brightness] } : {};
  const num = (name: string, min: number, max: number) => {
    const v = values[name];
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!(n >= min && n <= max)) throw new Error(`--${name} must be a number from ${min} to ${max}, got ${String(v)}`);
    return n;
  };
  if (values.spacing !== undefined) {
    if (values.spacing !== 'close') throw new Error(`--spacing takes close, got ${String(values.spacing)}`);
    out.spacing = 'close';
  }
  const set = <K extends keyof SyntheticWalkOptions>(key: K, v: SyntheticWalkOptions[K] | undefined) => {
    if (v !== undefined) out[key] = v;
  };
  set('edgeOcclusion', num('edge-occlusion', 0, 1));
  set('pillar', num('pillar', 0, 0.3));
  set('tiltDegrees', num('tilt', 0, 45));
  set('exposure', num('exposure', 0, 0.9));
  set('stoppers', num('stoppers', 0, 1));
  set('stopSeconds', num('stop-seconds', 0.1, 600));
  if (values.brightness !== undefined) {
    const b = String(values.brightness).split(',').map(Number);
    if (!(b.length === 2 && b[0]! > 0 && b[1]! >= b[0]! && b[1]! <= 4))
      throw new Error(`--brightness takes LO,HI gains with 0 < LO <= HI <= 4, got ${String(values.brightness)}`);
    out.brightness = [b[0]!, b[1]!];
  }
  if ((out.edgeOcclusion ?? 0) + (out.stoppers ?? 0) > 1) throw new Error('--edge-occlusion and --stoppers add up to more than 1');
  return out;
}

/** The counting loop's options from the command line: what the camera worker gets from the operator's settings. */
function meterOptions(
  values: {
    roi?: string;
    'min-face-size'?: string;
    'whole-frame'?: boolean;
    'detector-threshold'?: string;
    'second-look'?: string;
    'min-frames'?: string;
  },
  inputSize: number | undefined,
): SmileCountOptions {
  const scoreThreshold = values['detector-threshold'] === undefined ? undefined : Number(values['detector-threshold']);
  if (scoreThreshold !== undefined && !(scoreThreshold > 0 && scoreThreshold < 1))
    throw new Error(`--detector-threshold must be a number between 0 and 1, got ${values['detector-threshold']}`);
  const minFaceSize = values['min-face-size'] === undefined ? undefined : Number(values['min-face-size']);
  if (minFaceSize !== undefined && !(minFaceSize >= 0.01 && minFaceSize <= 0.8))
    throw new Error(`--min-face-size must be a fraction from 0.01 to 0.8 of the frame height, got ${values['min-face-size']}`);
  const minFrames = values['min-frames'] === undefined ? undefined : positiveInt('min-frames', values['min-frames'], 100);
  return {
    analyzer: { ...(inputSize === undefined ? {} : { inputSize }), ...(scoreThreshold === undefined ? {} : { scoreThreshold }) },
    tracker: {
      ...(values.roi === undefined ? {} : { roi: parseRoi(values.roi) }),
      ...(minFaceSize === undefined ? {} : { minFaceSize }),
      ...(minFrames === undefined ? {} : { minFrames }),
    },
    detection: values['whole-frame'] ? false : {},
    ...(values['second-look'] === undefined ? {} : { secondLook: parseSecondLook(values['second-look']) }),
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
      'detector-threshold': { type: 'string' },
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
      hard: { type: 'boolean', default: false },
      spacing: { type: 'string' },
      'edge-occlusion': { type: 'string' },
      pillar: { type: 'string' },
      tilt: { type: 'string' },
      brightness: { type: 'string' },
      exposure: { type: 'string' },
      stoppers: { type: 'string' },
      'stop-seconds': { type: 'string' },
      'smile-share': { type: 'string' },
      'second-look': { type: 'string' },
      'min-frames': { type: 'string' },
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
  const faceSizes = values['face-size'].split(',').map(Number);
  if (!(faceSizes.length <= 2 && faceSizes.every((f) => f >= 0.1 && f <= 0.9) && faceSizes[0]! <= faceSizes.at(-1)!))
    throw new Error(`--face-size must be a fraction from 0.1 to 0.9 of the frame height (or A,B with A <= B), got ${values['face-size']}`);
  const faceSize = faceSizes[0]!;
  const hard = hardOptions(values);
  const speed = values.speed === undefined ? undefined : Number(values.speed);
  if (speed !== undefined && !(speed >= 0.005 && speed <= 0.5))
    throw new Error(`--speed must be a fraction from 0.005 to 0.5 of the frame width per frame, got ${values.speed}`);
  const smileShare = values['smile-share'] === undefined ? undefined : Number(values['smile-share']);
  if (smileShare !== undefined && !(smileShare >= 0 && smileShare <= 1))
    throw new Error(`--smile-share must be a fraction from 0 to 1, got ${values['smile-share']}`);
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
        ...(faceSizes.length === 2 ? { faceSizeRange: faceSizes.map((f) => Math.round(Number(size[2]) * f)) as [number, number] } : {}),
        ...hard,
        ...(smileShare === undefined ? {} : { smileShare }),
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
  // Each stage's mean ms per frame over all videos: the videos' means weighted by their frames.
  const stageMean = (stage: keyof SmileCountResult['stageMs']) =>
    Math.round((sum((r) => r.stageMs[stage] * r.framesProcessed) / (framesProcessed || 1)) * 100) / 100;
  const shares = sharesOf(
    sum((r) => r.smilingVisitors),
    sum((r) => r.visitors),
    countOptions.tracker?.smile?.threshold ?? smileModel.threshold,
  );
  const expectedShare = sum((r) => r.expectedVisitors) ? sum((r) => r.expectedSmilingVisitors) / sum((r) => r.expectedVisitors) : null;
  const expectedSmiling = sum((r) => r.expectedSmilingVisitors);
  const correctedSmiling = shares.correctedShare === null ? null : shares.correctedShare * sum((r) => r.visitors);
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
    correctedSmilingVisitors: correctedSmiling === null ? null : Math.round(correctedSmiling * 10) / 10,
    correctedSmilingCountError:
      correctedSmiling === null || expectedSmiling === 0
        ? null
        : Math.round((Math.abs(correctedSmiling - expectedSmiling) / expectedSmiling) * 10000) / 10000,
    expectedShare,
    ...shares,
    correctedShareError: off(shares.correctedShare),
    rawShareError: off(shares.smilingShare),
    framesProcessed,
    stageMs: { detect: stageMean('detect'), secondLook: stageMean('secondLook'), describe: stageMean('describe') },
    secondLooks: sum((r) => r.secondLooks),
    harder: hard,
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
