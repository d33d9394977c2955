// Benchmark: the smile meter's classifier and per-frame cost under Node on tfjs-wasm.
// Run with `npm run bench -- smile`. Prints the machine, then:
//  1. per-frame time of the kiosk pipeline (TinyFaceDetector 224 + expression net on mirrored crops + tiny landmarks)
//     against the naive face-api usage (SSD MobileNet v1 + expressions on every full frame), on a 640x480 frame
//     made from a sample photo shipped in @vladmandic/face-api;
//  2. 2,000 frames (BENCH_LOOP_FRAMES) of the whole counting loop with numTensors before and after;
//  3. counting error and fps on synthetic walk-through videos (3 x 15 visitors, BENCH_WALKS=NxM to change);
//  4. when ../shared/datasets/smiles-dev is present: face-api's raw happy@0.5 against the kiosk's model on it.
//     (The model was trained on that set: its honest figures are the cross-validated ones in smileModel.json.)
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { runSmileCount } from '../../node/kiosk/cli/smileCount';
import { decodeImageFile } from '../../node/kiosk/smile/decodeImageFile';
import { evaluateSmileFolder } from '../../node/kiosk/smile/evaluateSmileFolder';
import { faceApiModelDir, loadFaceApi } from '../../node/kiosk/smile/loadFaceApi';
import { FaceAnalyzer } from '../../common/smile/faceAnalyzer';
import { FaceTracker } from '../../common/smile/FaceTracker';
import { SmileMeter } from '../../common/smile/SmileMeter';
import { modelScorer } from '../../common/smile/smileScorer';
import { smileModel } from '../../common/smile/smileModel';

const FRAMES = Number(process.env.BENCH_FRAMES ?? 40);
const LOOP_FRAMES = Number(process.env.BENCH_LOOP_FRAMES ?? 2000);
const require = createRequire(import.meta.url);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

async function main(): Promise<void> {
  console.log(
    `machine: ${cpus().length} x ${cpus()[0]?.model ?? '?'}, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}, node ${process.version}`,
  );
  const { faceapi, tf } = await loadFaceApi('wasm');
  console.log(`tfjs ${tf.version.tfjs} backend ${tf.getBackend()}, face-api ${faceapi.version}`);
  const sample = decodeImageFile(join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo', 'sample1.jpg'));
  const ftf = faceapi.tf;
  const frame = ftf.tidy(() =>
    ftf.cast(ftf.image.resizeBilinear(ftf.tensor3d(sample.data, [sample.height, sample.width, 3], 'int32'), [480, 640]), 'int32'),
  );

  const analyzer = new FaceAnalyzer(faceapi, smileModel.analyzer);
  const time = async (run: () => Promise<number>) => {
    await run(); // warm-up
    const ms: number[] = [];
    let faces = 0;
    for (let i = 0; i < FRAMES; i++) {
      const t0 = performance.now();
      faces = await run();
      ms.push(performance.now() - t0);
    }
    return { ms: median(ms), faces };
  };
  const before = tf.memory().numTensors;
  const kiosk = await time(async () => (await analyzer.analyze(frame)).length);
  const leaked = tf.memory().numTensors - before;
  const detectOnly = await time(async () => (await analyzer.detect(frame)).length);
  const detect160 = await time(
    async () => (await new FaceAnalyzer(faceapi, { ...smileModel.analyzer, inputSize: 160 }).detect(frame)).length,
  );
  await faceapi.nets.ssdMobilenetv1.loadFromDisk(faceApiModelDir());
  const naive = await time(
    async () => (await faceapi.detectAllFaces(frame, new faceapi.SsdMobilenetv1Options()).withFaceExpressions()).length,
  );
  frame.dispose();
  const line = (name: string, r: { ms: number; faces: number }) =>
    console.log(`${name}: ${r.ms.toFixed(1)} ms/frame median (${(1000 / r.ms).toFixed(1)} fps single stream), ${r.faces} faces`);
  const o = smileModel.analyzer;
  line(
    `kiosk pipeline (tiny ${o.inputSize} + tiny landmarks + expressions on ${o.cropScales.length} crop(s)${o.flip ? ' + mirror' : ''}${o.align ? ', eye-levelled' : ''})`,
    kiosk,
  );
  line('naive face-api (SSD MobileNet v1 + expressions, full frame)', naive);
  line('TinyFaceDetector 224 only (a frame whose visitors are all decided)', detectOnly);
  line('TinyFaceDetector 160 only', detect160);
  console.log(`tensors leaked over ${FRAMES + 1} kiosk frames: ${leaked}`);

  // A long run of the whole counting loop (analyzer + scorer + tracker) on a 320x240 frame with one face moving
  // back and forth: numTensors must not move, and the rate is the loop's single-stream throughput.
  const face = decodeImageFile(join(process.cwd(), 'tests', 'fixtures', 'smile-eval', 'smile', 'sample3-a.jpg'));
  const meter = new SmileMeter(
    analyzer,
    modelScorer(smileModel),
    new FaceTracker({ smile: { aggregation: 'trimmedMean', trim: 0.2, threshold: smileModel.threshold } }),
  );
  const startTensors = tf.memory().numTensors;
  const t0 = performance.now();
  for (let i = 0; i < LOOP_FRAMES; i++) {
    const x = 10 + Math.abs(((i * 7) % 400) - 200);
    const data = new Uint8Array(320 * 240 * 3).fill(128);
    for (let r = 0; r < face.height; r++)
      data.set(face.data.subarray(r * face.width * 3, (r + 1) * face.width * 3), ((70 + r) * 320 + x) * 3);
    const t = analyzer.toTensor({ width: 320, height: 240, data });
    await meter.processFrame(t);
    t.dispose();
  }
  const loopMs = (performance.now() - t0) / LOOP_FRAMES;
  console.log(
    `counting loop (SmileMeter), ${LOOP_FRAMES} frames 320x240, one face moving: ${loopMs.toFixed(1)} ms/frame (${(1000 / loopMs).toFixed(1)} fps), numTensors ${startTensors} -> ${tf.memory().numTensors}, visitors ${meter.tracker.visitors}, faces through the expression net ${meter.facesDescribed}`,
  );

  // Counting error on synthetic walk-throughs with known counts (the same run as `npm run smile:count -- --synthetic`).
  const walks = await runSmileCount(['--synthetic', process.env.BENCH_WALKS ?? '3x15']);
  console.log(`synthetic walk-throughs (320x240, 12 fps, faces 40 % of the frame height): ${JSON.stringify(walks)}`);

  const dev = join(process.cwd(), '..', 'shared', 'datasets', 'smiles-dev');
  if (!existsSync(dev)) {
    console.log(`${dev} not present: skipping the classifier comparison`);
    return;
  }
  for (const classifier of ['raw', 'happy', 'model'] as const) {
    const r = await evaluateSmileFolder(faceapi, dev, { classifier, model: smileModel });
    console.log(`smiles-dev ${r.classifier}: ${JSON.stringify(r)}`);
  }
  console.log(`model cross-validation on smiles-dev (the estimate for unseen faces): ${JSON.stringify(smileModel.crossValidation)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
