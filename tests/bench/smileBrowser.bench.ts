// Benchmark (issue 6): frames per second per camera of the kiosk's smile pipeline in headless Chromium, ONE and TWO
// cameras at once (two module workers, as the kiosk runs entry and exit), on tfjs wasm (forced) and WebGL (when the
// browser has it), against the naive face-api usage (SSD MobileNet v1 + expressions on every full frame) measured in
// the same run. Uses the built renderer (KIOSK_DIST, default dist: `npm run build` first): its camera worker, its
// model and wasm files. Frames: a 640x480 synthetic walk-through (two faces in view most of the time), as ImageBitmaps
// transferred to the workers exactly like the kiosk's camera runner does. BENCH_SECONDS per measurement (default 15).
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { createReadStream, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { CHROMIUM } from '../../playwright.config';
import { decodeImageFile } from '../../electron/node/smile/decodeImageFile';
import { listLabelledImages } from '../../electron/node/smile/evaluateSmileFolder';
import { planSyntheticWalk } from '../../electron/node/smile/syntheticWalk';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const require = createRequire(import.meta.url);
const renderer = resolve(process.env.KIOSK_DIST ?? 'dist', 'renderer');

async function main(): Promise<void> {
  const assets = join(renderer, 'assets');
  const workerFile = existsSync(assets) ? readdirSync(assets).find((f) => /^smileWorker-.*\.js$/.test(f)) : undefined;
  if (!workerFile) throw new Error(`no built camera worker under ${assets}: run \`npm run build\` (or set KIOSK_DIST)`);
  const tmp = mkdtempSync(join(tmpdir(), 'smile-bench-'));
  await build({ entryPoints: [join(import.meta.dirname, 'smileBrowser', 'naiveWorker.ts')], bundle: true, format: 'esm', outfile: join(tmp, 'naive.js'), logLevel: 'error', target: 'chrome120' });
  const models = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    const file = path === '/bench.html' ? null : path === '/naive.js' ? join(tmp, 'naive.js') : path.startsWith('/bench-models/') ? join(models, path.slice('/bench-models/'.length)) : join(renderer, path);
    if (file === null) return void res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>bench</title>');
    if (!file.startsWith(renderer) && !file.startsWith(models) && !file.startsWith(tmp)) return void res.writeHead(403).end();
    if (!existsSync(file)) return void res.writeHead(404).end();
    const type = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' }[extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, { 'content-type': type });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;

  const faces = listLabelledImages(join(process.cwd(), 'tests', 'fixtures', 'smile-eval'))
    .map(({ file, label }) => ({ name: file, image: decodeImageFile(file), smiling: label === 1 }))
    .filter((f) => new Set(f.image.data).size > 8);
  const walk = planSyntheticWalk(faces, { width: 640, height: 480, fps: 15, visitors: 6, seed: 5, faceSize: 170, speed: 12, marginFrames: 2 });
  const frames = Array.from({ length: 12 }, (_, i) => {
    const f = walk.frame(10 + i * 4);
    const rgba = Buffer.alloc(f.width * f.height * 4, 255);
    for (let k = 0, o = 0; k < f.data.length; k += 3, o += 4) rgba.set(f.data.subarray(k, k + 3), o);
    return rgba.toString('base64');
  });

  console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? '?'}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}, chromium ${CHROMIUM}`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  try {
    let page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/bench.html`);
    console.log(`chromium ${browser.version()}, ${SECONDS} s per measurement, 640x480 frames`);
    await page.evaluate(`window.FRAMES = ${JSON.stringify(frames)}.map((b) => Uint8ClampedArray.from(atob(b), (c) => c.charCodeAt(0)));`);
    for (const backend of ['wasm', 'webgl'] as const) {
      for (const [name, url] of [['kiosk (tiny 224 + expressions on undecided faces)', `/assets/${workerFile}`], ['naive (SSD MobileNet v1 + expressions, every frame)', '/naive.js']] as const) {
        for (const cameras of [1, 2]) {
          let r: { error?: string; fps?: number[]; backend?: string; tensors?: number[][] };
          try {
            r = (await page.evaluate((a) => (0, eval)(a.src)(a.arg), { src: HARNESS, arg: { url, backend, cameras, seconds: SECONDS } })) as typeof r;
          } catch (error) {
            // Software WebGL (SwiftShader) can take the GPU process down under load: report it, measure the rest.
            console.log(`${backend.padEnd(5)} ${name}, ${cameras} camera(s): page crashed (${(error as Error).message.split('\n')[0]})`);
            page = await browser.newPage();
            await page.goto(`http://127.0.0.1:${port}/bench.html`);
            await page.evaluate(`window.FRAMES = ${JSON.stringify(frames)}.map((b) => Uint8ClampedArray.from(atob(b), (c) => c.charCodeAt(0)));`);
            continue;
          }
          if (r.error) {
            console.log(`${backend.padEnd(5)} ${name}, ${cameras} camera(s): unavailable (${r.error})`);
            continue;
          }
          const flat = r.tensors!.every((t) => new Set(t).size === 1);
          console.log(`${backend.padEnd(5)} ${name}, ${cameras} camera(s): ${r.fps!.map((f) => f.toFixed(1)).join(' + ')} fps per camera (backend ${r.backend}, numTensors ${flat ? 'flat' : 'CHANGED'})`);
        }
      }
    }
  } finally {
    await browser.close();
    server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Runs in the page: `cameras` workers at once, each fed frames one at a time for `seconds`. Plain JS (no tsx helpers). */
const HARNESS = `async ({ url, backend, cameras, seconds }) => {
  const config = { role: 'entry', appBase: location.origin + '/', backend, detectorInputSize: 224, threshold: 0.5, minTrackFrames: 5, minFaceSize: 0.04, roi: null, direction: null };
  const workers = [];
  try {
    for (let c = 0; c < cameras; c++) {
      const w = new Worker(url, { type: 'module' });
      w.reply = () => new Promise((res) => { w.onmessage = (e) => res(e.data); w.onerror = (e) => res({ type: 'error', message: e.message || 'worker script error' }); });
      workers.push(w);
      const ready = w.reply();
      w.postMessage({ type: 'init', config });
      const m = await ready;
      if (m.type !== 'ready') return { error: m.message };
      w.backend = m.backend;
    }
    const send = async (w, i) => {
      const bm = await createImageBitmap(new ImageData(window.FRAMES[i % window.FRAMES.length], 640, 480));
      const r = w.reply();
      w.postMessage({ type: 'frame', frame: bm }, [bm]);
      const m = await r;
      if (m.type !== 'result') throw new Error(m.message);
      return m.numTensors;
    };
    for (const w of workers) for (let i = 0; i < 3; i++) await send(w, i); // warm-up (shader compile, wasm tiering)
    const end = performance.now() + seconds * 1000;
    const runs = await Promise.all(workers.map(async (w, c) => {
      let n = 0; const tensors = []; const t0 = performance.now();
      while (performance.now() < end) tensors.push(await send(w, c * 7 + n++));
      return { fps: n / ((performance.now() - t0) / 1000), tensors };
    }));
    return { fps: runs.map((r) => r.fps), tensors: runs.map((r) => r.tensors), backend: workers[0].backend };
  } catch (e) {
    return { error: String(e && e.message || e) };
  } finally {
    for (const w of workers) w.terminate();
  }
}`;

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
