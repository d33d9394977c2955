import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Manifest } from '../../../../../common/pack/manifest';
import { fillAssets } from '../../../../../node/kiosk/packs/buildPack';
import { formatProblem } from '../../../../../node/kiosk/packs/packProblem';
import { validatePack } from '../../../../../node/kiosk/packs/validatePack';
import { pngBytes, wavBytes, writeValidPack } from '../../../../fixtures/packs/makePack';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pack-validate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const editManifest = (fn: (m: Manifest) => void): void => {
  const file = join(dir, 'manifest.json');
  const m = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  fn(m);
  writeFileSync(file, JSON.stringify(m));
};
const problems = async (): Promise<string[]> => (await validatePack(dir)).problems.map(formatProblem);

describe('validatePack', () => {
  it('accepts a complete pack, decoding its PNG, JPEG, MP3, Opus and WAV files', async () => {
    await writeValidPack(dir);
    const report = await validatePack(dir);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.manifest?.id).toBe('test-pack');
    expect(report.warnings).toEqual([]);
  });

  it('reports every problem at once, each with its file and JSON path', async () => {
    await writeValidPack(dir);
    writeFileSync(join(dir, 'wharf/p1.png'), pngBytes(64, 48, [0, 255, 0])); // same size, other hash
    writeFileSync(join(dir, 'attract.jpg'), Buffer.concat([readFileSync(join(dir, 'attract.jpg')), Buffer.from('x')]));
    rmSync(join(dir, 'wharf/cover.png'));
    editManifest((m) => {
      m.title.en = '';
      m.history!.stories[0]!.pages.push({ image: 'wharf/nope.png', text: { 'zh-CN': '二', en: 'two' } });
    });
    const p = await problems();
    expect(p).toEqual(
      expect.arrayContaining([
        'manifest.json title.en: English text is required',
        'manifest.json history.stories[0].pages[1].image: "wharf/nope.png" is not listed in assets',
        'wharf/cover.png assets[1].path: is listed in assets but is not in the pack',
        expect.stringMatching(/^wharf\/p1\.png assets\[2\]\.sha256: has sha256 [0-9a-f]{64}; the manifest says [0-9a-f]{64}$/),
        expect.stringMatching(/^attract\.jpg assets\[0\]\.bytes: is \d+ bytes; the manifest says \d+$/),
      ]),
    );
    expect(p.length).toBeGreaterThanOrEqual(5);
  });

  it('refuses images that do not decode or have absurd dimensions, and content that does not match the extension', async () => {
    await writeValidPack(dir);
    const png = pngBytes(64, 48);
    png.writeUInt32BE(100_000, 16); // IHDR width
    writeFileSync(join(dir, 'wharf/p1.png'), png);
    const truncated = pngBytes(32, 32).subarray(0, 60);
    writeFileSync(join(dir, 'wharf/cover.png'), truncated);
    writeFileSync(join(dir, 'attract.jpg'), pngBytes(40, 30));
    await fillAssets(dir);
    const p = await problems();
    expect(p).toContain('wharf/p1.png assets[2]: the image is 100000x48 px; each side must be at most 8192 px');
    expect(p).toContainEqual(expect.stringMatching(/^wharf\/cover\.png assets\[1\]: the image does not decode as PNG/));
    expect(p).toContain('attract.jpg assets[0]: the file is not a JPEG image (wrong signature)');
  });

  it('refuses tiny images', async () => {
    await writeValidPack(dir);
    writeFileSync(join(dir, 'wharf/p1.png'), pngBytes(8, 8));
    await fillAssets(dir);
    expect(await problems()).toEqual(['wharf/p1.png assets[2]: the image is 8x8 px; each side must be at least 16 px']);
  });

  it('refuses audio that does not decode, Vorbis in an .ogg, and cues past the end of the audio', async () => {
    await writeValidPack(dir);
    const mp3 = readFileSync(join(dir, 'wharf/zh.mp3'));
    const broken = Buffer.concat([mp3.subarray(0, 400), Buffer.alloc(3000, 0x55)]);
    writeFileSync(join(dir, 'wharf/zh.mp3'), broken);
    writeFileSync(join(dir, 'panel/zh.wav'), wavBytes(0.2));
    await fillAssets(dir);
    const p = await problems();
    expect(p).toContainEqual(expect.stringMatching(/^wharf\/zh\.mp3 assets\[\d\]: the audio does not decode as MP3/));
    expect(p).toContain('panel/zh.wav history.panel.hotspots[0].narration.zh-CN.cues[1].end: cue ends at 1.4s but the audio lasts 0.20s');
  });

  it('refuses a truncated WAV and Ogg Vorbis', async () => {
    await writeValidPack(dir);
    writeFileSync(join(dir, 'panel/zh.wav'), wavBytes(1.5).subarray(0, 2000));
    writeFileSync(join(dir, 'wharf/en.opus'), readFileSync(new URL('../../../../fixtures/packs/tone-vorbis.ogg', import.meta.url)));
    await fillAssets(dir);
    const p = await problems();
    expect(p).toContain('panel/zh.wav assets[5]: the audio is truncated: its data chunk declares 24000 bytes, 1956 are present');
    expect(p).toContain('wharf/en.opus assets[4]: the file is an Ogg file but not Ogg Opus (only Opus audio is accepted)');
  });

  it('tolerates a few unlisted files with a warning but refuses a folder full of junk', async () => {
    await writeValidPack(dir);
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    const ok = await validatePack(dir);
    expect(ok.ok).toBe(true);
    expect(ok.warnings.map(formatProblem)).toEqual(['notes.txt: is not listed in assets and will not be used']);
    for (let i = 0; i < 11; i++) writeFileSync(join(dir, `junk${i}.txt`), 'x');
    const p = await problems();
    expect(p).toEqual([expect.stringMatching(/^\. assets: 12 files are not listed in assets \(at most 10 are tolerated\)/)]);
  });

  it('refuses symbolic links in a pack folder', async () => {
    await writeValidPack(dir);
    symlinkSync('/etc/passwd', join(dir, 'link.txt'));
    expect(await problems()).toContain('link.txt: symbolic links are refused');
  });

  it('refuses a missing, non-UTF-8 or oversized manifest', async () => {
    expect(await problems()).toEqual(['manifest.json: the pack has no manifest.json at its root']);
    writeFileSync(join(dir, 'manifest.json'), Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]));
    expect(await problems()).toEqual(['manifest.json: the manifest is not valid UTF-8 (save it as UTF-8)']);
    writeFileSync(join(dir, 'manifest.json'), `{"x":"${'a'.repeat(1024 * 1024)}"}`);
    expect(await problems()).toEqual([
      expect.stringMatching(/^manifest\.json: the manifest is 1048584 bytes; a manifest may have at most 1048576$/),
    ]);
  });
});
