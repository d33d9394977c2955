/** validatePack on a pack with a panorama section: its pictures are checked assets, node pictures must be 2:1. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fillAssets } from '../../../../../node/kiosk/packs/buildPack';
import { formatProblem } from '../../../../../node/kiosk/packs/packProblem';
import { validatePack } from '../../../../../node/kiosk/packs/validatePack';
import { jpegBytes, pngBytes, writeValidPack } from '../../../../fixtures/packs/makePack';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pack-panorama-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const square = [
  { yaw: -10, pitch: 0 },
  { yaw: 10, pitch: 0 },
  { yaw: 10, pitch: 10 },
];
const panorama = {
  routeLengthM: 500,
  routeMap: 'pano/map.png',
  nodes: [
    { id: 'n-a', image: 'pano/a.jpg', positionM: 0, map: { x: 0.1, y: 0.5 }, heading: 0, links: ['n-b'] },
    { id: 'n-b', image: 'pano/b.png', positionM: 400, map: { x: 0.9, y: 0.5 }, heading: 90, links: ['n-a'] },
  ],
  buildings: [
    {
      id: 'castle',
      name: L('水厂', 'Waterworks'),
      years: { built: 1883 },
      positionM: 200,
      outlines: [{ node: 'n-a', points: square }],
      then: 'pano/then.png',
      now: 'pano/now.jpg',
      text: L('文字', 'Text'),
    },
  ],
};

async function writePanoramaPack(bImage: Buffer): Promise<void> {
  await writeValidPack(dir);
  mkdirSync(join(dir, 'pano'), { recursive: true });
  writeFileSync(join(dir, 'pano/map.png'), pngBytes(100, 20));
  writeFileSync(join(dir, 'pano/a.jpg'), jpegBytes(64, 32));
  writeFileSync(join(dir, 'pano/b.png'), bImage);
  writeFileSync(join(dir, 'pano/then.png'), pngBytes(40, 30));
  writeFileSync(join(dir, 'pano/now.jpg'), jpegBytes(40, 30));
  const file = join(dir, 'manifest.json');
  const m = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, JSON.stringify({ ...m, panorama }));
  await fillAssets(dir);
}

describe('validatePack with a panorama section', () => {
  it('accepts 2:1 node pictures and counts every panorama picture as a used asset', async () => {
    await writePanoramaPack(pngBytes(128, 64));
    const report = await validatePack(dir);
    expect(report.problems.map(formatProblem)).toEqual([]);
    expect(report.warnings.map(formatProblem)).toEqual([]);
    expect(report.manifest?.panorama?.nodes.map((n) => n.id)).toEqual(['n-a', 'n-b']);
  });

  it('refuses a node picture that is not exactly twice as wide as high, with its JSON path', async () => {
    await writePanoramaPack(pngBytes(128, 63));
    expect((await validatePack(dir)).problems.map(formatProblem)).toEqual([
      'pano/b.png panorama.nodes[1].image: is 128x63 px; an equirectangular panorama must be exactly twice as wide as high',
    ]);
  });

  it('does not ask other panorama pictures (map, then, now) to be 2:1', async () => {
    await writePanoramaPack(pngBytes(128, 64));
    writeFileSync(join(dir, 'pano/then.png'), pngBytes(50, 50));
    await fillAssets(dir);
    expect((await validatePack(dir)).ok).toBe(true);
  });
});
