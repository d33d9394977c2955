import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SMILE_MIN_VISITORS_DEFAULT } from '../../common/smileShare';
import { ALWAYS_OPEN, expect, test } from './fixtures';
import { openKioskWithFakeCamera, smileStatus, type CameraStatusLike } from './smileCamera';

/**
 * `npm start` on a PC without any camera (README, "The two commands"): both unconfigured camera roles fall back to
 * the demo pack's walk-through videos (smile/demo-entry.webm: few smiling visitors; demo-exit.webm: most smiling), the
 * kiosk's own workers count them, and the big screen comes alive. The fallback is off under browser automation (so the
 * other tests never count a video by accident); this test presents itself as a plain browser (navigator.webdriver
 * false) and has no fake camera, which is exactly the condition the fallback is for.
 *
 * The kiosk steps through a video file at sampleFps of the file's own time (frameSource.ts, stepTo), so the videos
 * are counted frame by frame, the same on every machine: a loaded one takes longer, it does not count fewer.
 */
test.setTimeout(900_000);

const DEMO = resolve(process.env.KIOSK_DEMO_PACK_DIR ?? 'resources/demo-pack');
/** The big screen shows a share from this many visitors on: the demo pack's minimum (one pass of its videos), else the kiosk's. */
const minVisitors =
  (JSON.parse(readFileSync(join(DEMO, 'manifest.json'), 'utf8')) as { smile?: { minVisitors?: number } }).smile?.minVisitors ??
  SMILE_MIN_VISITORS_DEFAULT;

test('without any camera the demo videos are counted in the background and the big screen shows them', async ({ host }) => {
  await host.setPin();
  await host.updateSettings({ openingHours: ALWAYS_OPEN });
  const kiosk = await openKioskWithFakeCamera(host, null, [], async (context) => {
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false }));
  });
  try {
    expect(await kiosk.page.evaluate(() => navigator.webdriver)).toBe(false);
    // Both roles run their demo video (not "retrying": a PC without a camera is a demo, not a failure).
    await expect
      .poll(
        async () => {
          const cams = (await smileStatus(host)).report?.cameras ?? [];
          return ['entry', 'exit'].map((role) => {
            const c = cams.find((s) => s.role === role);
            return c ? `${c.role}:${c.source}:${c.state}` : `${role}:none`;
          });
          // Loading the models in two workers took over a minute on a loaded machine.
        },
        { timeout: 240_000, intervals: [1000] },
      )
      .toEqual(['entry:demo:running', 'exit:demo:running']);
    // Counted from the videos (12 visitors each per pass): wait for a few on both sides, as long as this machine needs.
    let cams: CameraStatusLike[] = [];
    await expect
      .poll(
        async () => {
          cams = (await smileStatus(host)).report?.cameras ?? [];
          return Math.min(...['entry', 'exit'].map((role) => cams.find((c) => c.role === role)?.visitors ?? 0));
        },
        { timeout: 400_000, intervals: [2000] },
      )
      .toBeGreaterThanOrEqual(3);
    const share = (role: string) => {
      const c = cams.find((s) => s.role === role)!;
      return c.smiling / c.visitors;
    };
    // The entry video has 4 of 12 smiling, the exit video 11 of 12.
    expect(share('exit'), JSON.stringify(cams)).toBeGreaterThan(share('entry'));
    // The counts reached storage (the public summary the big screen reads)... The screen shows a share only from the
    // minimum count of visitors on (the demo pack's `smile.minVisitors`, met after one pass of its videos); wait for it at the exit.
    await expect
      .poll(
        async () => {
          const summary = await host.api('getSmileSummary', {});
          expect(summary.ok, JSON.stringify(summary)).toBe(true);
          return (summary.value as { today: { exit: { visitors: number } } }).today.exit.visitors;
        },
        { timeout: 400_000, intervals: [2000] },
      )
      .toBeGreaterThanOrEqual(minVisitors);
    const page = kiosk.page;
    // ...and the big screen shows them: it is an exhibit on the demo profile's attract screen.
    await page.getByTestId('attract').click();
    await page.getByTestId('exhibit-card-smile').click();
    await expect(page.getByTestId('smile')).toBeVisible();
    await expect(page.getByTestId('share-exit').getByTestId('share-value')).not.toHaveText(/^(0%|—|-)?$/);
    await expect(page.getByTestId('visitors-entry')).not.toContainText(/^\D*0\D*$/);
    expect(kiosk.problems).toEqual([]);
  } finally {
    await kiosk.close();
  }
});
