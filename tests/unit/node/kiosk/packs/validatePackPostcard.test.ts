/** validatePack on a pack with a postcard section: its pictures are checked assets, frame overlays must have the card's 148:100 shape. */
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
  dir = mkdtempSync(join(tmpdir(), 'pack-postcard-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const postcard = {
  frames: [{ id: 'stamp', name: L('邮票', 'Stamp'), overlay: 'pc/stamp.png', window: { x: 0.1, y: 0.1, width: 0.8, height: 0.8 } }],
  scenes: [{ id: 'river', name: L('江', 'River'), picture: 'pc/river.jpg' }],
  postmark: { station: L('秦皇岛路码头 · 杨浦滨江', 'Qinhuangdao Rd Wharf · Yangpu Riverside') },
};

async function writePostcardPack(overlay: Buffer): Promise<void> {
  await writeValidPack(dir);
  mkdirSync(join(dir, 'pc'), { recursive: true });
  writeFileSync(join(dir, 'pc/stamp.png'), overlay);
  // A scene may have any shape: it is cover-fitted into the frame's window.
  writeFileSync(join(dir, 'pc/river.jpg'), jpegBytes(64, 30));
  const file = join(dir, 'manifest.json');
  const m = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, JSON.stringify({ ...m, postcard }));
  await fillAssets(dir);
}

describe('validatePack with a postcard section', () => {
  it('accepts a 148:100 overlay (1 % tolerance) and counts the postcard pictures as used assets', async () => {
    await writePostcardPack(pngBytes(148, 100));
    const report = await validatePack(dir);
    expect(report.problems.map(formatProblem)).toEqual([]);
    expect(report.warnings.map(formatProblem)).toEqual([]);
    expect(report.manifest?.postcard?.frames.map((f) => f.id)).toEqual(['stamp']);
    await writePostcardPack(pngBytes(149, 100));
    expect((await validatePack(dir)).problems).toEqual([]);
  });

  it('refuses an overlay of another shape, with its JSON path', async () => {
    await writePostcardPack(pngBytes(160, 100));
    expect((await validatePack(dir)).problems.map(formatProblem)).toEqual([
      "pc/stamp.png postcard.frames[0].overlay: is 160x100 px; a frame overlay must have the card's aspect ratio 148:100 (e.g. 1748x1181)",
    ]);
  });
});
