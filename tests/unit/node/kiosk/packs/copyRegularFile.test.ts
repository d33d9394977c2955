import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFromDescriptor, copyRegularFile, CopyRefused } from '../../../../../node/kiosk/packs/copyRegularFile';
import { PackError } from '../../../../../node/kiosk/packs/packProblem';
import { stagePack } from '../../../../../node/kiosk/packs/stagePack';
import { walkPackFolder } from '../../../../../node/kiosk/packs/walkPackFolder';
import { makeTempDir } from '../../../../fixtures/tempDir';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = makeTempDir('copy-regular-'));
});
afterEach(() => cleanup());

const refusal = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(CopyRefused);
    return (err as CopyRefused).reason;
  }
  throw new Error('the copy was not refused');
};

describe('copyRegularFile', () => {
  it('copies a regular file byte for byte', () => {
    writeFileSync(join(dir, 'a.png'), 'pixels');
    expect(copyRegularFile(join(dir, 'a.png'), join(dir, 'b.png'), { maxBytes: 100 })).toBe(6);
    expect(readFileSync(join(dir, 'b.png'), 'utf8')).toBe('pixels');
  });

  it('never follows a symbolic link, even one it was not told about', () => {
    writeFileSync(join(dir, 'secret.txt'), 'kiosk private data');
    symlinkSync(join(dir, 'secret.txt'), join(dir, 'story.txt'));
    expect(refusal(() => copyRegularFile(join(dir, 'story.txt'), join(dir, 'copy.txt'), { maxBytes: 1000 }))).toMatch(/symbolic links/);
    expect(existsSync(join(dir, 'copy.txt'))).toBe(false);
  });

  it('refuses a file swapped for a link, or for another file, after the folder was listed', () => {
    const src = join(dir, 'pack');
    mkdirSync(src);
    writeFileSync(join(src, 'a.txt'), 'listed');
    writeFileSync(join(src, 'b.txt'), 'listed');
    writeFileSync(join(dir, 'secret.txt'), 'kiosk private data');
    const [a, b] = walkPackFolder(src).files;
    // Between the listing and the copy: a.txt becomes a link, b.txt another file under the same name.
    rmSync(join(src, 'a.txt'));
    symlinkSync(join(dir, 'secret.txt'), join(src, 'a.txt'));
    writeFileSync(join(dir, 'other.txt'), 'swapped');
    renameSync(join(dir, 'other.txt'), join(src, 'b.txt'));
    expect(refusal(() => copyRegularFile(join(src, 'a.txt'), join(dir, 'a.out'), { maxBytes: 1000, identity: a!.identity }))).toMatch(
      /symbolic links/,
    );
    expect(refusal(() => copyRegularFile(join(src, 'b.txt'), join(dir, 'b.out'), { maxBytes: 1000, identity: b!.identity }))).toMatch(
      /replaced/,
    );
    expect(existsSync(join(dir, 'a.out')) || existsSync(join(dir, 'b.out'))).toBe(false);
  });

  it('refuses a FIFO without waiting for a writer', () => {
    expect(spawnSync('mkfifo', [join(dir, 'pipe.png')]).status).toBe(0);
    expect(refusal(() => copyRegularFile(join(dir, 'pipe.png'), join(dir, 'out.png'), { maxBytes: 1000 }))).toMatch(/special files/);
  });

  it('refuses a file over the cap by what the open descriptor says', () => {
    writeFileSync(join(dir, 'big.png'), Buffer.alloc(1001));
    expect(refusal(() => copyRegularFile(join(dir, 'big.png'), join(dir, 'out.png'), { maxBytes: 1000 }))).toMatch(
      /1001 bytes; at most 1000/,
    );
    expect(existsSync(join(dir, 'out.png'))).toBe(false);
  });

  it('refuses a file that grows after it was checked, reading at most one byte past the checked size', () => {
    const path = join(dir, 'growing.png');
    writeFileSync(path, Buffer.alloc(900));
    const fd = openSync(path, 'r');
    try {
      const checked = fstatSync(fd).size; // 900: within the cap of 1000
      appendFileSync(path, Buffer.alloc(50_000)); // then the file grows
      expect(refusal(() => copyFromDescriptor(fd, checked, join(dir, 'out.png'), 1000))).toMatch(/grew past the 900 bytes/);
      expect(existsSync(join(dir, 'out.png'))).toBe(false);
    } finally {
      closeSync(fd);
    }
  });

  it('refuses a file that shrinks after it was checked', () => {
    const path = join(dir, 'shrinking.png');
    writeFileSync(path, Buffer.alloc(900));
    const fd = openSync(path, 'r');
    try {
      const checked = fstatSync(fd).size;
      writeFileSync(path, Buffer.alloc(10));
      expect(refusal(() => copyFromDescriptor(fd, checked, join(dir, 'out.png'), 1000))).toMatch(/shrank/);
    } finally {
      closeSync(fd);
    }
  });
});

describe('stagePack from a folder', () => {
  it('refuses a file over the per-file cap and leaves nothing in staging', async () => {
    const src = join(dir, 'pack');
    mkdirSync(src);
    writeFileSync(join(src, 'manifest.json'), '{}');
    writeFileSync(join(src, 'big.png'), Buffer.alloc(2048));
    mkdirSync(join(dir, 'staging'));
    const err = await stagePack(src, join(dir, 'staging', 's1'), 1024).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PackError);
    expect((err as PackError).problems).toEqual([{ file: 'big.png', path: '', message: 'holds 2048 bytes; at most 1024 are accepted' }]);
    expect(readdirSync(join(dir, 'staging'))).toEqual([]);
  });

  it('copies a folder through the descriptor checks', async () => {
    const src = join(dir, 'pack');
    mkdirSync(join(src, 'img'), { recursive: true });
    writeFileSync(join(src, 'manifest.json'), '{}');
    writeFileSync(join(src, 'img', 'a.png'), 'png');
    await stagePack(src, join(dir, 'staging'));
    expect(readFileSync(join(dir, 'staging', 'img', 'a.png'), 'utf8')).toBe('png');
  });
});
