/**
 * Renders the frame overlays (SVG) to PNGs with real transparency: Debian's Chromium draws the SVG
 * on a transparent page (Playwright's `omitBackground`, https://playwright.dev/docs/api/class-page#page-screenshot),
 * then ImageMagick strips time stamps and recompresses, so the files are identical on every run.
 * Unlike ../renderPngs.ts (an indexed palette with 1-bit transparency at most), the overlays keep
 * 8-bit alpha for their soft, anti-aliased edges over the photo.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function renderOverlays(jobs: { svg: string; out: string; width: number; height: number }[]): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), 'demo-pack-overlay-'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--disable-gpu', '--no-sandbox', '--font-render-hinting=none'],
  });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    for (const [i, job] of jobs.entries()) {
      await page.setViewportSize({ width: job.width, height: job.height });
      await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${job.svg}</body></html>`);
      const raw = join(tmp, `${i}.png`);
      await page.screenshot({ path: raw, omitBackground: true, clip: { x: 0, y: 0, width: job.width, height: job.height } });
      execFileSync('convert', [
        raw,
        '-strip',
        '-define',
        'png:exclude-chunks=date,time',
        '-define',
        'png:compression-level=9',
        `PNG32:${job.out}`,
      ]);
    }
  } finally {
    await browser.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}
