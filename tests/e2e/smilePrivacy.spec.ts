import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMILE_SETTINGS_DEFAULT } from '../../common/smileSettings';
import { expect, test } from './fixtures';
import { openKioskWithFakeCamera, setSmileSettings, smileStatus, writeWalkVideo } from './smileCamera';

/**
 * Privacy of the smile meter: while the kiosk counts faces from a (fake) camera, every request of the page
 * and its workers is intercepted: only same-origin model/wasm/app files are fetched, and the only calls carrying data
 * are small JSON contract calls with counts and status (no image bytes, no base64, no boxes or landmarks). Nothing is
 * written to IndexedDB, CacheStorage or localStorage; the console carries no frame data; the data folder holds no image.
 */
test.setTimeout(90_000);

const IMAGE_MAGIC: Array<[string, number[]]> = [
  ['PNG', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG', [0xff, 0xd8, 0xff]],
  ['GIF', [0x47, 0x49, 0x46, 0x38]],
  ['BMP', [0x42, 0x4d]],
  ['y4m', [...Buffer.from('YUV4MPEG2')]],
  ['WebP/RIFF', [0x52, 0x49, 0x46, 0x46]],
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

test('counting faces sends only small JSON counts and status, stores nothing but counts, and keeps no image', async ({ host }) => {
  const dir = mkdtempSync(join(tmpdir(), 'smile-privacy-'));
  const video = await writeWalkVideo(join(dir, 'walk.y4m'), { visitors: 3, seed: 23, tailSeconds: 15 });
  await host.setPin();
  await setSmileSettings(host, {
    ...SMILE_SETTINGS_DEFAULT,
    minTrackFrames: 3,
    cameras: { entry: SMILE_SETTINGS_DEFAULT.cameras.entry, exit: { ...SMILE_SETTINGS_DEFAULT.cameras.exit, enabled: false } },
  });
  const requests: Array<{ method: string; url: string; body: string | null; type: string }> = [];
  const kiosk = await openKioskWithFakeCamera(host, video.path, [], async (context) => {
    // Every request of the page and of its workers, before it leaves the browser.
    await context.route('**/*', (route) => {
      const r = route.request();
      requests.push({ method: r.method(), url: r.url(), body: r.postData(), type: r.resourceType() });
      return route.continue();
    });
  });
  try {
    await expect
      .poll(async () => (await smileStatus(host)).report?.cameras.find((c) => c.role === 'entry')?.visitors ?? 0, {
        timeout: 70_000,
        intervals: [2000],
      })
      .toBeGreaterThanOrEqual(1);
    const origin = new URL(host.url).origin;
    // The workers' own requests are intercepted too (their model files prove it).
    expect(requests.some((r) => /smile-models\/tiny_face_detector_model/.test(r.url))).toBe(true);
    for (const r of requests) {
      expect(new URL(r.url).origin, `${r.method} ${r.url} stays on the kiosk`).toBe(origin);
      expect(r.url, 'the face-recognition (descriptor) model is never loaded').not.toMatch(/face_recognition|ssd_mobilenet|age_gender/);
      if (r.method === 'GET') continue;
      expect(r.method).toBe('POST');
      // Besides contract calls, the page's one trade of its launch nonce for the session secret (POST /session).
      expect(new URL(r.url).pathname, 'only contract calls carry data').toMatch(/^\/(api\/[A-Za-z]+|session)$/);
      const body = r.body ?? '';
      expect(body.length, `${r.url} body is small`).toBeLessThan(4096);
      const parsed = JSON.parse(body) as { payload: unknown };
      expect(body, 'no base64 blob').not.toMatch(/[A-Za-z0-9+/=]{120,}/);
      expect(body, 'no image data').not.toMatch(/data:image|landmark|descriptor|"box"|bitmap/i);
      // No long arrays of numbers (a crop, a landmark set or an embedding would be one).
      expect(body, 'no numeric arrays').not.toMatch(/\[\s*-?\d+(\.\d+)?\s*(,\s*-?\d+(\.\d+)?\s*){15,}\]/);
      const method = new URL(r.url).pathname.slice('/api/'.length);
      if (method === 'recordUsage')
        expect((parsed.payload as { metric: string }).metric).toMatch(
          /^(smile\.(entry|exit)\.(visitors|smiling)|session\.|language\.|exhibit\.)/,
        );
    }
    const posts = requests.filter((r) => r.method === 'POST').map((r) => new URL(r.url).pathname);
    expect(posts).toContain('/api/reportSmileStatus');
    expect(posts).toContain('/api/recordUsage');
    // Storage of the origin (shared by the page and its workers): nothing.
    const stored = await kiosk.page.evaluate(async () => ({
      idb: (await indexedDB.databases()).map((d) => d.name),
      caches: await caches.keys(),
      local: Object.keys(localStorage),
      session: Object.keys(sessionStorage).filter((k) => !/secret/i.test(k)),
    }));
    expect(stored).toEqual({ idb: [], caches: [], local: [], session: [] });
    // The console (page and workers) carries no frame data.
    for (const line of kiosk.consoleLines) {
      expect(line.length, line.slice(0, 200)).toBeLessThan(500);
      expect(line).not.toMatch(/[A-Za-z0-9+/=]{120,}|data:image/);
    }
    expect(kiosk.problems).toEqual([]);
  } finally {
    await kiosk.close();
    rmSync(dir, { recursive: true, force: true });
  }
  // The data folder holds counts in the database, logs, settings: no image of any kind.
  for (const file of filesUnder(host.dataDir)) {
    const head = [...readFileSync(file).subarray(0, 12)];
    for (const [kind, magic] of IMAGE_MAGIC)
      expect(
        magic.every((b, i) => head[i] === b),
        `${file} is a ${kind} file`,
      ).toBe(false);
    expect(file).not.toMatch(/\.(png|jpe?g|gif|bmp|webp|y4m|raw)$/i);
  }
});
