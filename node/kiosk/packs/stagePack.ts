import { mkdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { PACK_LIMITS } from '../../../common/pack/packLimits';
import { copyRegularFile, CopyRefused } from './copyRegularFile';
import { PackError } from './packProblem';
import { readZip } from './readZip';
import { walkPackFolder } from './walkPackFolder';

/**
 * Copies a pack source (a .zip, or a folder such as one on a USB stick) into a fresh staging folder,
 * so that validation and activation work on a private copy that cannot change underneath them.
 * Folders get the same checks on names, links and sizes as archives; the content checks happen in
 * validatePack on the copy. On failure nothing is left in staging.
 */
export async function stagePack(source: string, stagingDir: string, maxFileBytes: number = PACK_LIMITS.maxAnyFileBytes): Promise<void> {
  let st;
  try {
    st = statSync(source);
  } catch {
    throw new PackError([{ file: basename(source), path: '', message: 'does not exist or cannot be read' }]);
  }
  if (st.isFile()) {
    if (!source.toLowerCase().endsWith('.zip'))
      throw new PackError([{ file: basename(source), path: '', message: 'a pack is a .zip file or a folder' }]);
    await readZip(source, stagingDir);
    return;
  }
  if (!st.isDirectory()) throw new PackError([{ file: basename(source), path: '', message: 'a pack is a .zip file or a folder' }]);
  const walk = walkPackFolder(source);
  const total = walk.files.reduce((n, f) => n + f.size, 0);
  for (const f of walk.files) {
    if (f.size > maxFileBytes)
      walk.problems.push({ file: f.rel, path: '', message: `holds ${f.size} bytes; at most ${maxFileBytes} are accepted` });
  }
  if (total > PACK_LIMITS.maxTotalBytes)
    walk.problems.push({
      file: '.',
      path: '',
      message: `the folder holds ${total} bytes; at most ${PACK_LIMITS.maxTotalBytes} are accepted`,
    });
  if (walk.problems.length) throw new PackError(walk.problems);
  mkdirSync(dirname(stagingDir), { recursive: true });
  mkdirSync(stagingDir);
  // The listing above looked at paths; the stick (or another local account) may swap a file for a link, a FIFO or a
  // bigger file before the copy. copyRegularFile re-checks everything on the open descriptor, against the listing.
  let budget = PACK_LIMITS.maxTotalBytes;
  for (const f of walk.files) {
    try {
      const target = join(stagingDir, f.rel);
      mkdirSync(dirname(target), { recursive: true });
      budget -= copyRegularFile(join(source, f.rel), target, { maxBytes: Math.min(maxFileBytes, budget), identity: f.identity });
    } catch (err) {
      rmSync(stagingDir, { recursive: true, force: true });
      const message = err instanceof CopyRefused ? err.reason : `could not be copied (${(err as Error).message})`;
      throw new PackError([{ file: f.rel, path: '', message }]);
    }
  }
}
