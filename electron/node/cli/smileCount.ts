import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeImageFile } from '../smile/decodeImageFile';
import { countSmilesInVideo, openVideoFile, type SmileCountResult } from '../smile/countSmilesInVideo';
import { listLabelledImages } from '../smile/evaluateSmileFolder';
import { loadFaceApi, type FaceApiBackend } from '../smile/loadFaceApi';
import { planSyntheticWalk, writeSyntheticWalk, type SyntheticFace } from '../smile/syntheticWalk';

const USAGE = `usage: npm run smile:count -- <video.y4m|video.mp4> [--input-size N] [--backend wasm|cpu]
       npm run smile:count -- --synthetic <videos>x<visitors> [--faces <folder>] [--size WxH] [--face-size F] [--fps N] [--seed N]
  Counts visitors and smiling visitors with the kiosk's counting loop and prints one JSON line:
  visitors, smilingVisitors, framesProcessed, framesPerSecond. Formats other than .y4m need ffmpeg on PATH.
  --synthetic  builds that many synthetic walk-through videos (y4m, in a temporary folder) with known counts from
               the face images in --faces (smile/ and no-smile/ subfolders, default tests/fixtures/smile-eval),
               counts each and prints the ground truth, the counts and the counting error.
  --input-size TinyFaceDetector input size, a multiple of 32 (default: the kiosk's, 224; faces under about a
               quarter of the frame height need 320 or 416)
  --face-size  face side as a fraction of the frame height (default 0.4; smaller faces make more lanes)`;

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
  framesProcessed: number;
  framesPerSecond: number;
}

/** Face images for the synthetic videos: the smile/ and no-smile/ images of the folder, smiling by their subfolder. */
function loadFaces(folder: string): SyntheticFace[] {
  return listLabelledImages(folder)
    .map(({ file, label }) => ({ name: file, image: decodeImageFile(file), smiling: label === 1 }))
    // A flat image (the eval fixture's blank.png) is no visitor; it would only make the ground truth wrong.
    .filter((f) => new Set(f.image.data).size > 8);
}

const positiveInt = (name: string, v: string, max: number) => {
  const n = Number(v);
  if (!(Number.isInteger(n) && n >= 1 && n <= max)) throw new Error(`--${name} must be a whole number from 1 to ${max}, got ${v}`);
  return n;
};

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
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length !== (values.synthetic === undefined ? 1 : 0)) throw new Error(USAGE);
  const backend = values.backend as FaceApiBackend;
  if (backend !== 'wasm' && backend !== 'cpu') throw new Error(`--backend must be wasm or cpu\n${USAGE}`);
  const inputSize = values['input-size'] === undefined ? undefined : Number(values['input-size']);
  if (inputSize !== undefined && !(Number.isInteger(inputSize) && inputSize >= 128 && inputSize <= 1024 && inputSize % 32 === 0)) {
    throw new Error(`--input-size must be a multiple of 32 from 128 to 1024, got ${values['input-size']}`);
  }
  const countOptions = inputSize === undefined ? {} : { analyzer: { inputSize } };
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
  if (!(faceSize >= 0.1 && faceSize <= 0.9)) throw new Error(`--face-size must be a fraction from 0.1 to 0.9 of the frame height, got ${values['face-size']}`);
  const faces = loadFaces(values.faces);
  const { faceapi, tf } = await loadFaceApi(backend);
  const dir = mkdtempSync(join(tmpdir(), 'smile-count-'));
  const runs: SyntheticRun[] = [];
  try {
    for (let v = 0; v < videos; v++) {
      const walk = planSyntheticWalk(faces, { width: Number(size[1]), height: Number(size[2]), faceSize: Math.round(Number(size[2]) * faceSize), fps, visitors: perVideo, seed: seed + v });
      const file = join(dir, `walk-${v}.y4m`);
      const truth = await writeSyntheticWalk(file, walk);
      const counted = await countSmilesInVideo(faceapi, await openVideoFile(file), countOptions);
      runs.push({ ...counted, expectedVisitors: truth.visitors, expectedSmilingVisitors: truth.smilingVisitors });
      rmSync(file);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const sum = (f: (r: SyntheticRun) => number) => runs.reduce((s, r) => s + f(r), 0);
  const error = (f: (r: SyntheticRun) => number, g: (r: SyntheticRun) => number) => (sum(g) ? Math.round((sum((r) => Math.abs(f(r) - g(r))) / sum(g)) * 10000) / 10000 : 0);
  const framesProcessed = sum((r) => r.framesProcessed);
  return {
    videos: runs,
    expectedVisitors: sum((r) => r.expectedVisitors),
    visitors: sum((r) => r.visitors),
    visitorCountError: error((r) => r.visitors, (r) => r.expectedVisitors),
    expectedSmilingVisitors: sum((r) => r.expectedSmilingVisitors),
    smilingVisitors: sum((r) => r.smilingVisitors),
    smilingCountError: error((r) => r.smilingVisitors, (r) => r.expectedSmilingVisitors),
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
