// Benchmark: frames per second per camera of the kiosk's smile pipeline in headless Chromium, ONE and TWO
// cameras at once (two module workers, as the kiosk runs entry and exit), against the naive face-api usage (SSD
// MobileNet v1 + expressions on every full frame) measured in the same run, through the kiosk's own SmileCameraRunner
// (tests/bench/smileBrowser/benchPage.ts). Uses the built renderer (KIOSK_DIST, default dist: build first): its camera
// worker, model and wasm files. Two workloads:
//  - walk-through: Chromium's fake camera plays a 640x480, 30 fps synthetic walk-through (visitors entering, crossing
//    in two lanes and leaving, with empty street between), opened with the kiosk's openCamera: consecutive frames
//    as a camera delivers them, decoded by the browser's capture pipeline as a real camera's are;
//  - worst case: the earlier benchmark's 12 frames of another walk, 4 walk frames apart, cycled (faces jump, so
//    the tracker keeps seeing new, undecided faces and the expression/landmark nets run nearly every frame).
// Each row also gives where a kiosk frame's time goes (page grab, worker idle, fromPixels, detector, describe).
// BENCH_SECONDS per measurement (default 10); BENCH_BACKENDS (default wasm; add webgl for the SwiftShader rows);
// BENCH_INPUT_SIZES (default 224); BENCH_PIPELINED (default "true,false": the runner's pipelined grab and the older
// grab-wait loop, for the before/after comparison). For quick experiments: BENCH_WORKLOADS (walk,worst),
// BENCH_PIPELINES (kiosk,naive), BENCH_CAMERAS (1,2), BENCH_REPEAT (1). BENCH_BASELINE_WORKER=<bundled worker .js>
// adds rows for another build of the camera worker (an older commit's, for a before/after in the same run).
import { chromium, type Page } from '@playwright/test';
import { build } from 'esbuild';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { CHROMIUM } from '../../playwright.config';
import { decodeImageFile } from '../../node/kiosk/smile/decodeImageFile';
import { listLabelledImages } from '../../node/kiosk/smile/evaluateSmileFolder';
import { planSyntheticWalk } from '../../node/kiosk/smile/syntheticWalk';
import { Y4mWriter } from '../../node/kiosk/smile/y4m';
import { rgbToYuv420 } from '../../node/kiosk/smile/yuv420';
import type { BenchArgs, CameraFigures } from './smileBrowser/benchPage';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'wasm').split(',') as Array<'wasm' | 'webgl'>;
const INPUT_SIZES = (process.env.BENCH_INPUT_SIZES ?? '224').split(',').map(Number);
const PIPELINED = (process.env.BENCH_PIPELINED ?? 'true,false').split(',').map((v) => v === 'true');
const WORKLOADS = (process.env.BENCH_WORKLOADS ?? 'walk,worst').split(',');
const PIPELINES = (process.env.BENCH_PIPELINES ?? 'kiosk,naive').split(',');
const CAMERAS = (process.env.BENCH_CAMERAS ?? '1,2').split(',').map(Number);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 1);
/** Optional: another build of the camera worker (same messages), measured as "baseline" rows, e.g. an older commit's. */
const BASELINE = process.env.BENCH_BASELINE_WORKER;
const require = createRequire(import.meta.url);
const renderer = resolve(process.env.KIOSK_DIST ?? 'dist', 'renderer');
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

