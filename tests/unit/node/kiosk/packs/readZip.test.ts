import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PackError, formatProblem } from '../../../../../node/kiosk/packs/packProblem';
import { DEFAULT_ZIP_LIMITS, readZip, type ZipLimits } from '../../../../../node/kiosk/packs/readZip';
import { jpegBytes, pngBytes, wavBytes, writeValidPackZip } from '../../../../fixtures/packs/makePack';
import { rawZip, type RawEntry } from '../../../../fixtures/packs/rawZip';

let work: string;
let staging: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'pack-zip-'));
  staging = join(work, 'packs', 'staging', 'one');
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const manifest: RawEntry = { name: 'manifest.json', data: Buffer.from('{"schemaVersion":1}') };
const zipOf = (entries: RawEntry[]): string => {
  const file = join(work, 'pack.zip');
  writeFileSync(file, rawZip(entries));
  return file;
};
/** Reads the zip expecting a refusal; returns the formatted problems and checks nothing was left anywhere. */
async function refused(entries: RawEntry[], limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<string[]> {
  const err = await readZip(zipOf(entries), staging, limits).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PackError);
  expect(existsSync(staging)).toBe(false);
  // Nothing was written next to the archive or the staging folder either.
  expect(readdirSync(work).sort()).toEqual(existsSync(join(work, 'packs')) ? ['pack.zip', 'packs'] : ['pack.zip']);
  if (existsSync(join(work, 'packs'))) expect(readdirSync(join(work, 'packs', 'staging'))).toEqual([]);
  return (err as PackError).problems.map(formatProblem);
}

