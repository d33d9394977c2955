import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { enterPin, expect, openOperatorPad, PIN, shot, test, type KioskHost } from './fixtures';

/**
 * The steering-wheel panorama (解读滨江) on the demo pack, in Chromium with a simulated wheel: a
 * gamepad object the test mutates, returned by an overridden navigator.getGamepads
 * (https://w3c.github.io/gamepad/), announced with a 'gamepadconnected' event. The view's root
 * mirrors its state in data attributes (node, yaw, highlighted and open building).
 */
const DEMO = resolve(process.env.KIOSK_DEMO_PACK_DIR ?? 'resources/demo-pack');
const demo = JSON.parse(readFileSync(join(DEMO, 'manifest.json'), 'utf8')) as {
  panorama: {
    nodes: { id: string; positionM: number; heading: number; map: { x: number; y: number } }[];
    buildings: { id: string; name: Record<string, string> }[];
  };
};
const [first, second] = demo.panorama.nodes as [(typeof demo.panorama.nodes)[0], (typeof demo.panorama.nodes)[0]];

// WebGL without a GPU: Chromium's software rasteriser (as scripts/demo-pack/panorama/renderPanoramas.ts does).
test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--ignore-gpu-blocklist',
    ],
  },
});

test.beforeEach(async ({ host, page }) => {
  await host.setPin();
  // The wheel: axis 0 steers (rests at 0), paddles 4/5 travel, button 0 selects (the default mapping).
  await page.addInitScript(() => {
    const pad = {
      id: 'Test Racing Wheel (Vendor: 046d Product: c24f)',
      index: 0,
      connected: true,
      mapping: '',
      timestamp: 0,
      axes: [0, 1, 1, 1],
      buttons: Array.from({ length: 16 }, () => ({ pressed: false, touched: false, value: 0 })),
      vibrationActuator: null,
    };
    Object.defineProperty(window, 'testWheel', { value: pad });
    Object.defineProperty(navigator, 'getGamepads', { value: () => [pad, null, null, null] });
    window.addEventListener('load', () => window.dispatchEvent(Object.assign(new Event('gamepadconnected'), { gamepad: pad })));
  });
});

/** Sets the wheel's steering axis and pressed buttons, then lets a few frames see it. */
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
  await page.clock.runFor(100);
}

/**
 * Opens the exhibit, then pauses the page clock: from here on time (animation frames, the idle
 * timer, the attract tour) moves only when the test runs it, so a slow machine (software WebGL)
 * never lets the tour start under the test. https://playwright.dev/docs/clock
 */
