/**
 * The panorama scene (src/exhibits/panorama/scene/PanoramaScene.ts) in Debian's Chromium with
 * software WebGL: GPU resources stay flat over 200 node changes and are all freed by destroy(); a
 * cross-fade really blends to the new node; buildingAt / nearestBuilding find the demo pack's
 * buildings where their outlines are; a lost WebGL context is survived. Runs on a harness page
 * (tests/harness/panorama/) with 512 x 256 copies of the demo pack's node pictures.
 */
import { expect, test, type Page } from '@playwright/test';
import { PerspectiveCamera, Vector3 } from 'three';
import type { PanoramaScene } from '../../src/exhibits/panorama/scene/PanoramaScene';
import { pointInPolygon, polygonCentre, yawPitchToVector, type YawPitch } from '../../src/exhibits/panorama/scene/sphericalMath';
import { buildHarness, HARNESS_ORIGIN, WEBGL_ARGS, type Harness, type HarnessNode } from '../harness/panorama/serveHarness';

const STAGE = { width: 640, height: 360 };
const STEPS = 200;
const CACHE = 3;

interface HarnessWindow {
  PanoramaScene: typeof PanoramaScene;
  stage: HTMLElement;
  scene: PanoramaScene;
  grabFrame(width?: number, height?: number): number[];
  gl: { textures: number; buffers: number };
}

test.use({
  viewport: STAGE,
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-background-networking', '--disable-component-update', '--no-first-run', ...WEBGL_ARGS],
  },
});

let harness: Harness;
test.beforeAll(async () => {
  harness = await buildHarness({ imageWidth: 512 });
});
test.afterAll(() => harness?.dispose());

/** Opens the harness; counts live WebGL textures and buffers independently of three.js's own bookkeeping. */
async function open(page: Page): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.addInitScript(() => {
    const gl = { textures: 0, buffers: 0 };
    (window as unknown as { gl: typeof gl }).gl = gl;
    const p = WebGL2RenderingContext.prototype;
    const wrap = <K extends 'createTexture' | 'deleteTexture' | 'createBuffer' | 'deleteBuffer'>(
      name: K,
      key: 'textures' | 'buffers',
      delta: number,
    ) => {
      const original = p[name] as (...a: unknown[]) => unknown;
      (p as unknown as Record<string, unknown>)[name] = function (this: WebGL2RenderingContext, ...args: unknown[]) {
        if (delta < 0 && !args[0]) return original.apply(this, args);
        gl[key] += delta;
        return original.apply(this, args);
      };
    };
    wrap('createTexture', 'textures', 1);
    wrap('deleteTexture', 'textures', -1);
    wrap('createBuffer', 'buffers', 1);
    wrap('deleteBuffer', 'buffers', -1);
  });
  await harness.route(page, STAGE);
  await page.goto(`${HARNESS_ORIGIN}/`);
  await page.waitForFunction(() => 'PanoramaScene' in window);
  return errors;
}

const meanDiff = (a: number[], b: number[]) => a.reduce((s, v, i) => s + Math.abs(v - b[i]!), 0) / a.length;

