/**
 * The benchmark's peer: Photo Sphere Viewer 5 (https://photo-sphere-viewer.js.org/guide/methods.html)
 * showing the same pictures on the same stage: setPanorama without transition, cold and after
 * textureLoader.preloadPanorama, each timed to the animation frame after it resolves (PSV draws in
 * its own animation loop); memory after touring the route twice.
 */
import type { Page } from '@playwright/test';
import type { Viewer } from '@photo-sphere-viewer/core';
import { heapMb, openPage, type MemoryFigures } from './benchPage';
import type { Harness } from './serveHarness';

export interface PeerFigures {
  coldSwitch: number[];
  warmSwitch: number[];
  memory: Omit<MemoryFigures, 'programs'>;
  csp: string[];
}

interface PeerWindow {
  PsvViewer: typeof Viewer;
  stage: HTMLElement;
  viewer: Viewer;
  cspViolations: string[];
}

/** three.js's renderer inside PSV (a private member: read for the benchmark only). */
type WithInfo = { renderer: { renderer: { info: { memory: { textures: number; geometries: number } } } } };

export async function measurePeer(page: Page, harness: Harness, stage: { width: number; height: number }): Promise<PeerFigures> {
  await openPage(page, harness, stage, true);
  const nodes = harness.nodes;
  const switches = await page.evaluate(async (nodes) => {
    const w = window as unknown as PeerWindow;
    const nextFrame = () => new Promise((r) => requestAnimationFrame(r));
    const viewer = new w.PsvViewer({
      container: w.stage,
      panorama: nodes[0]!.imageUrl,
      navbar: false,
      loadingTxt: '',
      mousewheel: false,
      keyboard: false,
    });
    w.viewer = viewer;
    await new Promise((r) => viewer.addEventListener('ready', r, { once: true }));
    const show = async (url: string) => {
      const t0 = performance.now();
      await viewer.setPanorama(url, { transition: false, showLoader: false });
      await nextFrame();
      return performance.now() - t0;
    };
    const cold: number[] = [];
    const warm: number[] = [];
    for (let round = 0; round < 2; round++) for (const n of nodes) cold.push(await show(`${n.imageUrl}?cold=${round}`));
    for (let round = 0; round < 2; round++)
      for (const n of nodes) {
        const url = `${n.imageUrl}?warm=${round}`;
        await viewer.textureLoader.preloadPanorama(url);
        await new Promise((r) => setTimeout(r, 50));
        warm.push(await show(url));
      }
    // The same tour as ours, for memory.
    for (let round = 0; round < 2; round++)
      for (let i = 0; i < nodes.length; i++) {
        await viewer.setPanorama(nodes[i]!.imageUrl, { transition: false, showLoader: false });
        // PSV aborts a pending preload when the panorama changes: not an error here.
        for (const n of nodes.slice(i + 1, i + 3)) viewer.textureLoader.preloadPanorama(n.imageUrl).catch(() => undefined);
      }
    await new Promise((r) => setTimeout(r, 1500));
    const info = (viewer as unknown as WithInfo).renderer.renderer.info.memory;
    return { cold, warm, textures: info.textures, geometries: info.geometries };
  }, nodes);
  const heap = await heapMb(page);
  const csp = await page.evaluate(() => (window as unknown as PeerWindow).cspViolations);
  await page.evaluate(() => (window as unknown as PeerWindow).viewer.destroy());
  return {
    coldSwitch: switches.cold,
    warmSwitch: switches.warm,
    memory: { textures: switches.textures, geometries: switches.geometries, heapMb: heap },
    csp,
  };
}
