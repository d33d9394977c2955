import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMILE_SETTINGS_DEFAULT } from '../../common/smileSettings';
import { expect, test } from './fixtures';
import { openKioskWithFakeCamera, setSmileSettings, smileStatus, writeWalkVideo, type CameraStatusLike, storedCounts } from './smileCamera';

/**
 * The smile meter counts in the kiosk's background from a (fake) camera: Chromium plays a synthetic walk-through with
 * a known sequence of visitors (face crops from face-api's sample photos, two smiling, two not), followed by a long
 * empty street. During that tail the stored counts (usage_buckets, through recordUsage) must equal the ground truth
 * exactly, on the kiosk's own camera worker, models and settings.
 */
test.setTimeout(120_000);

// This test once counted 6-7 visitors for 4 on a lightly loaded machine: the walk-through has two visitors in two lanes
// at once, and the detector sometimes reports a ghost box between them (chin of one, forehead of the other); when the
// worker keeps up with the camera, the ghost was seen often enough to become a track. SmileMeter now drops boxes
// sandwiched between two more confident faces (common/smile/dropSandwichedBoxes.ts); what is left of the ghost lasts at most 3
// frames at full rate (the Node loop on this video, 2026-11-23), below the kiosk's default minTrackFrames (5) used here.
test('a fake camera playing a known walk-through is counted exactly: visitors and smiling visitors', async ({ host }) => {
  const dir = mkdtempSync(join(tmpdir(), 'smile-e2e-'));
  const video = await writeWalkVideo(join(dir, 'walk.y4m'), { visitors: 4, seed: 23, tailSeconds: 45 });
  const truth = video.walk.groundTruth;
  expect(truth.visitors).toBe(4);
  expect(truth.smilingVisitors, 'the sequence mixes smiling and non-smiling visitors').toBeGreaterThan(0);
  expect(truth.smilingVisitors).toBeLessThan(truth.visitors);
  await host.setPin();
  // Entry: the (only, unconfigured) camera; exit switched off.
  await setSmileSettings(host, {
    ...SMILE_SETTINGS_DEFAULT,
    sampleFps: 10,
    cameras: { entry: SMILE_SETTINGS_DEFAULT.cameras.entry, exit: { ...SMILE_SETTINGS_DEFAULT.cameras.exit, enabled: false } },
  });
  const kiosk = await openKioskWithFakeCamera(host, video.path);
  try {
    let entry: CameraStatusLike | undefined;
    await expect
      .poll(
        async () => {
          entry = (await smileStatus(host)).report?.cameras.find((c) => c.role === 'entry');
          return entry?.state === 'running' ? 'running' : JSON.stringify(entry ?? null);
        },
        { timeout: 45_000, intervals: [1000] },
      )
      .toBe('running');
    expect(['webgl', 'wasm']).toContain(entry!.backend);
    // `since` is when the first frame was counted: the fake camera started the file a few seconds earlier (camera
    // open, first inference), so the checks below stay well before the estimated loop (the tail is 45 s).
    const startedAt = entry!.since;
    const tailStart = startedAt + video.walkSeconds * 1000;
    const loopsAt = startedAt + video.fileSeconds * 1000;
    const expected = { 'smile.entry.visitors': truth.visitors, 'smile.entry.smiling': truth.smilingVisitors };
    // Wait for the counts to reach the ground truth (a loaded machine counts slowly), at the latest just before the
    // file loops; they must then be exact...
    await expect
      .poll(() => storedCounts(host.dataDir)['smile.entry.visitors'] ?? 0, {
        timeout: Math.max(1000, tailStart + 25_000 - Date.now()),
        intervals: [1000],
      })
      .toBeGreaterThanOrEqual(truth.visitors);
    expect(storedCounts(host.dataDir)).toEqual(expected);
    // ...and stay exact well into the empty tail: nobody counted twice, nothing counted from an empty street.
    const later = Math.min(Math.max(tailStart + 12_000, Date.now() + 3000), loopsAt - 15_000);
    await new Promise((r) => setTimeout(r, Math.max(0, later - Date.now())));
    expect(storedCounts(host.dataDir)).toEqual(expected);
    // The operator's status (reported every 5 s) says the same.
    await expect
      .poll(
        async () => {
          const c = (await smileStatus(host)).report!.cameras.find((s) => s.role === 'entry')!;
          return [c.state, c.visitors, c.smiling];
        },
        { timeout: 8000, intervals: [1000] },
      )
      .toEqual(['running', truth.visitors, truth.smilingVisitors]);
    expect(Date.now(), 'checked before the file looped').toBeLessThan(loopsAt - 8000);
    expect(kiosk.problems).toEqual([]);
  } finally {
    await kiosk.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
