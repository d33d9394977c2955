import type { Locator, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import jpeg from 'jpeg-js';
import { PIN, type HostClient } from './hostClient';

/**
 * Synthetic visitors, one exhibit each, with the end-to-end specs' selectors and flows (tests/e2e/visit, history,
 * panorama, postcard, dashboard), written against a long-running page: every step waits for what it needs, and every
 * visit ends at the attract screen through the idle countdown (or the home screen's restart), as in a station.
 */
const DEMO = resolve(process.env.KIOSK_DEMO_PACK_DIR ?? 'resources/demo-pack');
const demo = JSON.parse(readFileSync(join(DEMO, 'manifest.json'), 'utf8')) as {
  history: { stories: { id: string }[] };
  panorama: { nodes: { id: string }[] };
};

export interface Tally {
  visitors: number;
  exhibits: Record<string, number>;
  postcards: number;
  prints: number;
  phoneFetches: number;
  consoleVisits: number;
  packSwaps: number;
  narrations: number;
  buildingsOpened: number;
  /** Visitors who only looked into an exhibit and walked away (counted in `visitors` too). */
  glances: number;
  /** Closing times the kiosk went through (closed screen at 20:00, open again the next morning). */
  nights: number;
}

export const newTally = (): Tally => ({
  visitors: 0,
  exhibits: {},
  postcards: 0,
  prints: 0,
  phoneFetches: 0,
  consoleVisits: 0,
  packSwaps: 0,
  narrations: 0,
  buildingsOpened: 0,
  glances: 0,
  nights: 0,
});

const T = 60_000;

/** Polls `read` until `ok` holds (generous: the machine is shared), running the page clock when it is paused. */
async function until<V>(what: string, read: () => Promise<V>, ok: (v: V) => boolean, timeout = 90_000): Promise<V> {
  const end = Date.now() + timeout;
  let last: V | undefined;
  while (Date.now() < end) {
    last = await read();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

const visible = (l: Locator, timeout = T) => l.waitFor({ state: 'visible', timeout });
const hidden = (l: Locator, timeout = T) => l.waitFor({ state: 'hidden', timeout });

async function enterFromAttract(page: Page, exhibit: string, tally: Tally): Promise<void> {
  await visible(page.getByTestId('attract'));
  await page.getByTestId('attract').click();
  await visible(page.getByTestId('home'));
  await page.getByTestId(`exhibit-card-${exhibit}`).click();
  tally.visitors += 1;
  tally.exhibits[exhibit] = (tally.exhibits[exhibit] ?? 0) + 1;
}

/** Walks away: 90 s without a touch, the countdown, and the kiosk resets to the attract screen. */
export async function idleOut(page: Page): Promise<void> {
  await page.clock.fastForward(91_000);
  await visible(page.getByTestId('idle-overlay'));
  await page.clock.fastForward(10_500);
  await visible(page.getByTestId('attract'));
  await hidden(page.getByTestId('idle-overlay'));
}

const GLANCED = ['history', 'panorama', 'postcard'] as const;

/**
 * A visitor who opens an exhibit, looks, and walks away (most of a station's passers-by): the screen is built and
 * torn down as for any visitor, so what a visit leaks shows up at the rate a holiday crowd brings, not only at the
 * rate the full visits take on this machine.
 */
export async function glanceVisit(page: Page, tally: Tally, n: number): Promise<void> {
  const exhibit = GLANCED[n % GLANCED.length]!;
  await enterFromAttract(page, exhibit, tally);
  await visible(page.getByTestId(exhibit));
  tally.glances += 1;
  await idleOut(page);
}

/** A story: pages, narration with subtitles, a language switch mid-narration, then leaving while it plays. */
export async function historyVisit(page: Page, tally: Tally, n: number): Promise<void> {
  await enterFromAttract(page, 'history', tally);
  await visible(page.getByTestId('history'));
  const story = demo.history.stories[n % demo.history.stories.length]!;
  await page.getByTestId(`story-card-${story.id}`).click();
  const reader = page.getByTestId('story-reader');
  await visible(reader);
  await page.getByTestId('page-next').click();
  await until(
    'page 1',
    () => reader.getAttribute('data-page'),
    (p) => p === '1',
  );
  await page.getByTestId('page-prev').click();
  await page.getByTestId('narration-toggle').click();
  await until(
    'narration playing',
    () => page.getByTestId('narration-toggle').getAttribute('data-state'),
    (s) => s === 'playing',
  );
  tally.narrations += 1;
  await until(
    'a subtitle cue',
    () => page.getByTestId('subtitle').getAttribute('data-cue'),
    (c) => c !== null,
  );
  await page.getByTestId('language-switch').click();
  await until(
    'English',
    () => page.locator('html').getAttribute('lang'),
    (l) => l === 'en',
  );
  await new Promise((r) => setTimeout(r, 2000)); // a little narration in English
  // Leaves mid-narration: back to the list, then walks away.
  await page.getByTestId('story-back').click();
  await visible(page.getByTestId('story-list'));
  await page.getByTestId('tab-timeline').click();
  await page.locator('[data-testid^="timeline-year-"]').first().click();
  await visible(reader);
  await idleOut(page);
}

async function wheel(page: Page, steer: number, down: number[] = []): Promise<void> {
  await page.evaluate(
    ([s, d]) => {
      const pad = (
        window as unknown as { testWheel: { axes: number[]; buttons: { pressed: boolean; value: number }[]; timestamp: number } }
      ).testWheel;
      pad.axes[0] = s as number;
      pad.buttons.forEach((b, i) => {
        b.pressed = (d as number[]).includes(i);
        b.value = b.pressed ? 1 : 0;
      });
      pad.timestamp += 1;
    },
    [steer, down] as const,
  );
  await page.clock.runFor(150);
}

/**
 * The panorama with the wheel: turns both ways, travels the whole route with the paddle and back, opens the
 * highlighted building's past and present and nudges the slider. The page clock is paused meanwhile (as the
 * panorama e2e does) so the attract tour never starts under a slow software-WebGL frame, and resumed after.
 */
export async function panoramaVisit(page: Page, tally: Tally): Promise<void> {
  await enterFromAttract(page, 'panorama', tally);
  const root = page.getByTestId('panorama');
  const attr = (name: string) => async () => (await root.getAttribute(name)) ?? '';
  await until('the first node', attr('data-node'), (n) => n === demo.panorama.nodes[0]!.id, 120_000);
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 2000);
  try {
    const run = (name: string) => async () => {
      await page.clock.runFor(100);
      return attr(name)();
    };
    await until('the wheel', run('data-wheel'), (w) => w === 'connected');
    await wheel(page, 0.8);
    await page.clock.runFor(400);
    await wheel(page, -0.8);
    await page.clock.runFor(400);
    await wheel(page, 0);
    await page.clock.runFor(1500);
    const last = demo.panorama.nodes.at(-1)!.id;
    for (let hop = 0; hop < demo.panorama.nodes.length + 2 && (await attr('data-node')()) !== last; hop++) {
      const before = await attr('data-node')();
      await wheel(page, 0, [5]);
      await wheel(page, 0);
      await until('the next node', run('data-node'), (n) => n !== before);
    }
    if ((await attr('data-node')()) !== last) throw new Error('the paddle did not reach the end of the route');
    for (let hop = 0; hop < demo.panorama.nodes.length + 2 && (await attr('data-node')()) !== demo.panorama.nodes[0]!.id; hop++) {
      const before = await attr('data-node')();
      await wheel(page, 0, [4]);
      await wheel(page, 0);
      await until('the previous node', run('data-node'), (n) => n !== before);
    }
    await until('a highlighted building', run('data-highlight'), (h) => h !== '');
    await wheel(page, 0, [0]);
    await wheel(page, 0);
    const dialog = page.getByTestId('past-present');
    await visible(dialog);
    tally.buildingsOpened += 1;
    const compare = page.getByTestId('compare');
    const split0 = Number(await compare.getAttribute('data-split'));
    await wheel(page, 0, [5]);
    await wheel(page, 0);
    await until(
      'the slider moved',
      async () => Number(await compare.getAttribute('data-split')),
      (s) => s !== split0,
    );
    await wheel(page, 0, [0]);
    await wheel(page, 0);
    await until('the dialog closed', run('data-open'), (o) => o === '');
  } finally {
    await page.clock.resume();
  }
  await idleOut(page);
}

async function drawLine(page: Page, canvas: Locator, y: number, x0: number, x1: number): Promise<void> {
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width * x0, box.y + box.height * y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * x1, box.y + box.height * y, { steps: 15 });
  await page.mouse.up();
}

/**
 * A postcard: the camera with its countdown, a frame, a handwritten message, the QR link fetched by Node as a phone
 * would, and a print (PDF; through CUPS when a printer is named). Then the visitor walks away.
 */
export async function postcardVisit(page: Page, tally: Tally, n: number): Promise<void> {
  await enterFromAttract(page, 'postcard', tally);
  await until(
    'the start step',
    () => page.getByTestId('postcard').getAttribute('data-step'),
    (s) => s === 'start',
  );
  await page.getByTestId('postcard-start').click();
  await visible(page.getByTestId('postcard-consent'));
  await page.getByTestId('postcard-photo').click();
  await until(
    'the camera',
    () => page.getByTestId('camera-video').evaluate((v: HTMLVideoElement) => v.videoWidth),
    (w) => w > 0,
  );
  await page.getByTestId('shoot').click();
  await visible(page.getByTestId('countdown'));
  await page.clock.runFor(3100);
  await page.getByTestId('use-photo').click();
  await visible(page.getByTestId('postcard-frames'));
  const frames = page.locator('[data-testid^="frame-"]:not([data-testid="frames-next"])');
  const count = await frames.count();
  if (count > 0) await frames.nth(n % count).click();
  await page.getByTestId('frames-next').click();
  await visible(page.getByTestId('postcard-write'));
  const canvas = page.getByTestId('ink-canvas');
  await drawLine(page, canvas, 0.5, 0.2, 0.5);
  await drawLine(page, canvas, 0.62, 0.25, 0.45);
  await page.getByTestId('write-done').click();
  await visible(page.getByTestId('card-preview'), 120_000);
  await page.getByTestId('postcard-qr').click();
  await visible(page.getByTestId('postcard-qr-code'));
  const url = (await page.getByTestId('postcard-url').textContent())!.trim();
  const res = await fetch(`${url}/card.jpg`);
  if (res.status !== 200) throw new Error(`the phone got ${res.status} for ${url}/card.jpg`);
  const img = jpeg.decode(new Uint8Array(await res.arrayBuffer()), { useTArray: true, maxMemoryUsageInMB: 256 });
  if (img.width !== 1748 || img.height !== 1181) throw new Error(`the phone got a ${img.width}x${img.height} card`);
  tally.phoneFetches += 1;
  tally.postcards += 1;
  const print = page.getByTestId('postcard-print');
  if (await print.isVisible()) {
    await print.click();
    await page.clock.runFor(2000);
    await until(
      'the print',
      () => page.getByTestId('print-status').getAttribute('data-status'),
      (s) => s === 'done' || s === 'failed',
      120_000,
    );
    if ((await page.getByTestId('print-status').getAttribute('data-status')) !== 'done') throw new Error('the print failed');
    tally.prints += 1;
  }
  await idleOut(page);
}

async function openConsole(page: Page): Promise<void> {
  // Five taps within 3 s of page time: the page's time stands still while they are made (as the history e2e does).
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);
  const pad = page.getByTestId('operator-unlock');
  for (let attempt = 0; attempt < 3 && !(await pad.isVisible()); attempt++) {
    for (let i = 0; i < 5; i++) await page.mouse.click(30, 30);
    await pad.waitFor({ state: 'visible', timeout: 3000 }).catch(() => undefined);
  }
  await page.clock.resume();
  const keypad = page.getByTestId('pin-pad').last();
  for (const digit of PIN) await keypad.getByRole('button', { name: new RegExp(`^(数字|Digit) ${digit}$`) }).click();
  await keypad.getByTestId('pin-submit').click();
  await visible(page.getByTestId('operator-settings'));
}

