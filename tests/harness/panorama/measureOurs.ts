/**
 * The benchmark's measurements of PanoramaScene (tests/bench/panorama.bench.ts), in one page: a
 * simulated wheel (navigator.getGamepads() replaced by a pad whose axis the benchmark sets, read
 * every animation frame as the exhibit's input loop does), a keyboard key, node switches (cold and
 * preloaded), and memory after touring the route twice.
 */
import type { Page } from '@playwright/test';
import type { PanoramaScene } from '../../../src/exhibits/panorama/scene/PanoramaScene';
import { heapMb, openPage, type MemoryFigures } from './benchPage';
import type { Harness } from './serveHarness';

export interface OursFigures {
  wheelLatency: number[];
  keyLatency: number[];
  frameIntervals: number[];
  drawMs: number[];
  idleFrames: number;
  coldSwitch: number[];
  warmSwitch: number[];
  memory: MemoryFigures;
  csp: string[];
}

interface BenchWindow {
  PanoramaScene: typeof PanoramaScene;
  stage: HTMLElement;
  scene: PanoramaScene;
  pad: { axes: number[] };
  lastKey: number;
  cspViolations: string[];
}

const TURNS = 20;
/** Phases on stderr: a run on a busy machine takes minutes. */
const progress = (phase: string) => process.stderr.write(`  ours: ${phase}...\n`);

export async function measureOurs(page: Page, harness: Harness, stage: { width: number; height: number }): Promise<OursFigures> {
  await openPage(page, harness, stage);
  const nodes = harness.nodes;
  await page.evaluate(async (first) => {
    const w = window as unknown as BenchWindow;
    const scene = new w.PanoramaScene({ container: w.stage, fadeMs: 0, cacheSize: 3 });
    w.scene = scene;
    await scene.showNode(first, first.outlines);
    const pad = { id: 'bench wheel', index: 0, connected: true, mapping: '', timestamp: 0, axes: [0, 0, 0, 0], buttons: [] };
    w.pad = pad;
    navigator.getGamepads = () => [pad as unknown as Gamepad];
    // The exhibit's input loop, reduced to its core: every animation frame, turn at up to 90°/s by the wheel's angle.
    let last = performance.now();
    const poll = (t: number) => {
      const a = navigator.getGamepads()[0]?.axes[0] ?? 0;
      if (Math.abs(a) > 0.02) scene.rotateBy(a * 90 * (Math.min(50, t - last) / 1000), 0);
      last = t;
      requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
    window.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowRight') return;
      w.lastKey = e.timeStamp;
      scene.rotateBy(2, 0);
    });
  }, nodes[0]!);

  // 1. Wheel -> frame: set the axis at a random moment, time to the end of the frame drawn with the turned view.
  const wheelLatency: number[] = [];
  for (let k = 0; k < TURNS; k++) {
    wheelLatency.push(
      await page.evaluate(
        async (delay) => {
          const w = window as unknown as BenchWindow;
          await new Promise((r) => setTimeout(r, 80 + delay));
          const yaw = w.scene.getView().yaw;
          const t0 = performance.now();
          const shown = new Promise<number>((resolve) => {
            const off = w.scene.onFrame(() => {
              if (w.scene.getView().yaw === yaw) return;
              off();
              resolve(performance.now() - t0);
            });
          });
          w.pad.axes[0] = 0.5;
          const ms = await shown;
          w.pad.axes[0] = 0;
          return ms;
        },
        (k * 7) % 17,
      ),
    );
  }

  progress('Keyboard');
  // 2. Keyboard -> frame: from the key event's timestamp (when the browser received it) to the drawn frame.
  const keyLatency: number[] = [];
  for (let k = 0; k < TURNS; k++) {
    // The listener is in place before the key is pressed (input may overtake a pending evaluate).
    await page.evaluate(() => {
      const w = window as unknown as BenchWindow & { keyFrame: Promise<number> };
      const before = w.lastKey;
      w.keyFrame = new Promise<number>((resolve) => {
        const off = w.scene.onFrame(() => {
          if (w.lastKey === before) return;
          off();
          resolve(performance.now() - w.lastKey);
        });
      });
    });
    await page.keyboard.press('ArrowRight');
    keyLatency.push(await page.evaluate(() => (window as unknown as { keyFrame: Promise<number> }).keyFrame));
    await page.waitForTimeout(60 + ((k * 7) % 17));
  }

  progress('Frame');
  // 3. Frame time with the wheel held turned for 3 s; then 1 s without input (render on demand: no frames).
  const turning = await page.evaluate(async () => {
    const w = window as unknown as BenchWindow;
    const stamps: number[] = [];
    const draw: number[] = [];
    const off = w.scene.onFrame((t) => {
      stamps.push(t);
      draw.push(performance.now() - t);
    });
    w.pad.axes[0] = 0.6;
    await new Promise((r) => setTimeout(r, 3000));
    w.pad.axes[0] = 0;
    // Lets the last turned frame through (software WebGL on a busy machine can lag a few hundred ms).
    await new Promise((r) => setTimeout(r, 800));
    const idleFrom = stamps.length;
    await new Promise((r) => setTimeout(r, 1000));
    off();
    return {
      intervals: stamps.slice(1, idleFrom).map((t, i) => t - stamps[i]!),
      draw: draw.slice(0, idleFrom),
      idleFrames: stamps.length - idleFrom,
    };
  });

  progress('Node');
  // 4. Node switches: cold (a url the cache has never seen) and preloaded (decoded and uploaded ahead).
  const switches = await page.evaluate(async (nodes) => {
    const w = window as unknown as BenchWindow;
    const cold: number[] = [];
    const warm: number[] = [];
    for (let round = 0; round < 2; round++)
      for (const n of nodes) {
        const t0 = performance.now();
        await w.scene.showNode({ id: n.id, imageUrl: `${n.imageUrl}?cold=${round}` }, n.outlines);
        cold.push(performance.now() - t0);
      }
    for (let round = 0; round < 2; round++)
      for (const n of nodes) {
        const next = { id: n.id, imageUrl: `${n.imageUrl}?warm=${round}` };
        w.scene.preload([next]);
        const textures = w.scene.stats().textures;
        while (w.scene.stats().textures <= textures) await new Promise((r) => setTimeout(r, 5));
        await new Promise((r) => setTimeout(r, 50));
        const t0 = performance.now();
        await w.scene.showNode(next, n.outlines);
        warm.push(performance.now() - t0);
      }
    return { cold, warm };
  }, nodes);

  progress('Memory');
  // 5. Memory after touring the route twice with preloading ahead.
  await page.evaluate(async (nodes) => {
    const w = window as unknown as BenchWindow;
    for (let round = 0; round < 2; round++)
      for (let i = 0; i < nodes.length; i++) {
        await w.scene.showNode(nodes[i]!, nodes[i]!.outlines);
        w.scene.preload(nodes.slice(i + 1, i + 3));
      }
    await new Promise((r) => setTimeout(r, 1500));
  }, nodes);
  const stats = await page.evaluate(() => (window as unknown as BenchWindow).scene.stats());
  const memory = { textures: stats.textures, geometries: stats.geometries, programs: stats.programs, heapMb: await heapMb(page) };
  const csp = await page.evaluate(() => (window as unknown as BenchWindow).cspViolations);
  return {
    wheelLatency,
    keyLatency,
    frameIntervals: turning.intervals,
    drawMs: turning.draw,
    idleFrames: turning.idleFrames,
    coldSwitch: switches.cold,
    warmSwitch: switches.warm,
    memory,
    csp,
  };
}
