/**
 * Renders the demo narrator figure (figureSvg.ts) to WebM VP9 with an alpha channel: Debian's Chromium draws each SVG
 * frame on a transparent page (screenshot with `omitBackground`), ffmpeg encodes the PNG frames with libvpx-vp9 in
 * yuva420p (https://trac.ffmpeg.org/wiki/Encode/VP9; alt-ref frames off, which the alpha encoding needs). Short loops
 * at 10 frames per second keep each file small; no metadata that changes between runs.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium } from '@playwright/test';
import { FIGURE_H, FIGURE_W, figureFrameSvg, type Gesture } from './figureSvg';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIGURE_FPS = 10;
/** Frames per loop: 3 s. The video loops while the narration plays. */
export const FIGURE_FRAMES = 30;
/** Each clip's video stays under this (the pack is copied to every kiosk). */
const MAX_BYTES = 300 * 1024;

/** Writes one WebM per `{ out, gesture }` (absolute paths). */
export async function renderFigureVideos(jobs: Array<{ out: string; gesture: Gesture }>): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), 'demo-narrator-'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--disable-gpu', '--no-sandbox', '--font-render-hinting=none'],
  });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1, viewport: { width: FIGURE_W, height: FIGURE_H } });
    for (const [j, job] of jobs.entries()) {
      for (let i = 0; i < FIGURE_FRAMES; i++) {
        await page.setContent(
          `<!doctype html><html><body style="margin:0;background:transparent">${figureFrameSvg(job.gesture, i, FIGURE_FRAMES)}</body></html>`,
        );
        await page.screenshot({
          path: join(tmp, `${j}-${String(i).padStart(3, '0')}.png`),
          clip: { x: 0, y: 0, width: FIGURE_W, height: FIGURE_H },
          omitBackground: true,
        });
      }
      mkdirSync(dirname(job.out), { recursive: true });
      execFileSync(
        'ffmpeg',
        [
          '-y',
          '-v',
          'error',
          '-nostdin',
          '-framerate',
          String(FIGURE_FPS),
          '-i',
          join(tmp, `${j}-%03d.png`),
          '-c:v',
          'libvpx-vp9',
          '-pix_fmt',
          'yuva420p',
          '-auto-alt-ref',
          '0',
          '-b:v',
          '250k',
          '-crf',
          '32',
          '-deadline',
          'good',
          '-cpu-used',
          '2',
          '-threads',
          '1',
          '-an',
          '-map_metadata',
          '-1',
          '-fflags',
          '+bitexact',
          '-flags:v',
          '+bitexact',
          job.out,
        ],
        { stdio: ['ignore', 'ignore', 'inherit'] },
      );
      const bytes = statSync(job.out).size;
      if (bytes > MAX_BYTES) throw new Error(`renderFigureVideos: ${job.out} is ${bytes} bytes, over ${MAX_BYTES}`);
    }
  } finally {
    await browser.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}
