import { closeSync, constants, fstatSync, openSync, readSync, rmSync, writeSync, type BigIntStats } from 'node:fs';

/** A file of a pack folder that staging refused to copy; `reason` is a sentence for the operator. */
export class CopyRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'CopyRefused';
  }
}

/** `device:inode` of a file, from a bigint (l|f)stat: inode numbers can exceed 2^53. */
export function fileIdentity(st: BigIntStats): string {
  return `${st.dev}:${st.ino}`;
}

// O_NOFOLLOW makes open() fail with ELOOP when the last path component is a symbolic link, so a link swapped in
// after the listing is never followed (https://man7.org/linux/man-pages/man2/open.2.html). O_NONBLOCK keeps open()
// from hanging on a FIFO swapped in; the fstat below then refuses it. Windows has neither flag (both are undefined
// in fs.constants there, https://nodejs.org/api/fs.html#fs-open-constants): there the identity check below refuses
// a file replaced after the listing, and creating a symbolic link needs administrator rights or Developer Mode.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
const CHUNK = 1024 * 1024;

/**
 * Copies one file of a pack folder into staging without trusting the path twice: the source is opened once,
 * without following a link, and everything after that (type, size, identity, the bytes) comes from the open
 * descriptor. `identity` (from the listing's lstat) catches a file or a parent folder replaced in between;
 * `maxBytes` caps the bytes read, whatever the file claims. Returns the bytes copied. The target must not exist.
 */
export function copyRegularFile(source: string, target: string, opts: { maxBytes: number; identity?: string }): number {
  let fd: number;
  try {
    fd = openSync(source, OPEN_FLAGS);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // Linux and macOS say ELOOP for a final link under O_NOFOLLOW; FreeBSD says EMLINK.
    if (code === 'ELOOP' || code === 'EMLINK') throw new CopyRefused('symbolic links are refused');
    throw new CopyRefused(`cannot be read (${code ?? String(err)})`);
  }
  try {
    const st = fstatSync(fd, { bigint: true });
    checkOpened(st, opts);
    return copyFromDescriptor(fd, Number(st.size), target, opts.maxBytes);
  } finally {
    closeSync(fd);
  }
}

function checkOpened(st: BigIntStats, opts: { maxBytes: number; identity?: string }): void {
  if (!st.isFile()) throw new CopyRefused('special files (devices, pipes, sockets) are refused');
  if (opts.identity !== undefined && fileIdentity(st) !== opts.identity) {
    throw new CopyRefused('was replaced while the pack was being copied');
  }
  if (st.size > BigInt(opts.maxBytes)) throw new CopyRefused(`holds ${st.size} bytes; at most ${opts.maxBytes} are accepted`);
}

/**
 * Copies exactly `size` bytes (the fstat size, at most `maxBytes`) from an open descriptor into a new file.
 * It reads one byte past `size` to see whether the file grew after it was checked: a file that grew, or shrank,
 * is refused and the partial target removed, so no more than `maxBytes` + 1 bytes are ever read.
 */
export function copyFromDescriptor(fd: number, size: number, target: string, maxBytes: number): number {
  if (size > maxBytes) throw new CopyRefused(`holds ${size} bytes; at most ${maxBytes} are accepted`);
  const out = openSync(target, 'wx');
  let copied = 0;
  let ok = false;
  try {
    const buf = Buffer.allocUnsafe(Math.min(CHUNK, size + 1));
    for (;;) {
      // Never ask for more than one byte past the checked size.
      const want = Math.min(buf.length, size + 1 - copied);
      const n = readSync(fd, buf, 0, want, null);
      if (n === 0) break;
      if (copied + n > size) throw new CopyRefused(`grew past the ${size} bytes it held when checked`);
      writeSync(out, buf, 0, n);
      copied += n;
    }
    if (copied !== size) throw new CopyRefused(`shrank below the ${size} bytes it held when checked`);
    ok = true;
    return copied;
  } finally {
    closeSync(out);
    if (!ok) rmSync(target, { force: true });
  }
}
