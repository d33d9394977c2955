import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Replaces `file` with `text` atomically: write a temporary file, fsync it, rename it over the
 * target (atomic on POSIX and on NTFS via MoveFileEx), then fsync the folder so the rename itself
 * survives a power cut. A crash leaves either the old or the new content, never a mix.
 */
export function atomicWriteFile(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  fsyncDir(dirname(file));
}

/** fsync a folder; Windows cannot open folders for fsync, where NTFS journals the rename anyway. */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    /* EPERM/EISDIR on Windows: nothing more can be done there */
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
