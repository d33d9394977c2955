import Database from 'better-sqlite3';
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NARRATOR_SETTINGS_DEFAULT } from '../../common/narratorSettings';
import type { RgbImage } from '../../common/smile/rgbImage';
import { decodeImageFile } from '../../node/kiosk/smile/decodeImageFile';
import { resizeSquare } from '../../node/kiosk/smile/syntheticWalk';
import { Y4mWriter } from '../../node/kiosk/smile/y4m';
import { rgbToYuv420 } from '../../node/kiosk/smile/yuv420';
import { ALWAYS_OPEN, expect, test, type KioskHost } from './fixtures';
import { openKioskWithFakeCamera } from './smileCamera';

/**
 * The holographic narrator on a kiosk that shows only it, with the demo pack (attract loop, 2 s to start, 5 s to
 * stop): a fake camera (Chromium's file capture, https://webrtc.org/getting-started/testing) plays a y4m of a face
 * standing in front of it for 30 s, then the empty scene for 60 s, in a loop. The narrator must start a visitor clip
 * while the face is there and go back to its attract loop after it left; only counts are stored (no image in the
 * data folder), and the only metrics the page records are the narrator's and the shell's. The long segments leave a
 * loaded machine (one or two looked-at frames per second) ample time for both the 2 s and the 5 s.
 */
test.setTimeout(600_000);

const FPS = 10;
const W = 320;
const H = 240;
const FACE_SECONDS = 30;
const EMPTY_SECONDS = 60;

function frameWith(face: RgbImage | null): RgbImage {
  const data = new Uint8Array(W * H * 3).fill(110);
  if (face) {
    const x0 = Math.round((W - face.width) / 2);
    const y0 = Math.round((H - face.height) / 2);
    for (let y = 0; y < face.height; y++)
      data.set(face.data.subarray(y * face.width * 3, (y + 1) * face.width * 3), ((y0 + y) * W + x0) * 3);
  }
  return { width: W, height: H, data };
}

async function writeStandingFace(path: string): Promise<void> {
  const face = resizeSquare(decodeImageFile(join(process.cwd(), 'tests', 'fixtures', 'smile-eval', 'no-smile', 'sample2-a.jpg')), 120);
  const writer = new Y4mWriter(createWriteStream(path), { width: W, height: H, fps: [FPS, 1] });
  const withFace = rgbToYuv420(frameWith(face));
  const empty = rgbToYuv420(frameWith(null));
  for (let i = 0; i < FACE_SECONDS * FPS; i++) await writer.write(withFace);
  for (let i = 0; i < EMPTY_SECONDS * FPS; i++) await writer.write(empty);
  await writer.end();
}

async function setNarratorSettings(host: KioskHost, value: unknown): Promise<void> {
  const session = await host.api('unlockOperator', { pin: '2468' });
  if (!session.ok) throw new Error(`unlock failed: ${JSON.stringify(session)}`);
  const token = (session.value as { token: string }).token;
  const r = await host.api('setExhibitConfig', { key: 'narrator', value }, token);
  if (!r.ok) throw new Error(`setExhibitConfig failed: ${JSON.stringify(r)}`);
  await host.api('lockOperator', {}, token);
}

function narratorCounts(dataDir: string): Record<string, number> {
  const db = new Database(join(dataDir, 'kiosk.db'), { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare("SELECT metric, SUM(value) AS n FROM usage_buckets WHERE metric LIKE 'narrator.%' GROUP BY metric")
      .all() as Array<{ metric: string; n: number }>;
    return Object.fromEntries(rows.map((r) => [r.metric, r.n]));
  } finally {
    db.close();
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const IMAGE_MAGIC: number[][] = [
  [0x89, 0x50, 0x4e, 0x47],
  [0xff, 0xd8, 0xff],
  [0x47, 0x49, 0x46, 0x38],
  [...Buffer.from('YUV4MPEG2')],
  [0x52, 0x49, 0x46, 0x46],
  [0x1a, 0x45, 0xdf, 0xa3],
];

test('the narrator starts on a face from the camera, stops when it leaves, and stores nothing but counts', async ({ host }) => {
  const dir = mkdtempSync(join(tmpdir(), 'narrator-e2e-'));
  const y4m = join(dir, 'standing.y4m');
  await writeStandingFace(y4m);
  await host.setPin();
  await setNarratorSettings(host, { ...NARRATOR_SETTINGS_DEFAULT, sampleFps: 4 });
  await host.updateSettings({ exhibits: ['narrator'], openingHours: ALWAYS_OPEN });
  const usage: string[] = [];
  const posts: Array<{ url: string; body: string }> = [];
  const kiosk = await openKioskWithFakeCamera(host, y4m, [], async (context) => {
    // Every request of the page and its camera worker, before it leaves the browser (as the smile privacy test does).
    await context.route('**/*', (route) => {
      const r = route.request();
      if (r.method() !== 'GET') posts.push({ url: r.url(), body: r.postData() ?? '' });
      if (new URL(r.url()).pathname === '/api/recordUsage')
        usage.push((JSON.parse(r.postData() ?? '{}') as { payload: { metric: string } }).payload.metric);
      return route.continue();
    });
  });
  const narrator = kiosk.page.getByTestId('narrator');
  try {
    // A kiosk that shows only the narrator shows it at once; nobody yet (the file may already be in its face part
    // while the detector loads, so "empty" is not asserted here): the demo pack's attract clip loops.
    await expect(narrator).toBeVisible({ timeout: 60_000 });
    // The face: a visitor clip starts (two fake-camera loops of slack for a slow start of the detector).
    await expect
      .poll(async () => `${await narrator.getAttribute('data-phase')}/${await narrator.getAttribute('data-kind')}`, {
        timeout: 240_000,
        intervals: [500],
      })
      .toBe('present/visitor');
    expect(await kiosk.page.getByTestId('narrator-video').count()).toBe(1);
    // The face leaves: after the 5 s without a face the visitor clip stops and the attract loop comes back.
    await expect
      .poll(async () => `${await narrator.getAttribute('data-phase')}/${await narrator.getAttribute('data-kind')}`, {
        timeout: 120_000,
        intervals: [500],
      })
      .toBe('empty/attract');
    await expect.poll(() => narratorCounts(host.dataDir)['narrator.clip_started'] ?? 0, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    for (const metric of usage) expect(metric).toMatch(/^(narrator\.clip_(started|completed)|session\.|language\.|exhibit\.)/);
    // What leaves the page: small JSON contract calls on the kiosk itself, never image data.
    for (const p of posts) {
      expect(new URL(p.url).origin, p.url).toBe(new URL(host.url).origin);
      expect(p.body.length, `${p.url} body is small`).toBeLessThan(4096);
      expect(p.body, 'no image data').not.toMatch(/[A-Za-z0-9+/=]{120,}|data:image|"box"|landmark|bitmap/i);
    }
    expect(kiosk.problems).toEqual([]);
  } finally {
    await kiosk.close();
    rmSync(dir, { recursive: true, force: true });
  }
  // The data folder holds counts in the database, logs, settings: no image or video of any kind.
  for (const file of filesUnder(host.dataDir)) {
    const head = [...readFileSync(file).subarray(0, 12)];
    for (const magic of IMAGE_MAGIC)
      expect(
        magic.every((b, i) => head[i] === b),
        `${file} starts like an image or video`,
      ).toBe(false);
    expect(file).not.toMatch(/\.(png|jpe?g|gif|bmp|webp|webm|y4m|raw)$/i);
  }
});