describe('readZip', () => {
  it('extracts a pack built with yazl into the staging folder', async () => {
    const zip = await writeValidPackZip(join(work, 'good.zip'));
    const result = await readZip(zip, staging);
    expect(result.files.sort()).toEqual([
      'attract.jpg',
      'manifest.json',
      'panel/zh.wav',
      'wharf/cover.png',
      'wharf/en.opus',
      'wharf/p1.png',
      'wharf/zh.mp3',
    ]);
    expect(readFileSync(join(staging, 'wharf/cover.png'))).toEqual(readFileSync(join(`${zip}.src`, 'wharf/cover.png')));
  });

  it('accepts a pack inside one top folder and skips operating-system clutter', async () => {
    const result = await readZip(
      zipOf([
        { name: 'my-pack/manifest.json', data: manifest.data },
        { name: 'my-pack/a.png', data: pngBytes() },
        { name: '__MACOSX/my-pack/._a.png', data: Buffer.from('junk') },
      ]),
      staging,
    );
    expect(result).toEqual({ files: ['manifest.json', 'a.png'], skipped: ['__MACOSX/my-pack/._a.png'] });
    expect(readdirSync(staging).sort()).toEqual(['a.png', 'manifest.json']);
  });

  it('refuses path traversal, absolute paths, drive letters, backslashes and NUL, all reported at once', async () => {
    const p = await refused([
      manifest,
      { name: '../evil.png', data: pngBytes() },
      { name: 'a/../../evil2.png', data: pngBytes() },
      { name: '/etc/evil.png', data: pngBytes() },
      { name: 'C:/evil.png', data: pngBytes() },
      { name: 'a\\..\\evil.png', data: pngBytes() },
      { name: Buffer.from('evil\0.png'), data: pngBytes() },
    ]);
    expect(p).toEqual([
      '../evil.png: path contains ".."',
      'a/../../evil2.png: path contains ".."',
      '/etc/evil.png: absolute path',
      'C:/evil.png: file name starts with a drive letter',
      'a\\..\\evil.png: file name contains a backslash',
      'evil\0.png: file name contains a NUL character',
    ]);
    expect(existsSync(join(work, '..', 'evil.png'))).toBe(false);
  });

  it('refuses symbolic links and special files by their external attributes', async () => {
    const p = await refused([
      manifest,
      { name: 'link.png', data: Buffer.from('/etc/passwd'), unixMode: 0o120777 },
      { name: 'fifo.png', unixMode: 0o010644 },
    ]);
    expect(p).toEqual(['link.png: symbolic links are refused', 'fifo.png: special files (devices, pipes, sockets) are refused']);
  });

  it('refuses encrypted entries and unsupported compression', async () => {
    const p = await refused([
      manifest,
      { name: 'secret.png', data: pngBytes(), flags: 0x1 },
      { name: 'bz.png', data: pngBytes(), methodId: 12 },
    ]);
    expect(p).toEqual([
      'secret.png: the entry is encrypted; encrypted archives are refused',
      'bz.png: compression method 12 is not supported (only stored and deflate)',
    ]);
  });

  it('refuses duplicate names and names colliding by case, NFC/NFD or NFKC', async () => {
    const p = await refused([
      manifest,
      { name: 'a.png', data: pngBytes() },
      { name: 'a.png', data: pngBytes() },
      { name: 'B.png', data: pngBytes() },
      { name: 'b.png', data: pngBytes() },
      { name: 'caf\u00e9.png', data: pngBytes() },
      { name: 'cafe\u0301.png', data: pngBytes() },
      { name: '\ufb01le.png', data: pngBytes() },
      { name: 'FILE.png', data: pngBytes() },
      { name: 'Dir/x.png', data: pngBytes() },
      { name: 'dir/y.png', data: pngBytes() },
    ]);
    expect(p).toEqual([
      'a.png: the archive holds this name twice',
      'b.png: collides with "B.png" by case or Unicode normalisation',
      'cafe\u0301.png: collides with "caf\u00e9.png" by case or Unicode normalisation',
      'FILE.png: collides with "\ufb01le.png" by case or Unicode normalisation',
      'dir/y.png: folder "dir" collides with "Dir" by case or Unicode normalisation',
    ]);
  });

  it('refuses non-ASCII names not flagged UTF-8, and names flagged UTF-8 that are not', async () => {
    const p = await refused([
      manifest,
      { name: Buffer.from('caf\x82.png', 'latin1'), data: pngBytes() },
      { name: Buffer.from([0x61, 0xc3, 0x28, 0x2e, 0x70, 0x6e, 0x67]), flags: 0x800, data: pngBytes() },
    ]);
    expect(p).toEqual([
      'caf\x82.png: file name is not ASCII and not flagged as UTF-8 (re-create the zip with a UTF-8 aware tool)',
      expect.stringMatching(/: file name is flagged UTF-8 but is not valid UTF-8$/),
    ]);
  });

  it('refuses more entries than the cap before reading any of them', async () => {
    const entries = [manifest, ...Array.from({ length: 6 }, (_, i) => ({ name: `f${i}.png`, data: pngBytes() }))];
    expect(await refused(entries, { ...DEFAULT_ZIP_LIMITS, maxEntries: 5 })).toEqual([
      'pack.zip: the archive has 7 entries; at most 5 are accepted',
    ]);
  });

  it('refuses a zip bomb by the inflate ratio counted on the bytes actually inflated', async () => {
    const p = await refused([manifest, { name: 'silence.wav', data: Buffer.concat([wavBytes(0.1), Buffer.alloc(4 * 1024 * 1024)]) }]);
    expect(p).toEqual(['silence.wav: inflates more than 100 times its compressed size (zip bomb?)']);
  });

  it('refuses an entry whose header understates its size, stopping at the cap', async () => {
    const p = await refused([manifest, { name: 'big.wav', data: Buffer.alloc(3 * 1024 * 1024, 7), declaredSize: 100 }]);
    expect(p).toEqual([expect.stringMatching(/^big\.wav: inflates to more bytes than its header declares/)]);
  });

  it('counts the total on inflated bytes across entries', async () => {
    const data = () => Buffer.concat([wavBytes(0.1), Buffer.from(Array.from({ length: 600_000 }, (_, i) => (i * 7919) % 251))]);
    const limits = { ...DEFAULT_ZIP_LIMITS, maxTotalBytes: 1_000_000 };
    const p = await refused([manifest, { name: 'a.wav', data: data() }, { name: 'b.wav', data: data() }], limits);
    expect(p).toEqual(['pack.zip: inflates to more than 1000000 bytes in total']);
  });

  it('refuses entries whose declared size is over the per-file cap without inflating them', async () => {
    const p = await refused([manifest, { name: 'huge.json', data: Buffer.from('{}'), declaredSize: 2 * 1024 * 1024, method: 8 }]);
    expect(p).toEqual(['huge.json: declares 2097152 bytes; at most 1048576 are accepted for this file']);
  });

  it('refuses overlapping entries (several names over the same data)', async () => {
    const p = await refused([manifest, { name: 'a.png', data: pngBytes() }, { name: 'b.png', sameDataAs: 1 }]);
    expect(p).toEqual([expect.stringMatching(/^(a|b)\.png: the entry overlaps another one in the archive \(a zip-bomb trick\)$/)]);
  });

  it('refuses an oversized or non-UTF-8 manifest', async () => {
    expect(await refused([{ name: 'manifest.json', data: Buffer.from(`{"a":"${'x'.repeat(1024 * 1024)}"}`) }])).toEqual([
      'manifest.json: declares 1048584 bytes; at most 1048576 are accepted for this file',
    ]);
    expect(await refused([{ name: 'manifest.json', data: Buffer.from([0x7b, 0x7d, 0xc0]) }])).toEqual([
      'manifest.json: the file is not valid UTF-8 (save it as UTF-8)',
    ]);
    expect(await refused([{ name: 'a.png', data: pngBytes() }])).toEqual([
      'pack.zip: no manifest.json at the root of the archive (or in its one top folder)',
    ]);
  });

  it('refuses files whose content does not match their extension, and unknown extensions', async () => {
    const p = await refused([
      manifest,
      { name: 'photo.png', data: jpegBytes() },
      { name: 'photo.jpg', data: pngBytes() },
      { name: 'voice.mp3', data: wavBytes(0.1) },
      { name: 'voice.opus', data: Buffer.from('OggS not really') },
      { name: 'voice.wav', data: Buffer.from('RIFF....AVI LIST') },
      { name: 'clip.webm', data: Buffer.from('not a video at all') },
      { name: 'clip.mp4', data: Buffer.from('\0\0\0\x18moovxxxx') },
      { name: 'data.json', data: Buffer.from('{oops') },
      { name: 'subs.vtt', data: Buffer.from('1\n00:00.000 --> 00:01.000\nhi') },
      { name: 'notes.txt', data: Buffer.from([0x68, 0xff, 0x69]) },
    ]);
    expect(p).toEqual([
      'photo.png: the file is not a PNG image (wrong signature)',
      'photo.jpg: the file is not a JPEG image (wrong signature)',
      'voice.mp3: the file is not an MP3 file (no ID3 tag or MPEG frame at the start)',
      'voice.opus: the file is an Ogg file but not Ogg Opus (only Opus audio is accepted)',
      'voice.wav: the file is not a WAV file (no RIFF/WAVE header)',
      'clip.webm: the file is not a WebM video (no EBML header)',
      'clip.mp4: the file is not an MP4 video (no ftyp box)',
      expect.stringMatching(/^data\.json: the file is not valid JSON/),
      'subs.vtt: the file is not a WebVTT file (must start with "WEBVTT")',
      'notes.txt: the file is not valid UTF-8',
    ]);
    expect(
      await refused([manifest, { name: 'run.exe', data: Buffer.from('MZ') }, { name: 'pic.webp', data: Buffer.from('RIFF....WEBP') }]),
    ).toEqual(['run.exe: packs do not accept .exe files', 'pic.webp: packs do not accept .webp files']);
  });

  it('refuses a file that is not a zip', async () => {
    const file = join(work, 'pack.zip');
    writeFileSync(file, 'definitely not a zip');
    await expect(readZip(file, staging)).rejects.toThrow(/pack\.zip: not a readable zip archive/);
    expect(existsSync(staging)).toBe(false);
  });
});