async function main(): Promise<void> {
  const assets = join(renderer, 'assets');
  const workerFile = existsSync(assets) ? readdirSync(assets).find((f) => /^smileWorker-.*\.js$/.test(f)) : undefined;
  if (!workerFile) throw new Error(`no built camera worker under ${assets}: run \`npm run build\` (or set KIOSK_DIST)`);
  const tmp = mkdtempSync(join(tmpdir(), 'smile-bench-'));
  const bundle = (entry: string, out: string) =>
    build({
      entryPoints: [join(import.meta.dirname, 'smileBrowser', entry)],
      bundle: true,
      format: 'esm',
      outfile: join(tmp, out),
      logLevel: 'error',
      target: 'chrome120',
    });
  await bundle('naiveWorker.ts', 'naive.js');
  await bundle('benchPage.ts', 'page.js');
  const models = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
  // Which tfjs wasm binary the workers fetched: the SIMD build (tfjs-backend-wasm-simd.wasm) or the plain one.
  const wasmServed = new Set<string>();
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    if (path === '/bench.html')
      return void res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><title>bench</title><script type="module" src="/page.js"></script>');
    if (path === '/baseline.js' && BASELINE)
      return void createReadStream(BASELINE).pipe(res.writeHead(200, { 'content-type': 'text/javascript' }));
    const file =
      path === '/naive.js' || path === '/page.js'
        ? join(tmp, path.slice(1))
        : path.startsWith('/bench-models/')
          ? join(models, path.slice('/bench-models/'.length))
          : join(renderer, path);
    if (!file.startsWith(renderer) && !file.startsWith(models) && !file.startsWith(tmp)) return void res.writeHead(403).end();
    if (!existsSync(file)) return void res.writeHead(404).end();
    if (file.endsWith('.wasm')) wasmServed.add(path);
    const type =
      { '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' }[extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, { 'content-type': type });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;

  const faces = listLabelledImages(join(process.cwd(), 'tests', 'fixtures', 'smile-eval'))
    .map(({ file, label }) => ({ name: file, image: decodeImageFile(file), smiling: label === 1 }))
    .filter((f) => new Set(f.image.data).size > 8);
  // Worst case: the earlier benchmark's frames, unchanged (faces 170 px, two lanes, 4 walk frames = 48 px apart).
  const jumpy = planSyntheticWalk(faces, {
    width: 640,
    height: 480,
    fps: 15,
    visitors: 6,
    seed: 5,
    faceSize: 170,
    speed: 12,
    marginFrames: 2,
  });
  const cycle = Array.from({ length: 12 }, (_, i) => {
    const f = jumpy.frame(10 + i * 4);
    const rgba = Buffer.alloc(f.width * f.height * 4, 255);
    for (let k = 0, o = 0; k < f.data.length; k += 3, o += 4) rgba.set(f.data.subarray(k, k + 3), o);
    return rgba.toString('base64');
  });
  // Walk-through: 30 fps camera, faces ~170-210 px (40 % of the frame height, two lanes, as in the counting e2e: at the
  // detector's 224 input, faces of a quarter of the height are mostly missed, which would make the kiosk look faster
  // than it is), a crossing takes ~3.5 s (8 px per frame = 240 px/s), 2 s of empty street where the file loops.
  const walk = planSyntheticWalk(faces, {
    width: 640,
    height: 480,
    fps: 30,
    visitors: 8,
    seed: 11,
    faceSize: 192,
    speed: 8,
    marginFrames: 30,
  });
  const y4m = join(tmp, 'walk.y4m');
  const writer = new Y4mWriter(createWriteStream(y4m), { width: walk.width, height: walk.height, fps: [walk.fps, 1] });
  let inView = 0;
  for (let i = 0; i < walk.frameCount; i++) {
    await writer.write(rgbToYuv420(walk.frame(i)));
    if (walk.visitors.some((v) => i >= v.startFrame && i < v.endFrame)) inView++;
  }
  await writer.end();

  console.log(
    `machine: ${cpus().length} x ${cpus()[0]?.model ?? '?'}, load average ${load()}, chromium ${CHROMIUM}, ${SECONDS} s per measurement, 640x480 frames`,
  );
  console.log(
    `walk-through: ${walk.frameCount} frames at ${walk.fps} fps (${(walk.frameCount / walk.fps).toFixed(1)} s, looped), ${walk.visitors.length} visitors, someone in view in ${Math.round((100 * inView) / walk.frameCount)} % of frames; a camera that keeps up counts ~${((walk.visitors.length * SECONDS * walk.fps) / walk.frameCount).toFixed(1)} visitors per measurement`,
  );
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${y4m}`,
      '--use-fake-ui-for-media-stream',
    ],
  });
  console.log(`chromium ${browser.version()} headless`);
  const newPage = async (): Promise<Page> => {
    const context = await browser.newContext({ permissions: ['camera'] });
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/bench.html`);
    await page.waitForFunction(() => typeof window.runBench === 'function');
    await page.evaluate(`window.FRAMES = ${JSON.stringify(cycle)}.map((b) => Uint8ClampedArray.from(atob(b), (c) => c.charCodeAt(0)));`);
    return page;
  };
  const pipelines = (
    [
      ['kiosk', `/assets/${workerFile}`],
      ['baseline', '/baseline.js'],
      ['naive', '/naive.js'],
    ] as const
  ).filter(([name]) => PIPELINES.includes(name) || (name === 'baseline' && BASELINE));
  try {
    let page = await newPage();
    for (const backend of BACKENDS) {
      for (const workload of WORKLOADS) {
        for (const [name, workerUrl] of pipelines) {
          for (const inputSize of name === 'naive' ? [224] : INPUT_SIZES) {
            for (let repeat = 0; repeat < REPEAT; repeat++)
              for (const pipelined of name === 'kiosk' ? PIPELINED : [name === 'naive']) {
                for (const cameras of CAMERAS) {
                  const args: BenchArgs = {
                    workerUrl,
                    backend,
                    detectorInputSize: inputSize,
                    cameras,
                    seconds: SECONDS,
                    source: workload === 'walk' ? 'camera' : 'cycle',
                    pipelined,
                  };
                  const pipeline =
                    name === 'naive' ? 'naive SSD+expr every frame' : `${name} tiny ${inputSize}${pipelined ? ' pipelined' : ' grab-wait'}`;
                  const label = `${backend.padEnd(5)} ${workload === 'walk' ? 'walk-through' : 'worst case  '} ${pipeline}, ${cameras} camera(s)`;
                  const loadBefore = load();
                  let r: Awaited<ReturnType<Window['runBench']>>;
                  try {
                    r = await page.evaluate((a) => window.runBench(a), args);
                  } catch (error) {
                    // Software WebGL (SwiftShader) can take the GPU process down under load: report it, measure the rest.
                    console.log(`${label}: page crashed (${(error as Error).message.split('\n')[0]})`);
                    page = await newPage();
                    continue;
                  }
                  if ('error' in r) {
                    console.log(`${label}: unavailable (${r.error})`);
                    continue;
                  }
                  console.log(`${label}: ${r.cameras.map((c) => c.fps.toFixed(1)).join(' + ')} fps per camera (load ${loadBefore})`);
                  for (const c of r.cameras) console.log(`    ${describe(c)}`);
                }
              }
          }
        }
      }
    }
    console.log(`wasm binaries the workers fetched: ${[...wasmServed].join(', ') || 'none'}`);
  } finally {
    await browser.close();
    server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

function describe(c: CameraFigures): string {
  const w = c.worker;
  const stages = w
    ? `worker idle ${w.idleMs.toFixed(1)}, fromPixels ${w.fromPixelsMs.toFixed(1)}, detector ${w.detectMs.toFixed(1)}, describe ${w.describeMs.toFixed(1)} (${w.described.toFixed(2)} faces/frame), rest ${(w.busyMs - w.fromPixelsMs - w.detectMs - w.describeMs).toFixed(1)}, busy ${w.busyMs.toFixed(1)}`
    : 'no stage times (this worker sends none)';
  const tensors = c.numTensors.length === 1 ? 'numTensors flat' : `numTensors CHANGED ${c.numTensors.join(',')}`;
  return `${c.frames} frames, backend ${c.backend}; ms/frame: page grab ${c.grabMs.toFixed(1)}, ${stages}; ${tensors}; visitors counted ${c.visitors}${c.lastError ? `; error ${c.lastError}` : ''}`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
