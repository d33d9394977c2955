import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileIdentity } from './copyRegularFile';
import { PACK_LIMITS } from '../../../common/pack/packLimits';
import { isClutter, nameCollisions, unsafeNameReason } from './entryName';
import type { PackProblem } from './packProblem';

export interface FolderFile {
  /** Relative path with forward slashes. */
  rel: string;
  size: number;
  /** `device:inode` at listing time (a string, so reports stay JSON): staging refuses a descriptor that is another file. */
  identity: string;
}

/**
 * Lists a pack folder's regular files without following links. Symbolic links and special files
 * are problems (a link on a USB stick could point anywhere on the kiosk); unsafe or colliding names
 * too, by the same rules as zip entries. Operating-system clutter is skipped.
 */
export function walkPackFolder(
  root: string,
  maxFiles: number = PACK_LIMITS.maxEntries,
): { files: FolderFile[]; skipped: string[]; problems: PackProblem[] } {
  const files: FolderFile[] = [];
  const skipped: string[] = [];
  const problems: PackProblem[] = [];
  const names: string[] = [];
  const visit = (relDir: string, depth: number): void => {
    let dirents;
    try {
      dirents = readdirSync(join(root, relDir), { withFileTypes: true });
    } catch (err) {
      problems.push({ file: relDir || '.', path: '', message: `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})` });
      return;
    }
    for (const d of dirents) {
      const rel = relDir ? `${relDir}/${d.name}` : d.name;
      if (isClutter(rel)) {
        skipped.push(rel);
        continue;
      }
      if (files.length + names.length > maxFiles * 2) {
        problems.push({ file: '.', path: '', message: `the folder holds more than ${maxFiles} files` });
        return;
      }
      const reason = unsafeNameReason(rel);
      if (reason) {
        problems.push({ file: rel, path: '', message: reason });
        continue;
      }
      const st = lstatSync(join(root, rel), { bigint: true });
      if (st.isSymbolicLink()) problems.push({ file: rel, path: '', message: 'symbolic links are refused' });
      else if (st.isDirectory()) {
        names.push(`${rel}/`);
        if (depth < 12) visit(rel, depth + 1);
      } else if (st.isFile()) {
        names.push(rel);
        files.push({ rel, size: Number(st.size), identity: fileIdentity(st) });
      } else problems.push({ file: rel, path: '', message: 'special files (devices, pipes, sockets) are refused' });
    }
  };
  visit('', 0);
  if (files.length > maxFiles)
    problems.push({ file: '.', path: '', message: `the pack holds ${files.length} files; at most ${maxFiles} are accepted` });
  for (const c of nameCollisions(names)) problems.push({ file: c.name, path: '', message: c.message });
  files.sort((a, b) => (a.rel < b.rel ? -1 : 1));
  return { files, skipped, problems };
}