async function openPanorama(page: Page): Promise<void> {
  await page.getByTestId('attract').click();
  await page.getByTestId('exhibit-card-panorama').click();
  await expect(page.getByTestId('panorama')).toHaveAttribute('data-node', first.id, { timeout: 60_000 });
  // pauseAt must name a moment still ahead of the running clock: on a loaded machine, try again.
  for (let attempt = 0; ; attempt++) {
    const now = await page.evaluate(() => Date.now());
    try {
      await page.clock.pauseAt(now + 1000);
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

/** Polls an attribute of the view's root while running the page clock 100 ms per look. */
function root(page: Page, name: string) {
  return expect.poll(
    async () => {
      await page.clock.runFor(100);
      return attr(page, name);
    },
    { timeout: 90_000 },
  );
}

const attr = async (page: Page, name: string): Promise<string> => (await page.getByTestId('panorama').getAttribute(name)) ?? '';
/** Shortest signed difference of two yaws in degrees. */
const yawDelta = (a: number, b: number): number => ((((b - a) % 360) + 540) % 360) - 180;

async function usage(host: KioskHost): Promise<Record<string, number>> {
  const session = await host.api('unlockOperator', { pin: PIN });
  const token = (session.value as { token: string }).token;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const r = await host.api('getDashboard', { from: today, to: today }, token);
  expect(r.ok, JSON.stringify(r)).toBe(true);
  return (r.value as { current: { usage: Record<string, number> } }).current.usage;
}

test.describe.configure({ timeout: 300_000 });

test("steer with the wheel, travel with the paddle, open a building's past and present with the select button, and it is counted", async ({
  page,
  host,
  openKiosk,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 }); // software WebGL: fewer pixels, faster frames
  await openKiosk();
  await openPanorama(page);
  await root(page, 'data-wheel').toBe('connected');
  expect(Number(await attr(page, 'data-yaw'))).toBeCloseTo(first.heading, 0);

  // Steering right pans right, at a rate that follows the angle; releasing stops it.
  const yaw0 = Number(await attr(page, 'data-yaw'));
  await wheel(page, 0.8);
  await page.clock.runFor(300);
  expect(yawDelta(yaw0, Number(await attr(page, 'data-yaw')))).toBeGreaterThan(10);
  // Released: the smoothing settles within a second, then the view holds still.
  await wheel(page, 0);
  await page.clock.runFor(1500);
  const still = Number(await attr(page, 'data-yaw'));
  await page.clock.runFor(500);
  expect(Math.abs(yawDelta(still, Number(await attr(page, 'data-yaw'))))).toBeLessThan(0.5);
  await wheel(page, -0.8);
  await page.clock.runFor(300);
  expect(yawDelta(still, Number(await attr(page, 'data-yaw')))).toBeLessThan(-10);
  await wheel(page, 0);
  await page.clock.runFor(1500);

  // The right paddle travels forward to the linked neighbour, shown at its heading; the left one back.
  await wheel(page, 0, [5]);
  await wheel(page, 0);
  await root(page, 'data-node').toBe(second.id);
  expect(Number(await attr(page, 'data-yaw'))).toBeCloseTo(second.heading, 0);
  await expect(page.getByTestId('route-you')).toHaveAttribute('data-position', String(second.positionM));
  await wheel(page, 0, [4]);
  await wheel(page, 0);
  await root(page, 'data-node').toBe(first.id);

  // The building nearest the centre is named; the select button opens its past and present.
  await root(page, 'data-highlight').toMatch(/.+/);
  const building = await attr(page, 'data-highlight');
  const name = demo.panorama.buildings.find((b) => b.id === building)!.name;
  await expect(page.getByTestId('building-name')).toHaveText(name['zh-CN']!);
  await wheel(page, 0, [0]);
  await wheel(page, 0);
  const dialog = page.getByTestId('past-present');
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute('data-building', building);
  await expect(dialog).toContainText(name.en!);

  // The comparison slider follows a finger (mouse) drag, and the wheel's paddles nudge it.
  const compare = page.getByTestId('compare');
  await expect(compare).toHaveAttribute('data-split', '0.500');
  const box = (await compare.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2, { steps: 6 });
  await page.mouse.up();
  expect(Number(await compare.getAttribute('data-split'))).toBeCloseTo(0.2, 1);
  await wheel(page, 0, [5]);
  await wheel(page, 0);
  expect(Number(await compare.getAttribute('data-split'))).toBeCloseTo(0.3, 1);
  await shot(page, 'panorama-past-present');

  // The select button closes it again.
  await wheel(page, 0, [0]);
  await wheel(page, 0);
  await root(page, 'data-open').toBe('');
  await expect(dialog).toBeHidden();
  await shot(page, 'panorama-view');

  // Counted: one session, the metres of the two hops, one building.
  await expect.poll(async () => (await usage(host))['panorama.building_opened']).toBe(1);
  const counts = await usage(host);
  expect(counts['panorama.session_started']).toBe(1);
  expect(counts['panorama.metres_travelled']).toBe(2 * (second.positionM - first.positionM));
});

test('touch: drag to look around, tap the route strip to travel, tap the name to open the past and present', async ({
  page,
  openKiosk,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openKiosk();
  await openPanorama(page);
  const stage = page.getByTestId('panorama-stage');
  const yaw0 = Number(await attr(page, 'data-yaw'));
  await page.mouse.move(640, 300);
  await page.mouse.down();
  await page.mouse.move(440, 300, { steps: 5 });
  await page.mouse.up();
  await page.clock.runFor(100);
  // Dragging left pulls the picture left: the view turns right.
  expect(yawDelta(yaw0, Number(await attr(page, 'data-yaw')))).toBeGreaterThan(5);
  await expect(stage).toBeVisible();

  // The end of the route strip: the last node.
  const track = page.getByTestId('route-track');
  const box = (await track.boundingBox())!;
  await page.mouse.click(box.x + box.width - 2, box.y + box.height / 2);
  const last = demo.panorama.nodes.at(-1)!;
  await root(page, 'data-node').toBe(last.id);

  // Keyboard: S travels back one node; the name of the building in view opens its past and present.
  await page.keyboard.press('s');
  await root(page, 'data-node').toBe(demo.panorama.nodes.at(-2)!.id);
  await root(page, 'data-highlight').toMatch(/.+/);
  await page.getByTestId('building-open').click();
  await expect(page.getByTestId('past-present')).toBeVisible();
  await page.getByTestId('past-present-close').click();
  await root(page, 'data-open').toBe('');
});

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test('route map: the pack\'s map in a corner, "you are here" follows the travel, a tap on a node travels there, steering never touches it', async ({
  page,
  openKiosk,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openKiosk();
  await openPanorama(page);
  const map = page.getByTestId('route-map');
  await expect(map).toHaveAttribute('data-state', 'ready');
  await expect(map).toBeVisible();
  // Top right: clear of the centre of the view and of the place name.
  const box = (await map.boundingBox())!;
  expect(box.x).toBeGreaterThan(1280 / 2);
  expect(overlaps(box, { x: 1280 / 2 - 1, y: 720 / 2 - 1, width: 2, height: 2 })).toBe(false);
  expect(overlaps(box, (await page.getByTestId('place').boundingBox())!)).toBe(false);
  // Every node of the route is marked where the pack puts it on the picture.
  const img = (await page.getByTestId('route-map-image').boundingBox())!;
  for (const n of demo.panorama.nodes) {
    const dot = (await page.getByTestId(`map-node-${n.id}`).boundingBox())!;
    expect(Math.abs(dot.x + dot.width / 2 - (img.x + n.map.x * img.width)), n.id).toBeLessThan(2);
    expect(Math.abs(dot.y + dot.height / 2 - (img.y + n.map.y * img.height)), n.id).toBeLessThan(2);
  }
  const you = page.getByTestId('map-you');
  await expect(you).toHaveAttribute('data-node', first.id);

  // Turning the wheel redraws the panorama only: the map's DOM does not change at all.
  await page.evaluate(() => {
    const w = window as unknown as { mapChanges: number };
    w.mapChanges = 0;
    new MutationObserver((m) => (w.mapChanges += m.length)).observe(document.querySelector('[data-testid="route-map"]')!, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  });
  const yaw0 = Number(await attr(page, 'data-yaw'));
  await wheel(page, 0.8);
  await page.clock.runFor(500);
  await wheel(page, 0);
  await page.clock.runFor(1000);
  expect(Math.abs(yawDelta(yaw0, Number(await attr(page, 'data-yaw'))))).toBeGreaterThan(10);
  expect(await page.evaluate(() => (window as unknown as { mapChanges: number }).mapChanges)).toBe(0);

  // Travelling moves "you are here".
  await wheel(page, 0, [5]);
  await wheel(page, 0);
  await root(page, 'data-node').toBe(second.id);
  await expect(you).toHaveAttribute('data-node', second.id);
  expect(await page.evaluate(() => (window as unknown as { mapChanges: number }).mapChanges)).toBeGreaterThan(0);

  // A tap on a node of the map travels there.
  const target = demo.panorama.nodes[5]!;
  const dot = (await page.getByTestId(`map-node-${target.id}`).boundingBox())!;
  await page.mouse.click(dot.x + dot.width / 2, dot.y + dot.height / 2);
  await root(page, 'data-node').toBe(target.id);
  await expect(you).toHaveAttribute('data-node', target.id);
  await expect(page.getByTestId(`map-node-${target.id}`)).toHaveClass(/now/);
  await expect(page.getByTestId('route-you')).toHaveAttribute('data-position', String(target.positionM));
  await shot(page, 'panorama-route-map');
});

test("a resting wheel's drift does not hold off the idle timeout; turning it does", async ({ page, openKiosk }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openKiosk();
  await openPanorama(page);
  // Drift: the axis wanders by a hundredth or two, for longer than the idle timeout (90 s).
  for (let i = 0; i < 14 && !(await page.getByTestId('idle-overlay').isVisible()); i++) {
    await wheel(page, 0.01 * (i % 3));
    await page.clock.fastForward(7_000);
    await page.clock.runFor(50);
  }
  await expect(page.getByTestId('idle-overlay')).toBeVisible();
  // After 20 s without a visitor the view toured by itself.
  expect(await attr(page, 'data-touring')).toBe('true');
  // A real turn is activity: the countdown goes away, the visitor takes over from the tour.
  await wheel(page, 0.6);
  await expect(page.getByTestId('idle-overlay')).toBeHidden();
  expect(await attr(page, 'data-touring')).toBe('false');
  await wheel(page, 0);
});

test('operator calibration: live values of the wheel, detect the steering axis and a pedal, save per kiosk', async ({
  page,
  host,
  openKiosk,
}) => {
  await openKiosk();
  await openOperatorPad(page);
  await enterPin(page, PIN);
  await expect(page.getByTestId('operator-settings')).toBeVisible();
  await page.getByTestId('tab-exhibits').click();
  const cal = page.getByTestId('wheel-calibration');
  await expect(cal).toBeVisible();
  await expect(cal.getByTestId('wheel-pad')).toContainText('Test Racing Wheel');

  // Live values: the axis and button the wheel reports.
  await wheel(page, 0.5, [3]);
  await expect(cal.getByTestId('wheel-axis-0')).toHaveAttribute('data-value', '0.50');
  await expect(cal.getByTestId('wheel-button-3')).toHaveClass(/on/);
  await wheel(page, 0);

  // Detect the steering axis: the operator turns the wheel to the right, which on this wheel is axis 2 going down.
  // (This wheel's axis 2 rests at 0 like any steering axis.)
  await page.evaluate(() => ((window as unknown as { testWheel: { axes: number[] } }).testWheel.axes[2] = 0));
  await page.waitForTimeout(100);
  await cal.getByTestId('wheel-learn-steer').click();
  await page.evaluate(() => ((window as unknown as { testWheel: { axes: number[] } }).testWheel.axes[2] = -0.9));
  await expect(cal).toHaveAttribute('data-learning', '');
  await expect(cal.getByTestId('wheel-steer-axis')).toHaveValue('2');
  await expect(cal.getByTestId('wheel-invert')).toHaveAttribute('aria-checked', 'true');
  // Preview: turning right (axis 2 down) maps to panning right.
  await expect.poll(async () => Number(await cal.getByTestId('wheel-preview').getAttribute('data-pan'))).toBeGreaterThan(10);
  await page.evaluate(() => ((window as unknown as { testWheel: { axes: number[] } }).testWheel.axes[2] = 0));

  // Detect the forward pedal: axis 1 rests at 1 and goes to -1.
  await cal.getByTestId('wheel-binding-forward').getByTestId('binding-learn').click();
  await page.evaluate(() => ((window as unknown as { testWheel: { axes: number[] } }).testWheel.axes[1] = -1));
  await expect(cal.getByTestId('wheel-binding-forward')).toHaveAttribute('data-kind', 'axis');
  await expect(cal.getByTestId('wheel-binding-forward')).toHaveAttribute('data-index', '1');
  await page.evaluate(() => ((window as unknown as { testWheel: { axes: number[] } }).testWheel.axes[1] = 1));
  await cal.getByTestId('wheel-dead-zone').getByTestId('stepper-up').click();

  // The rest check: the resting steering axis against the dead zone, its movement within the drift window against the threshold.
  const rest = cal.getByTestId('wheel-rest');
  const steerAxis = (v: number) =>
    page.evaluate((x) => ((window as unknown as { testWheel: { axes: number[] } }).testWheel.axes[2] = x), v);
  await steerAxis(0.03);
  await expect(rest).toHaveAttribute('data-offset', '-0.030'); // inverted: axis 2 falls when turning right
  await expect(rest).toHaveAttribute('data-inside', 'true');
  // A wheel left off-centre and still moving: the axis keeps swinging between 0.12 and 0.18 (a page timer), so its span
  // within the drift window stays over the threshold however late a check comes. A single jump leaves the window after
  // windowMs, and on a loaded machine the check after it came too late (it saw the wheel still again).
  const swing = await page.evaluate(() => {
    const w = (window as unknown as { testWheel: { axes: number[] } }).testWheel;
    let up = false;
    return window.setInterval(() => (w.axes[2] = (up = !up) ? 0.12 : 0.18), 30);
  });
  await expect(rest).toHaveAttribute('data-inside', 'false');
  await expect(rest).toHaveAttribute('data-still', 'false');
  await expect(rest).toContainText('超过阈值');
  await rest.scrollIntoViewIfNeeded();
  await shot(page, 'panorama-rest-check');
  await page.evaluate((id) => window.clearInterval(id), swing);
  await steerAxis(0.01);
  // Once the jump has left the window, a wheel resting inside both tolerances.
  await expect(rest).toHaveAttribute('data-still', 'true');
  await expect(rest).toHaveAttribute('data-inside', 'true');
  await cal.getByTestId('wheel-drift-window').getByTestId('stepper-up').click();
  await cal.getByTestId('wheel-drift-window').getByTestId('stepper-up').click();
  await expect(cal.getByTestId('wheel-rest-span')).toContainText('600 毫秒');
  await steerAxis(0);

  await cal.getByTestId('wheel-save').click();
  await expect(cal.getByTestId('wheel-status')).toHaveText('已保存');
  await shot(page, 'panorama-calibration');
  const stored = (await host.api('getExhibitConfig', { key: 'panorama.wheel' })) as {
    value: {
      value: {
        steer: { axis: number; invert: boolean; deadZone: number };
        drift: { windowMs: number };
        forward: { kind: string; index: number; rest: number; full: number };
      };
    };
  };
  expect(stored.value.value.steer).toMatchObject({ axis: 2, invert: true, deadZone: 0.06 });
  expect(stored.value.value.drift.windowMs).toBe(600);
  expect(stored.value.value.forward).toMatchObject({ kind: 'axis', index: 1, rest: 1, full: -1 });
});

/** Visible buttons smaller than 64 x 64 CSS px, as "WxH <html>". */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="panorama"] button')]
      .map((el) => ({ el: el.outerHTML.slice(0, 100), r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && r.right > 0 && r.left < window.innerWidth && (r.width < 64 || r.height < 64))
      .map(({ el, r }) => `${Math.round(r.width)}x${Math.round(r.height)} ${el}`),
  );
}

for (const [name, viewport] of [
  ['landscape', { width: 1920, height: 1080 }],
  ['portrait', { width: 1080, height: 1920 }],
] as const) {
  test(`${name}: big targets, the name of the building and its past and present fit the screen`, async ({ page, openKiosk }) => {
    await page.setViewportSize(viewport);
    await openKiosk();
    await openPanorama(page);
    // Turn left (a narrow portrait view may not reach the first building yet) until a building is named.
    for (let i = 0; i < 12 && !(await attr(page, 'data-highlight')); i++) {
      await page.keyboard.press('ArrowLeft');
      await page.clock.runFor(50);
    }
    await expect(page.getByTestId('building-open')).toBeVisible();
    await page.clock.runFor(400);
    expect(await smallTargets(page)).toEqual([]);
    const nameSize = parseFloat(await page.getByTestId('building-name').evaluate((el) => getComputedStyle(el).fontSize));
    expect(nameSize).toBeGreaterThanOrEqual(44);
    // The route map sits in a corner: not over the building's name, the place name, the strip or the centre of the view.
    await expect(page.getByTestId('route-map')).toHaveAttribute('data-state', 'ready');
    const map = (await page.getByTestId('route-map').boundingBox())!;
    for (const id of ['building-label', 'place', 'route-strip'])
      expect(overlaps(map, (await page.getByTestId(id).boundingBox())!), id).toBe(false);
    expect(overlaps(map, { x: viewport.width / 2 - 1, y: viewport.height / 2 - 1, width: 2, height: 2 })).toBe(false);
    expect(map.x + map.width).toBeLessThanOrEqual(viewport.width);
    await shot(page, `panorama-${name}`);
    await page.getByTestId('building-open').click();
    await expect(page.getByTestId('past-present')).toBeVisible();
    await page.clock.runFor(400);
    await page.waitForTimeout(400); // the CSS fade-in
    expect(await smallTargets(page)).toEqual([]);
    for (const id of ['compare', 'past-present-close', 'building-text']) {
      const b = (await page.getByTestId(id).boundingBox())!;
      expect(b.x >= 0 && b.y >= 0 && b.x + b.width <= viewport.width && b.y + b.height <= viewport.height, id).toBe(true);
    }
    await shot(page, `panorama-past-present-${name}`);
  });
}