test('GPU memory stays flat over 200 node changes with preloading, and destroy() frees everything', async ({ page }) => {
  const errors = await open(page);
  const result = await page.evaluate(
    async ({ nodes, steps, cacheSize }) => {
      const w = window as unknown as HarnessWindow;
      const run = async (fadeMs: number, count: number, overlap: boolean) => {
        const scene = new w.PanoramaScene({ container: w.stage, fadeMs, cacheSize });
        const full = async () => {
          const t0 = performance.now();
          while (scene.stats().cached < cacheSize) {
            if (performance.now() - t0 > 10_000) throw new Error(`preloads did not settle: ${JSON.stringify(scene.stats())}`);
            await new Promise((r) => setTimeout(r, 10));
          }
        };
        // Shows node i travelling in direction dir, preloading the next two ahead and the one behind.
        const visit = async (i: number, dir: number, overlap = false) => {
          const shown = scene.showNode(nodes[i]!, nodes[i]!.outlines);
          scene.preload([i + dir, i + 2 * dir, i - dir].filter((k) => k >= 0 && k < nodes.length).map((k) => nodes[k]!));
          // overlap: the next node is asked for while this one is still fading in (a visitor holding the pedal).
          if (overlap) await Promise.race([shown, new Promise((r) => setTimeout(r, fadeMs / 3))]);
          else await shown;
        };
        for (const [i, dir] of [
          [0, 1],
          [1, 1],
          [2, 1],
          [1, -1],
          [0, 1],
        ] as const)
          await visit(i, dir);
        await full();
        const snapshot = () => ({ ...scene.stats(), glTextures: w.gl.textures, glBuffers: w.gl.buffers });
        const baseline = snapshot();
        const samples: { node: number; textures: number; geometries: number; outlines: number }[] = [];
        let i = 0;
        let dir = 1;
        for (let s = 0; s < count; s++) {
          if (i + dir < 0 || i + dir >= nodes.length) dir = -dir;
          i += dir;
          await visit(i, dir, overlap);
          const st = scene.stats();
          if (!overlap) samples.push({ node: i, textures: st.textures, geometries: st.geometries, outlines: nodes[i]!.outlines.length });
        }
        // Back to the start (a jump, as a tap on the route strip does), then compare with the baseline.
        await scene.showNode(nodes[0]!, nodes[0]!.outlines);
        scene.preload([nodes[1]!, nodes[2]!]);
        await full();
        const after = snapshot();
        scene.destroy();
        scene.destroy(); // idempotent
        const destroyed = { ...scene.stats(), canvases: document.querySelectorAll('canvas').length };
        const afterDestroy = await scene.showNode(nodes[0]!, []).then(
          () => 'resolved',
          (e: Error) => e.message,
        );
        return { baseline, after, samples, destroyed, afterDestroy };
      };
      // 200 changes one after the other (no fade: SwiftShader draws slowly), then 40 overlapping cross-fades.
      return { sequential: await run(0, steps, false), overlapping: await run(90, 40, true) };
    },
    { nodes: harness.nodes, steps: STEPS, cacheSize: CACHE },
  );

  for (const r of [result.sequential, result.overlapping]) {
    // Shown node + a full cache; the sphere geometry + one geometry per outline of the node shown.
    expect(r.baseline).toMatchObject({ textures: 1 + CACHE, cached: CACHE, geometries: 1 + harness.nodes[0]!.outlines.length });
    expect(r.baseline.programs).toBeGreaterThan(0);
    expect(r.after).toEqual(r.baseline);
    expect(r.destroyed).toEqual({ textures: 0, geometries: 0, programs: 0, cached: 0, canvases: 0 });
    expect(r.afterDestroy).toMatch(/destroyed/);
  }
  const samples = result.sequential.samples;
  expect(samples).toHaveLength(STEPS);
  for (const s of samples) {
    expect(s.textures, `textures at node ${s.node}`).toBeLessThanOrEqual(1 + CACHE);
    expect(s.geometries, `geometries at node ${s.node}`).toBe(1 + s.outlines);
  }
  expect(samples.some((s) => s.outlines > 0)).toBe(true);
  expect(errors).toEqual([]);
});

test('a cross-fade blends from the old node to the new one and ends showing exactly the new node', async ({ page }) => {
  const errors = await open(page);
  const [a, b] = [harness.nodes[0]!, harness.nodes[4]!];
  const { frames, reference } = await page.evaluate(
    async ({ a, b }) => {
      const w = window as unknown as HarnessWindow;
      const view = { yaw: 20, pitch: 5, fov: 75 };
      const scene = new w.PanoramaScene({ container: w.stage, fadeMs: 800 });
      await scene.showNode(a, [], view);
      const frames: { t: number; rgb: number[] }[] = [];
      scene.onFrame((t) => frames.push({ t, rgb: w.grabFrame() }));
      scene.setView(view); // one more frame of node a, grabbed
      await new Promise((r) => setTimeout(r, 100));
      await scene.showNode(b, []);
      scene.destroy();
      // The new node shown directly, without a fade, for comparison.
      const direct = new w.PanoramaScene({ container: w.stage, fadeMs: 0 });
      let reference: number[] = [];
      direct.onFrame(() => (reference = w.grabFrame()));
      await direct.showNode(b, [], view);
      direct.destroy();
      return { frames, reference };
    },
    { a, b },
  );
  const first = frames[0]!.rgb;
  const last = frames[frames.length - 1]!.rgb;
  const span = meanDiff(first, last);
  expect(span, 'the two nodes look different').toBeGreaterThan(10);
  expect(meanDiff(last, reference), 'the fade ends on the new node').toBeLessThan(1);
  const middle = frames.slice(1, -1);
  expect(middle.length, 'the fade took several frames').toBeGreaterThanOrEqual(3);
  // A real blend: some frame in between is far from both ends, and frames move steadily away from the old node.
  expect(middle.some((f) => meanDiff(f.rgb, first) > span * 0.25 && meanDiff(f.rgb, last) > span * 0.25)).toBe(true);
  const fromFirst = frames.map((f) => meanDiff(f.rgb, first));
  fromFirst.slice(1).forEach((d, k) => expect(d).toBeGreaterThanOrEqual(fromFirst[k]! - 1));
  expect(frames[frames.length - 1]!.t - frames[1]!.t).toBeGreaterThan(500);
  expect(errors).toEqual([]);
});

/** A point inside the polygon: its bounding-box centre if inside, else the first grid point that is. */
function interiorPoint(points: YawPitch[]): YawPitch {
  const c = polygonCentre(points);
  if (pointInPolygon(c, points)) return c;
  const yaws = points.map((p) => p.yaw);
  const pitches = points.map((p) => p.pitch);
  for (let fy = 0.1; fy < 1; fy += 0.1)
    for (let fp = 0.1; fp < 1; fp += 0.1) {
      const p = {
        yaw: Math.min(...yaws) + fy * (Math.max(...yaws) - Math.min(...yaws)),
        pitch: Math.min(...pitches) + fp * (Math.max(...pitches) - Math.min(...pitches)),
      };
      if (pointInPolygon(p, points)) return p;
    }
  throw new Error('no interior point');
}

