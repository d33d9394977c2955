import { KioskError } from '../../../common/contract';
import { PACK_BASE_URL } from '../../../common/pack/packContract';
import { PackError } from '../packs/packProblem';
import { PackStoreError } from '../packs/packStore';
import type { Services } from '../services';
import type { Handlers } from './dispatcher';

type PackHandlerNames = 'getActivePack' | 'getPackRevision' | 'listPacks' | 'importPack' | 'activatePack' | 'rollbackPack';

/** Turns the pack store's errors into the contract's typed errors (PACK_INVALID carries every problem). */
function asKioskError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw translate(err);
  }
}
function translate(err: unknown): unknown {
  if (err instanceof PackStoreError) return new KioskError({ code: err.code, message: err.message });
  if (err instanceof PackError) {
    return new KioskError({
      code: 'PACK_INVALID',
      message: `the pack was refused: ${err.problems.length} problem${err.problems.length === 1 ? '' : 's'}`,
      issues: err.problems.map((p) => ({ file: p.file, path: p.path, message: p.message })),
    });
  }
  return err;
}

/** Content-pack handlers, merged into createHandlers. */
export function createPackHandlers(s: Services): Pick<Handlers, PackHandlerNames> {
  return {
    getActivePack() {
      return { revision: s.packs.revision(), key: s.packs.activeKey(), baseUrl: PACK_BASE_URL, manifest: s.packs.active() };
    },
    getPackRevision() {
      return { revision: s.packs.revision(), key: s.packs.activeKey() };
    },
    listPacks() {
      return { packs: s.packs.list(), previewing: s.packs.previewing };
    },
    async importPack({ path }) {
      try {
        const entry = await s.packs.install(path);
        s.log.info('packs.imported', { key: entry.key });
        return entry;
      } catch (err) {
        if (err instanceof PackError) s.log.warn('packs.import_refused', { problems: err.problems.length });
        throw translate(err);
      }
    },
    activatePack({ key }) {
      return asKioskError(() => s.packs.activate(key));
    },
    rollbackPack() {
      return asKioskError(() => s.packs.rollback());
    },
  };
}
