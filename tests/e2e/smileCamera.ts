import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM } from '../../playwright.config';
import { decodeImageFile } from '../../node/kiosk/smile/decodeImageFile';
import { listLabelledImages } from '../../node/kiosk/smile/evaluateSmileFolder';
import { planSyntheticWalk, type SyntheticFace, type SyntheticWalk } from '../../node/kiosk/smile/syntheticWalk';
import { Y4mWriter } from '../../node/kiosk/smile/y4m';
import { rgbToYuv420 } from '../../node/kiosk/smile/yuv420';
import type { KioskHost } from './fixtures';

/**
 * Shared by the smile meter's end-to-end tests: a synthetic walk-through (face crops from face-api's sample photos,
 * tests/fixtures/smile-eval) written as y4m with a long empty tail, and a Chromium whose fake camera plays it.
 * Chromium loops the file, so the counts are checked during the tail, before the walk starts again.
 * Fake capture flags: https://webrtc.org/getting-started/testing (--use-file-for-fake-video-capture).
 */
export interface WalkVideo {
  path: string;
  walk: SyntheticWalk;
  /** Seconds from the start of the file to the end of the walk / to the end of the file. */
  walkSeconds: number;
  fileSeconds: number;
}

/**
 * The blank image is no visitor; sample3-a (a slight smile) is left out: the smile classifier (H7's) scores it from
 * 0.34 to 0.84 frame by frame, and this test is about counting, not about the classifier's borderline cases.
 */
function fixtureFaces(): SyntheticFace[] {
  return listLabelledImages(join(process.cwd(), 'tests', 'fixtures', 'smile-eval'))
    .map(({ file, label }) => ({ name: file, image: decodeImageFile(file), smiling: label === 1 }))
    .filter((f) => new Set(f.image.data).size > 8 && !f.name.endsWith('sample3-a.jpg'));
}

export async function writeWalkVideo(
  path: string,
  options: { visitors: number; seed: number; tailSeconds: number; fps?: number },
): Promise<WalkVideo> {
  const fps = options.fps ?? 10;
  // Slow walkers (a crossing takes ~10 s) so that even a heavily loaded machine (1-2 counted frames per second)
  // samples each face several times.
  const walk = planSyntheticWalk(fixtureFaces(), {
    width: 320,
    height: 240,
    fps,
    visitors: options.visitors,
    seed: options.seed,
    faceSize: 96,
    speed: 4,
    marginFrames: 5,
  });
  const tail = Math.round(options.tailSeconds * fps);
  const writer = new Y4mWriter(createWriteStream(path), { width: walk.width, height: walk.height, fps: [fps, 1] });
  // Frames past the walk's end show the empty street (the renderer draws no visitor outside its frames).
  for (let i = 0; i < walk.frameCount + tail; i++) await writer.write(rgbToYuv420(walk.frame(i)));
  await writer.end();
  return { path, walk, walkSeconds: walk.frameCount / fps, fileSeconds: (walk.frameCount + tail) / fps };
}

export interface FakeCameraKiosk {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors and CSP violations seen so far. */
  problems: string[];
  /** Every console message (type: text), for the privacy test. */
  consoleLines: string[];
  close(): Promise<void>;
}

/** A Chromium with a fake camera playing `y4m` (or none), camera permission granted, on the kiosk's launch URL. */
export async function openKioskWithFakeCamera(
  host: KioskHost,
  y4m: string | null,
  extraArgs: string[] = [],
  beforeOpen?: (context: BrowserContext) => Promise<void>,
): Promise<FakeCameraKiosk> {
  const camera = y4m
    ? ['--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${y4m}`, '--use-fake-ui-for-media-stream']
    : [];
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...camera,
      ...extraArgs,
    ],
  });
  const context = await browser.newContext({
    viewport: { width: 1280, height: 720 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    permissions: y4m ? ['camera'] : [],
  });
  await beforeOpen?.(context);
  const page = await context.newPage();
  const problems: string[] = [];
  const consoleLines: string[] = [];
  page.on('console', (msg) => {
    consoleLines.push(`${msg.type()}: ${msg.text()}`);
    if (msg.type() === 'error') problems.push(`${msg.type()}: ${msg.text()} ${msg.location().url}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  // Workers' console output also reaches the page's console; their errors are reported here too.
  page.on('worker', (worker) => worker.on('console', (msg) => consoleLines.push(`worker ${msg.type()}: ${msg.text()}`)));
  await page.goto(await host.launchUrl());
  return { browser, context, page, problems, consoleLines, close: () => browser.close() };
}

/** Signs in, stores smile settings, signs out. `patch` is merged over the defaults. */
export async function setSmileSettings(host: KioskHost, value: unknown): Promise<void> {
  const session = await host.api('unlockOperator', { pin: '2468' });
  if (!session.ok) throw new Error(`unlock failed: ${JSON.stringify(session)}`);
  const token = (session.value as { token: string }).token;
  const r = await host.api('setExhibitConfig', { key: 'smile', value }, token);
  if (!r.ok) throw new Error(`setExhibitConfig failed: ${JSON.stringify(r)}`);
  await host.api('lockOperator', {}, token);
}

export interface CameraStatusLike {
  role: string;
  state: string;
  backend: string | null;
  source?: string | null;
  framesProcessed: number;
  facesDescribed: number;
  visitors: number;
  smiling: number;
  numTensors: number | null;
  wasmMemoryBytes?: number | null;
  since: number;
  lastError: string | null;
}

/** The operator's view of the cameras (getSmileStatus). */
export async function smileStatus(
  host: KioskHost,
): Promise<{ report: { enabled: boolean; cameras: CameraStatusLike[] } | null; stale: boolean }> {
  const session = await host.api('unlockOperator', { pin: '2468' });
  const token = (session.value as { token: string }).token;
  const r = await host.api('getSmileStatus', {}, token);
  await host.api('lockOperator', {}, token);
  if (!r.ok) throw new Error(`getSmileStatus failed: ${JSON.stringify(r)}`);
  return r.value as Awaited<ReturnType<typeof smileStatus>>;
}

/** The smile counts the kiosk stored (usage_buckets, summed per metric), read straight from its database. */
export function storedCounts(dataDir: string): Record<string, number> {
  const db = new Database(join(dataDir, 'kiosk.db'), { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare("SELECT metric, SUM(value) AS n FROM usage_buckets WHERE metric LIKE 'smile.%' GROUP BY metric")
      .all() as Array<{ metric: string; n: number }>;
    return Object.fromEntries(rows.map((r) => [r.metric, r.n]));
  } finally {
    db.close();
  }
}
