/**
 * Renders SVG documents to small indexed PNGs: Debian's Chromium draws the SVG (the same engine
 * the kiosk shows them with; never a downloaded browser, see playwright.config.ts), then
 * ImageMagick quantises to a palette without dithering and strips time stamps, so the files are
 * small and identical on every run (https://imagemagick.org/script/command-line-options.php#colors).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

export interface PngJob {
  svg: string;
  out: string;
  /** Palette size; flat illustrations need few colours. */
  colors?: number;
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function sizeOf(svg: string): { width: number; height: number } {
  const m = /<svg[^>]*\swidth="(\d+)"[^>]*\sheight="(\d+)"/.exec(svg);
  if (!m) throw new Error('renderPngs: the SVG needs integer width and height attributes');
  return { width: Number(m[1]), height: Number(m[2]) };
}

export async function renderPngs(jobs: PngJob[]): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), 'demo-pack-png-'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--disable-gpu', '--no-sandbox', '--font-render-hinting=none'],
  });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    for (const [i, job] of jobs.entries()) {
      const { width, height } = sizeOf(job.svg);
      await page.setViewportSize({ width, height });
      await page.setContent(`<!doctype html><html><body style="margin:0;background:#fff">${job.svg}</body></html>`);
      const raw = join(tmp, `${i}.png`);
      await page.screenshot({ path: raw, clip: { x: 0, y: 0, width, height } });
      execFileSync('convert', [
        raw,
        '-strip',
        '+dither',
        '-colors',
        String(job.colors ?? 64),
        '-define',
        'png:exclude-chunks=date,time',
        '-define',
        'png:compression-level=9',
        `PNG8:${job.out}`,
      ]);
    }
  } finally {
    await browser.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}
