/** Small helpers shared by the panorama benchmark's two sides (measureOurs.ts, measurePeer.ts). */
import type { Page } from '@playwright/test';
import { HARNESS_ORIGIN, type Harness } from './serveHarness';

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? Number.NaN;
export const p95 = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))] ?? Number.NaN;

export async function openPage(page: Page, harness: Harness, stage: { width: number; height: number }, peer = false): Promise<void> {
  const name = peer ? 'PSV page' : 'scene page';
  page.on('crash', () => console.error(`${name} crashed`));
  page.on('pageerror', (e) => console.error(`${name} error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') console.error(`${name} ${m.type()}: ${m.text()}`);
  });
  await harness.route(page, stage, peer);
  await page.goto(`${HARNESS_ORIGIN}/`);
  await page.waitForFunction(() => 'stage' in window);
}

/** JS heap in use after a forced garbage collection (CDP: https://chromedevtools.github.io/devtools-protocol/tot/Performance/). */
export async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN) / 2 ** 20;
}

export interface MemoryFigures {
  textures: number;
  geometries: number;
  programs: number;
  heapMb: number;
}
