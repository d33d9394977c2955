/**
 * Node side of the panorama harness, shared by tests/e2e/panoramaScene.spec.ts and
 * tests/bench/panorama.bench.ts: bundles sceneHarness.ts (and psvHarness.ts for the benchmark's
 * peer) with esbuild, reads the demo pack's panorama nodes and outlines, optionally makes smaller
 * copies of the node pictures (ffmpeg, which the tests already need: SwiftShader is slow with 4096 x 2048), and serves it all
 * to a Playwright page from a made-up origin through page.route (https://playwright.dev/docs/network).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { build } from 'esbuild';
import { CONTENT_SECURITY_POLICY } from '../../../node/kiosk/csp';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../../..');
const PACK = join(ROOT, 'resources/demo-pack');

export const HARNESS_ORIGIN = 'http://panorama-harness.test';
/** WebGL without a GPU, as scripts/demo-pack/panorama/renderPanoramas.ts renders the demo pictures
 * (https://chromium.googlesource.com/chromium/src/+/main/docs/gpu/swiftshader.md). */
export const WEBGL_ARGS = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'];

export interface HarnessOutline {
  buildingId: string;
  points: { yaw: number; pitch: number }[];
}

export interface HarnessNode {
  id: string;
  imageUrl: string;
  outlines: HarnessOutline[];
}

export interface Harness {
  nodes: HarnessNode[];
  /** Size of the served pictures. */
  imageWidth: number;
  /** peer: load Photo Sphere Viewer's bundle instead of the scene's (each page runs one copy of three.js). */
  route(page: Page, stage: { width: number; height: number }, peer?: boolean): Promise<void>;
  dispose(): void;
}

interface Manifest {
  panorama: {
    nodes: { id: string; image: string }[];
    buildings: { id: string; outlines: { node: string; points: { yaw: number; pitch: number }[] }[] }[];
  };
}

/** A baseline or progressive JPEG's width, from its frame header (SOF0..SOF15 but DHT, JPG, DAC: https://www.w3.org/Graphics/JPEG/itu-t81.pdf, B.2.2). */
export function jpegWidth(jpeg: Buffer): number {
  let at = 2;
  while (at + 9 < jpeg.length) {
    if (jpeg[at] !== 0xff) throw new Error(`not a JPEG marker at byte ${at}`);
    const marker = jpeg[at + 1]!;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return jpeg.readUInt16BE(at + 7);
    at += 2 + jpeg.readUInt16BE(at + 2);
  }
  throw new Error('no JPEG frame header');
}

async function bundle(entry: string): Promise<{ js: string; css: string }> {
  const result = await build({
    entryPoints: [join(HERE, entry)],
    bundle: true,
    write: false,
    outdir: '/virtual',
    format: 'iife',
    target: 'chrome120',
    minify: true,
    logLevel: 'error',
  });
  const pick = (ext: string) => result.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? '';
  return { js: pick('.js'), css: pick('.css') };
}

/** imageWidth: serve the pictures at this width (height = width / 2); omitted: the pack's originals. */
export async function buildHarness(opts: { imageWidth?: number; peer?: boolean } = {}): Promise<Harness> {
  const tmp = mkdtempSync(join(tmpdir(), 'panorama-harness-'));
  // A copy taken under the demo pack's lock (shared): `npm run demo-pack` rewrites the pack holding it exclusively.
  execFileSync('flock', ['-s', '/tmp/demo-pack.lock', 'cp', '-r', join(PACK, 'manifest.json'), join(PACK, 'panorama/nodes'), tmp]);
  const manifest = JSON.parse(readFileSync(join(tmp, 'manifest.json'), 'utf8')) as Manifest;
  const files = new Map<string, { body: Buffer | string; type: string }>();
  let imageWidth = 0;
  const nodes = manifest.panorama.nodes.map((n) => {
    const original = join(tmp, 'nodes', basename(n.image));
    let file = original;
    if (opts.imageWidth) {
      file = join(tmp, `${n.id}-${opts.imageWidth}.jpg`);
      // https://ffmpeg.org/ffmpeg-filters.html#scale-1 (exact size, like ImageMagick's `!`); -q:v 3 is about JPEG quality 85.
      execFileSync('ffmpeg', [
        '-v',
        'error',
        '-y',
        '-i',
        original,
        '-vf',
        `scale=${opts.imageWidth}:${opts.imageWidth / 2}:flags=area`,
        '-frames:v',
        '1',
        '-q:v',
        '3',
        file,
      ]);
    }
    imageWidth ||= jpegWidth(readFileSync(file));
    files.set(`/nodes/${n.id}.jpg`, { body: readFileSync(file), type: 'image/jpeg' });
    const outlines = manifest.panorama.buildings.flatMap((b) =>
      b.outlines.filter((o) => o.node === n.id).map((o) => ({ buildingId: b.id, points: o.points })),
    );
    return { id: n.id, imageUrl: `${HARNESS_ORIGIN}/nodes/${n.id}.jpg`, outlines };
  });
  files.set('/harness.css', {
    body: 'body { margin: 0; background: #000; } #stage { position: fixed; left: 0; top: 0; }',
    type: 'text/css',
  });
  const scene = await bundle('sceneHarness.ts');
  files.set('/scene.js', { body: scene.js, type: 'text/javascript' });
  if (opts.peer) {
    const psv = await bundle('psvHarness.ts');
    files.set('/psv.js', { body: psv.js, type: 'text/javascript' });
    files.set('/psv.css', { body: psv.css, type: 'text/css' });
  }
  return {
    nodes,
    imageWidth,
    async route(page, stage, peer = false) {
      // tsx (which runs the benchmark) compiles with esbuild's keepNames: functions passed to page.evaluate call a __name helper.
      await page.addInitScript({ content: 'window.__name = (f) => f;' });
      // The stage's size in a stylesheet: the kiosk's CSP (sent below) forbids inline styles.
      files.set('/stage.css', { body: `#stage { width: ${stage.width}px; height: ${stage.height}px; }`, type: 'text/css' });
      const html = `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/harness.css"><link rel="stylesheet" href="/stage.css">${peer ? '<link rel="stylesheet" href="/psv.css">' : ''}</head>
<body><div id="stage"></div><script src="${peer ? '/psv.js' : '/scene.js'}"></script></body></html>`;
      await page.route(`${HARNESS_ORIGIN}/**`, (r) => {
        const path = new URL(r.request().url()).pathname;
        // The kiosk's own Content-Security-Policy (node/kiosk/csp.ts), so a violation shows up here too.
        const headers = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY };
        if (path === '/' || path === '/index.html') return r.fulfill({ body: html, contentType: 'text/html', headers });
        const f = files.get(path);
        return f ? r.fulfill({ body: f.body, contentType: f.type, headers }) : r.fulfill({ status: 404, body: 'not found', headers });
      });
    },
    dispose() {
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
