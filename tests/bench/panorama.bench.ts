// Benchmark: the panorama scene (src/exhibits/panorama/scene/PanoramaScene.ts) in Debian's
// headless Chromium with software WebGL (SwiftShader), on the demo pack's 4096 x 2048 node pictures,
// against the peer, Photo Sphere Viewer (@photo-sphere-viewer/core), showing the same pictures in the
// same run. Run with `npm run bench -- panorama`. Prints the machine, then:
//  1. input -> frame: a simulated wheel (navigator.getGamepads() replaced, polled every animation
//     frame as the exhibit's input loop does) and a keyboard key, to the frame that shows the turn;
//  2. frame time while the wheel is held turned;
//  3. node switch: cold (fetch + decode + upload) and preloaded, ours and the peer's (setPanorama);
//  4. memory after touring the route twice: renderer.info and the JS heap (CDP Performance.getMetrics);
//  5. bundle size (esbuild, minified, gzip) of each viewer with three.js, and CSP violations under the kiosk's policy.
import { cpus, loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { median, p95 } from '../harness/panorama/benchPage';
import { measureOurs } from '../harness/panorama/measureOurs';
import { measurePeer } from '../harness/panorama/measurePeer';
import { buildHarness, WEBGL_ARGS } from '../harness/panorama/serveHarness';

const STAGE = { width: Number(process.env.BENCH_WIDTH ?? 1280), height: Number(process.env.BENCH_HEIGHT ?? 720) };
async function bundleKb(contents: string): Promise<{ min: number; gz: number }> {
  const r = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    target: 'chrome120',
    logLevel: 'error',
    outdir: '/virtual',
    loader: { '.css': 'css' },
  });
  const js = r.outputFiles.filter((f) => f.path.endsWith('.js')).map((f) => f.contents);
  const bytes = Buffer.concat(js);
  return { min: bytes.length / 1024, gz: gzipSync(bytes).length / 1024 };
}

async function main(): Promise<void> {
  const harness = await buildHarness({ peer: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-background-networking', '--disable-component-update', '--no-first-run', ...WEBGL_ARGS],
  });
  try {
    console.log(
      `machine: ${cpus().length} x ${cpus()[0]?.model ?? '?'}, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(
          ' ',
        )}, node ${process.version}, Chromium ${browser.version()} (SwiftShader WebGL), stage ${STAGE.width}x${STAGE.height}, pictures ${harness.imageWidth}x${harness.imageWidth / 2}, ${harness.nodes.length} nodes`,
    );
    const ctx = await browser.newContext({ viewport: STAGE });
    const ours = await measureOurs(await ctx.newPage(), harness, STAGE);
    await ctx.close();
    const ctx2 = await browser.newContext({ viewport: STAGE });
    const peer = await measurePeer(await ctx2.newPage(), harness, STAGE);
    await ctx2.close();

    const ms = (v: number) => `${v.toFixed(1)} ms`;
    console.log(
      `input -> frame (simulated wheel, polled each frame): median ${ms(median(ours.wheelLatency))}, p95 ${ms(p95(ours.wheelLatency))} (${ours.wheelLatency.length} turns)`,
    );
    console.log(`input -> frame (keyboard ArrowRight): median ${ms(median(ours.keyLatency))}, p95 ${ms(p95(ours.keyLatency))}`);
    console.log(
      `while turning: frame interval median ${ms(median(ours.frameIntervals))} (p95 ${ms(p95(ours.frameIntervals))}), draw call median ${ms(median(ours.drawMs))} (p95 ${ms(p95(ours.drawMs))}), ${ours.frameIntervals.length} frames`,
    );
    console.log(`idle: ${ours.idleFrames} frames drawn in 1 s without input (render on demand)`);
    const row = (name: string, o: number[], p: number[]) =>
      console.log(
        `${name}: ours median ${ms(median(o))}, Photo Sphere Viewer median ${ms(median(p))}, ratio PSV/ours ${(median(p) / median(o)).toFixed(2)} (n=${o.length}/${p.length})`,
      );
    row('node switch, cold (fetch + decode + upload + first frame)', ours.coldSwitch, peer.coldSwitch);
    row('node switch, preloaded', ours.warmSwitch, peer.warmSwitch);
    const gpuMb = (textures: number) => ((textures * harness.imageWidth * (harness.imageWidth / 2) * 4) / 2 ** 20).toFixed(0);
    console.log(
      `memory after touring the route twice: ours ${ours.memory.textures} textures (~${gpuMb(ours.memory.textures)} MB of pictures on the GPU), ${ours.memory.geometries} geometries, ${ours.memory.programs} programs, JS heap ${ours.memory.heapMb.toFixed(1)} MB; PSV ${peer.memory.textures} textures (~${gpuMb(peer.memory.textures)} MB), ${peer.memory.geometries} geometries, JS heap ${peer.memory.heapMb.toFixed(1)} MB (heap ratio PSV/ours ${(peer.memory.heapMb / ours.memory.heapMb).toFixed(2)})`,
    );
    console.log(
      `CSP violations under the kiosk's policy: ours ${ours.csp.length}, PSV ${peer.csp.length}${peer.csp.length ? ` (${[...new Set(peer.csp)].slice(0, 3).join('; ')})` : ''}`,
    );
    const oursSize = await bundleKb(`export { PanoramaScene } from './src/exhibits/panorama/scene/PanoramaScene';`);
    const psvSize = await bundleKb(
      `export { Viewer } from '@photo-sphere-viewer/core'; export { MarkersPlugin } from '@photo-sphere-viewer/markers-plugin';`,
    );
    console.log(
      `bundle (minified / gzip, with three.js): ours ${oursSize.min.toFixed(0)} / ${oursSize.gz.toFixed(0)} KiB; PSV core + markers ${psvSize.min.toFixed(0)} / ${psvSize.gz.toFixed(0)} KiB (ratio ${(psvSize.gz / oursSize.gz).toFixed(2)})`,
    );
  } finally {
    await browser.close();
    harness.dispose();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