/** Client coordinates of a direction seen with this view (three.js's own projection, run in Node). */
function project(dir: YawPitch, view: { yaw: number; pitch: number; fov: number }): { x: number; y: number } {
  const camera = new PerspectiveCamera(view.fov, STAGE.width / STAGE.height, 0.1, 200);
  camera.lookAt(new Vector3(...yawPitchToVector(view.yaw, view.pitch)));
  camera.updateMatrixWorld();
  const p = new Vector3(...yawPitchToVector(dir.yaw, dir.pitch)).project(camera);
  return { x: ((p.x + 1) / 2) * STAGE.width, y: ((1 - p.y) / 2) * STAGE.height };
}

test('buildingAt and nearestBuilding find the demo buildings where their outlines are', async ({ page }) => {
  const errors = await open(page);
  const node: HarnessNode = [...harness.nodes].sort((x, y) => y.outlines.length - x.outlines.length)[0]!;
  expect(node.outlines.length).toBeGreaterThanOrEqual(2);
  await page.evaluate(async (node) => {
    const w = window as unknown as HarnessWindow;
    w.scene = new w.PanoramaScene({ container: w.stage, fadeMs: 0 });
    await w.scene.showNode(node, node.outlines);
  }, node);
  for (const outline of node.outlines) {
    const inside = interiorPoint(outline.points);
    // Off-centre on purpose: the building 8° to the left of the view centre.
    const view = { yaw: inside.yaw + 8, pitch: 0, fov: 75 };
    const at = project(inside, view);
    const found = await page.evaluate(
      ({ view, at }) => {
        const w = window as unknown as HarnessWindow;
        w.scene.setView(view);
        return w.scene.buildingAt(at.x, at.y);
      },
      { view, at },
    );
    // Nested outlines resolve to the smaller one; the demo's buildings do not nest.
    expect(found, `buildingAt over ${outline.buildingId}`).toBe(outline.buildingId);
    const centre = polygonCentre(outline.points);
    const nearest = await page.evaluate((c) => {
      const w = window as unknown as HarnessWindow;
      w.scene.setView({ yaw: c.yaw, pitch: c.pitch });
      return w.scene.nearestBuilding();
    }, centre);
    expect(nearest, `nearest when looking at ${outline.buildingId}`).toBe(outline.buildingId);
  }
  const sky = await page.evaluate(() => {
    const w = window as unknown as HarnessWindow;
    w.scene.setView({ yaw: 90, pitch: 60, fov: 40 });
    return { at: w.scene.buildingAt(320, 40), nearest: w.scene.nearestBuilding(), outside: w.scene.buildingAt(-5, 10) };
  });
  expect(sky).toEqual({ at: null, nearest: null, outside: null });
  expect(errors).toEqual([]);
});

test('a lost WebGL context stops drawing, and the restored one shows the node again', async ({ page }) => {
  const errors = await open(page);
  const node = harness.nodes[2]!;
  const r = await page.evaluate(async (node) => {
    const w = window as unknown as HarnessWindow;
    const scene = new w.PanoramaScene({ container: w.stage, fadeMs: 0 });
    let grabbed: number[] = [];
    let frames = 0;
    scene.onFrame(() => {
      frames += 1;
      grabbed = w.grabFrame();
    });
    await scene.showNode(node, node.outlines, { yaw: 30 });
    const before = grabbed;
    const canvas = w.stage.querySelector('canvas')!;
    const ext = (canvas.getContext('webgl2') as WebGL2RenderingContext).getExtension('WEBGL_lose_context')!;
    const event = (name: string) => new Promise((r) => canvas.addEventListener(name, r, { once: true }));
    const lost = event('webglcontextlost');
    ext.loseContext();
    await lost;
    const framesAtLoss = frames;
    scene.rotateBy(1, 0);
    scene.rotateBy(-1, 0);
    await new Promise((r) => setTimeout(r, 200));
    const framesWhileLost = frames - framesAtLoss;
    const restored = event('webglcontextrestored');
    ext.restoreContext();
    await restored;
    await new Promise((r) => setTimeout(r, 300));
    const after = grabbed;
    const stats = scene.stats();
    scene.destroy();
    return { framesWhileLost, framesAfter: frames - framesAtLoss, before, after, stats };
  }, node);
  expect(r.framesWhileLost).toBe(0);
  expect(r.framesAfter).toBeGreaterThan(0);
  expect(meanDiff(r.before, r.after)).toBeLessThan(1);
  expect(r.before.some((v) => v > 20)).toBe(true);
  expect(r.stats.textures).toBeGreaterThan(0);
  expect(errors).toEqual([]);
});
