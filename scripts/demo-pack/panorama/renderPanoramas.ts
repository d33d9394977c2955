/**
 * Renders the demo panorama nodes: bundles page/renderPage.ts with three.js (esbuild), opens it in
 * Debian's headless Chromium (software WebGL through SwiftShader; never a downloaded browser), and
 * writes one equirectangular JPEG per node. ImageMagick does the JPEG encoding (quality 80, no
 * metadata) so the files are the same on every run.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { build } from 'esbuild';

const HERE = dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface PanoramaJob {
  node: number;
  out: string;
}

async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [join(HERE, 'page/renderPage.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    minify: true,
    logLevel: 'error',
  });
  return result.outputFiles[0]!.text;
}

export async function renderPanoramas(jobs: PanoramaJob[], opts: { width: number; faceSize: number; quality: number }): Promise<void> {
  const script = await bundle();
  const tmp = mkdtempSync(join(tmpdir(), 'demo-pack-pano-'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    // WebGL without a GPU: Chromium's software rasteriser (https://chromium.googlesource.com/chromium/src/+/main/docs/gpu/swiftshader.md).
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'],
  });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.setContent('<!doctype html><html><body style="margin:0"></body></html>');
    await page.addScriptTag({ content: script });
    if (errors.length) throw new Error(`renderPanoramas: the page failed: ${errors.join('; ')}`);
    for (const job of jobs) {
      const url = await page.evaluate(
        ([i, w, f]) =>
          (globalThis as unknown as { panorama: { render(i: number, w: number, f: number): string } }).panorama.render(i, w, f),
        [job.node, opts.width, opts.faceSize] as const,
      );
      if (errors.length) throw new Error(`renderPanoramas: node ${job.node}: ${errors.join('; ')}`);
      const png = join(tmp, `${job.node}.png`);
      writeFileSync(png, Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'));
      mkdirSync(dirname(job.out), { recursive: true });
      execFileSync('convert', [
        png,
        '-strip',
        '-sampling-factor',
        '4:2:0',
        '-interlace',
        'none',
        '-quality',
        String(opts.quality),
        job.out,
      ]);
    }
  } finally {
    await browser.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}
