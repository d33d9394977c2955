import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMILE_SETTINGS_DEFAULT } from '../../common/smileSettings';
import { decodeImageFile } from '../../node/kiosk/smile/decodeImageFile';
import { listLabelledImages } from '../../node/kiosk/smile/evaluateSmileFolder';
import { groundTruthInRegion, planSyntheticWalk } from '../../node/kiosk/smile/syntheticWalk';
import { Y4mWriter } from '../../node/kiosk/smile/y4m';
import { rgbToYuv420 } from '../../node/kiosk/smile/yuv420';
import { encodeSeekableWebm } from './fakeCamera';
import { expect, test } from './fixtures';
import { openKioskWithFakeCamera, setSmileSettings, smileStatus, storedCounts } from './smileCamera';

/**
 * Counting with faces too small for the detector on the whole picture (docs/experiments/smile.md,
 * "Counting with smaller faces"): a 640x480 fake camera with faces of a fifth of its height (96 px; their detector
 * boxes are about 72 px, 25 px at input 224 on the whole picture, where TinyFaceDetector needs about 45). With a
 * counting region drawn around the middle, the camera worker's detector looks only at the region (288x288 px with its
 * margin), where those faces have about 56 px at the same input 224, and the visitors crossing it are counted exactly.
 *
 * The walk is a video file source (settings `source: {kind: 'video'}`), which the kiosk steps through at sampleFps of
 * the file's own time (frameSource.ts, stepTo): every frame is counted however busy the CPU is, so the counts do not
 * depend on the machine; a loaded machine only takes longer. (A fake camera plays in real time, and a busy CPU
 * sampled too few frames per crossing.) The file is served to the page by page.route at an app-relative URL.
 */
test.setTimeout(900_000);

const roi = { x: 0.35, y: 0.3, width: 0.3, height: 0.4 };