/** The operator console from the attract screen: dashboard ranges, a CSV and a PDF export, the health panel. */
export async function consoleVisit(page: Page, tally: Tally, exportFolder: string): Promise<void> {
  await visible(page.getByTestId('attract'));
  await openConsole(page);
  tally.consoleVisits += 1;
  await page.getByTestId('tab-dashboard').click();
  await visible(page.getByTestId('dashboard'));
  for (const range of ['last7', 'last30', 'today']) {
    await page.getByTestId(`range-${range}`).click();
    await visible(page.getByTestId('kpi-footfall-in'));
  }
  await page.getByTestId('export-folder').fill(exportFolder);
  await page.getByTestId('export-csv').click();
  await until(
    'the CSV export',
    async () => (await page.getByTestId('export-result').textContent()) ?? '',
    (t) => t.includes(exportFolder),
  );
  await page.getByTestId('export-pdf').click();
  await until(
    'the PDF report',
    async () => (await page.getByTestId('export-result').textContent()) ?? '',
    (t) => t.includes('.pdf'),
    120_000,
  );
  await page.getByTestId('tab-system').click();
  await visible(page.getByTestId('health-panel'));
  await page.getByTestId('health-refresh').click();
  await page.getByTestId('settings-exit').click();
  await visible(page.getByTestId('attract'));
}