test('faces of a fifth of the picture height are counted in the counting region at the default detector input', async ({ host }) => {
  const dir = mkdtempSync(join(tmpdir(), 'smile-region-'));
  // The same fixture faces as the counting e2e (sample3-a, a borderline smile, and the blank image left out).
  const faces = listLabelledImages(join(process.cwd(), 'tests', 'fixtures', 'smile-eval'))
    .map(({ file, label }) => ({ name: file, image: decodeImageFile(file), smiling: label === 1 }))
    .filter((f) => new Set(f.image.data).size > 8 && !f.name.endsWith('sample3-a.jpg'));
  const fps = 10;
  // 4 lanes of 120 px (centres at 1/8, 3/8, 5/8, 7/8 of the height): the region's rows (0.3-0.7) hold the middle two.
  // 4 px per frame: 48 frames (4.8 s) across the region's 192 px. At 8 px (2.4 s) a CI run at load ~10 counted 2 of 4:
  // the worker sampled too few frames per crossing. Slow walkers, as in the counting e2e (smileCamera.ts).
  const walk = planSyntheticWalk(faces, { width: 640, height: 480, fps, visitors: 6, seed: 5, faceSize: 96, speed: 4, marginFrames: 5 });
  const truth = groundTruthInRegion(walk, roi);
  expect(truth.visitors, 'some visitors cross the region').toBeGreaterThanOrEqual(2);
  expect(truth.visitors, 'some walk outside it').toBeLessThan(walk.groundTruth.visitors);
  expect(truth.smilingVisitors, 'smiling and non-smiling visitors in the region').toBeGreaterThan(0);
  expect(truth.smilingVisitors).toBeLessThan(truth.visitors);
  // An empty street after the walk: counts are checked 8 s into it, before the file loops (the runner never goes
  // faster than sampleFps, so the 5 s status reports lag by at most ~60 frames of this 20 s tail).
  const tail = 20 * fps;
  const y4m = join(dir, 'walk.y4m');
  const writer = new Y4mWriter(createWriteStream(y4m), { width: 640, height: 480, fps: [fps, 1] });
  for (let i = 0; i < walk.frameCount + tail; i++) await writer.write(rgbToYuv420(walk.frame(i)));
  await writer.end();
  const webm = join(dir, 'walk.webm');
  encodeSeekableWebm(y4m, webm);
  const video = readFileSync(webm);
  const totalFrames = walk.frameCount + tail;
  const url = `/e2e-walk-${Date.now()}.webm`;

  await host.setPin();
  const entry = { ...SMILE_SETTINGS_DEFAULT.cameras.entry, source: { kind: 'video' as const, url }, roi, minFaceSize: 0.1 };
  await setSmileSettings(host, {
    ...SMILE_SETTINGS_DEFAULT,
    sampleFps: fps,
    cameras: { entry, exit: { ...SMILE_SETTINGS_DEFAULT.cameras.exit, enabled: false } },
  });
  expect(SMILE_SETTINGS_DEFAULT.detectorInputSize, 'the default budget').toBe(224);
  const kiosk = await openKioskWithFakeCamera(host, null, [], async (context) => {
    // With byte ranges, as a file server answers a <video> (https://www.rfc-editor.org/rfc/rfc9110#name-range-requests).
    await context.route(`**${url}`, (route) => {
      const range = /bytes=(\d+)-(\d*)/.exec(route.request().headers()['range'] ?? '');
      if (!range) return route.fulfill({ status: 200, body: video, headers: { 'Content-Type': 'video/webm', 'Accept-Ranges': 'bytes' } });
      const from = Number(range[1]);
      const to = range[2] ? Math.min(Number(range[2]), video.length - 1) : video.length - 1;
      return route.fulfill({
        status: 206,
        body: video.subarray(from, to + 1),
        headers: { 'Content-Type': 'video/webm', 'Accept-Ranges': 'bytes', 'Content-Range': `bytes ${from}-${to}/${video.length}` },
      });
    });
  });
  try {
    const frames = async () => {
      const c = (await smileStatus(host)).report?.cameras.find((s) => s.role === 'entry');
      expect(c?.state === 'running' || c?.state === 'starting' || c === undefined, JSON.stringify(c)).toBe(true);
      return c?.framesProcessed ?? 0;
    };
    await expect
      .poll(
        async () => {
          const c = (await smileStatus(host)).report?.cameras.find((s) => s.role === 'entry');
          return c?.state === 'running' && (c as { detectorInputSize?: number | null }).detectorInputSize
            ? `running ${c.source}`
            : JSON.stringify(c ?? null);
          // Loading the models took over a minute on a loaded machine.
        },
        { timeout: 240_000, intervals: [1000] },
      )
      .toBe('running video');
    // The worker chose the budget (224) for the region and says which faces it can count: 45 px x 288 / 224 / 480.
    const status = (await smileStatus(host)).report!.cameras.find((s) => s.role === 'entry') as unknown as {
      detectorInputSize: number;
      smallestFace: number;
    };
    expect(status.detectorInputSize).toBe(224);
    expect(status.smallestFace).toBeCloseTo((45 * 288) / 224 / 480, 2);
    const expected = { 'smile.entry.visitors': truth.visitors, 'smile.entry.smiling': truth.smilingVisitors };
    // One frame counted per step of 1/fps s of the file: past the walk and 8 s into the empty street (every track
    // ended), however long that takes on this machine, the counts must be exact...
    await expect.poll(frames, { timeout: 700_000, intervals: [2000] }).toBeGreaterThanOrEqual(walk.frameCount + 8 * fps);
    expect(storedCounts(host.dataDir)).toEqual(expected);
    // ...and were read before the file looped: the next report (<= 5 s later, at most sampleFps frames a second).
    expect((await frames()) + 6 * fps, 'checked before the file looped').toBeLessThan(totalFrames);
    expect(kiosk.problems).toEqual([]);
  } finally {
    await kiosk.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