/**
 * A content-pack swap at the attract screen: the operator activates the other pack (over the contract, as the
 * console's pack list does) and the screen shows it at its next poll (every 30 s).
 */
export async function packSwap(page: Page, host: HostClient, tally: Tally, to: { key: string; tagline: string }): Promise<void> {
  await visible(page.getByTestId('attract'));
  await host.asOperator('activatePack', { key: to.key });
  for (let i = 0; i < 4 && !((await page.getByTestId('attract').textContent()) ?? '').includes(to.tagline); i++) {
    await page.clock.fastForward(31_000);
    await new Promise((r) => setTimeout(r, 2000));
  }
  await until(
    'the new pack at the attract screen',
    async () => (await page.getByTestId('attract').textContent()) ?? '',
    (t) => t.includes(to.tagline),
  );
  tally.packSwaps += 1;
}

/** The page clock's time of day in the station's zone (Shanghai has no daylight saving: UTC+8 all year). */
const stationMinutes = (ms: number) => Math.floor((ms / 60_000 + 8 * 60) % (24 * 60));

/**
 * Each visitor moves the page clock on by the idle countdown (about 100 s), so a long soak runs past a simulated
 * day's 20:00 closing. Before the next visitor could meet the closed screen mid-visit, the kiosk closes for the night
 * as in a station: the closed screen at 20:00, the night skipped (the page clock set, no timers fired), and the
 * attract screen again at the next morning's 10:00, which also turns the kiosk's day over.
 */
export async function closeIfLate(page: Page, tally: Tally, lastCall = 19 * 60 + 40): Promise<void> {
  const now = await page.evaluate(() => Date.now());
  if (stationMinutes(now) < lastCall) return;
  await visible(page.getByTestId('attract'));
  const toClosing = (20 * 60 - stationMinutes(now)) * 60_000 + 5000;
  await page.clock.fastForward(toClosing);
  await visible(page.getByTestId('closed'));
  const closedAt = await page.evaluate(() => Date.now());
  const midnight = closedAt - ((closedAt + 8 * 3_600_000) % 86_400_000);
  // 09:59:30 the next morning; the opening store re-checks every 30 s, so 40 s more opens the station.
  await page.clock.setSystemTime(midnight + 86_400_000 + (10 * 60 - 0.5) * 60_000);
  await page.clock.fastForward(40_000);
  await visible(page.getByTestId('attract'));
  tally.nights += 1;
  console.error(`${new Date().toISOString().slice(11, 19)} soak: closed at 20:00, open again the next morning`);
}
