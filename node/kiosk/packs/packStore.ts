import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ManifestSchema, type Manifest } from '../../../common/pack/manifest';
import type { Logger } from '../logger';
import { fsyncDir } from './atomicWrite';
import { PackError } from './packProblem';
import { BUILTIN, EMPTY_POINTER, readPointer, writePointer, type PackPointer } from './packPointer';
import { stagePack } from './stagePack';
import { validatePack } from './validatePack';

/**
 * Installed content packs under `<dataDir>/packs/`:
 *   staging/p<pid>-<random>/        an install in progress (removed at start when its process is gone)
 *   store/<id>@<version>~<stamp>/   validated packs, never modified after the atomic rename into place
 *   active.json                     the pointer (packPointer.ts): the one atomic switch
 * An install stages, validates, renames into store/, then rewrites the pointer; a failure or a kill
 * at any point before the pointer is written leaves the old pack active. With nothing installed the
 * demo pack shipped with the app (resources/demo-pack) is used in place, as BUILTIN.
 */
export type InstallStep = 'staged' | 'validated' | 'stored' | 'activated';

export interface PackStoreOptions {
  packsDir: string;
  demoPackDir?: string | null;
  /** KIOSK_PACK_OVERRIDE: a folder served as the active pack, read-only (designer preview). */
  overrideDir?: string | null;
  log: Logger;
  now?: () => number;
  /** Called after each install step (the kill-in-the-middle tests stop the process here). */
  onInstallStep?: (step: InstallStep) => void;
  /** Stored packs kept besides the active and previous ones (the latest installed); default 2. */
  keepExtra?: number;
}

export interface PackEntry {
  key: string;
  id: string;
  version: string;
  date: string;
  title: Manifest['title'];
  active: boolean;
  previous: boolean;
  builtin: boolean;
}

export class PackStoreError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'CONFLICT',
    message: string,
  ) {
    super(message);
  }
}

export interface PackStore {
  activeDir(): string | null;
  active(): Manifest | null;
  /** The active pack's key (`id@version~stamp`, `builtin`, `preview`) or null. */
  activeKey(): string | null;
  /** Changes whenever the active pack changes, here or in another process (CLI install). */
  revision(): number;
  onChange(listener: () => void): () => void;
  list(): PackEntry[];
  install(source: string): Promise<PackEntry>;
  activate(key: string): PackEntry;
  rollback(): PackEntry;
  readonly previewing: boolean;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export function createPackStore(opts: PackStoreOptions): PackStore {
  const now = opts.now ?? Date.now;
  const log = opts.log;
  const stagingRoot = join(opts.packsDir, 'staging');
  const storeRoot = join(opts.packsDir, 'store');
  const pointerFile = join(opts.packsDir, 'active.json');
  const demoDir = opts.demoPackDir && existsSync(join(opts.demoPackDir, 'manifest.json')) ? opts.demoPackDir : null;
  const listeners = new Set<() => void>();
  const manifests = new Map<string, Manifest | null>();
  mkdirSync(stagingRoot, { recursive: true });
  mkdirSync(storeRoot, { recursive: true });

  const dirOf = (key: string): string | null =>
    key === BUILTIN ? demoDir : /^[a-z0-9-]+@[^/\\]+~[a-z0-9-]+$/.test(key) ? join(storeRoot, key) : null;
  const manifestOf = (key: string): Manifest | null => {
    if (manifests.has(key)) return manifests.get(key) ?? null;
    const dir = dirOf(key);
    let m: Manifest | null = null;
    if (dir) {
      try {
        m = ManifestSchema.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8').replace(/^\uFEFF/, '')));
      } catch (err) {
        log.error('packs.manifest_unreadable', { key, error: String(err).slice(0, 500) });
      }
    }
    manifests.set(key, m);
    return m;
  };

  // Start-up: stale staging of dead processes, temp pointer files, then the pointer itself.
  for (const name of readdirSync(stagingRoot)) {
    const pid = Number(/^p(\d+)-/.exec(name)?.[1]);
    // A live pid may be another process installing right now (the CLI); after a day it is a reused pid.
    const old = Date.now() - statSync(join(stagingRoot, name)).mtimeMs > 24 * 3600_000; // file times are wall-clock
    if (!pid || !isAlive(pid) || pid === process.pid || old) {
      rmSync(join(stagingRoot, name), { recursive: true, force: true });
      log.info('packs.stale_staging_removed', { name });
    }
  }
  for (const name of readdirSync(opts.packsDir))
    if (name.startsWith('active.json.tmp-')) rmSync(join(opts.packsDir, name), { force: true });

  let pointer: PackPointer = EMPTY_POINTER;
  let pointerStamp = '';
  const stampOf = (): string => {
    try {
      const st = statSync(pointerFile);
      return `${st.mtimeMs}:${st.size}:${st.ino}`;
    } catch {
      return 'none';
    }
  };
  const usable = (key: string | null): key is string => key !== null && manifestOf(key) !== null;
  const load = (): void => {
    pointerStamp = stampOf();
    const read = readPointer(pointerFile);
    if (!read) log.error('packs.pointer_unreadable', { file: pointerFile });
    pointer = read ?? EMPTY_POINTER;
  };
  let lastCheck = 0;
  const refresh = (): void => {
    if (now() - lastCheck < 500 && lastCheck !== 0) return;
    lastCheck = now();
    if (stampOf() === pointerStamp) return;
    load();
    listeners.forEach((fn) => fn());
  };
  load();

  /** The key in effect: the pointer's active pack, else its previous one, else the demo pack. */
  const effectiveKey = (): string | null => {
    if (opts.overrideDir) return 'preview';
    if (usable(pointer.active)) return pointer.active;
    if (usable(pointer.previous)) return pointer.previous;
    return usable(demoDir ? BUILTIN : null) ? BUILTIN : null;
  };

  const storedKeys = (): string[] =>
    readdirSync(storeRoot)
      .filter((n) => dirOf(n) !== null)
      .sort((a, b) => (a.split('~')[1]! < b.split('~')[1]! ? 1 : -1));

  const prune = (): void => {
    const others = storedKeys().filter((k) => k !== pointer.active && k !== pointer.previous);
    const keep = new Set([pointer.active, pointer.previous, ...others.slice(0, opts.keepExtra ?? 2)]);
    for (const name of readdirSync(storeRoot)) {
      if (keep.has(name)) continue;
      rmSync(join(storeRoot, name), { recursive: true, force: true });
      manifests.delete(name);
      log.info('packs.pruned', { name });
    }
  };
  prune();

  const entryOf = (key: string): PackEntry => {
    const m = manifestOf(key) as Manifest;
    const active = effectiveKey() === key;
    return {
      key,
      id: m.id,
      version: m.version,
      date: m.date,
      title: m.title,
      active,
      previous: pointer.previous === key,
      builtin: key === BUILTIN,
    };
  };

  const switchTo = (active: string | null, previous: string | null): void => {
    writePointer(pointerFile, { schema: 1, active, previous, revision: pointer.revision + 1 });
    load();
    prune();
    listeners.forEach((fn) => fn());
  };

  const assertNotPreview = (): void => {
    if (opts.overrideDir)
      throw new PackStoreError('CONFLICT', 'the kiosk is previewing a pack folder (KIOSK_PACK_OVERRIDE); packs cannot be changed');
  };

  let queue: Promise<unknown> = Promise.resolve();
  const install = async (source: string): Promise<PackEntry> => {
    assertNotPreview();
    const staging = join(stagingRoot, `p${process.pid}-${randomBytes(6).toString('hex')}`);
    try {
      await stagePack(source, staging);
      opts.onInstallStep?.('staged');
      const report = await validatePack(staging);
      if (!report.ok || !report.manifest) throw new PackError(report.problems);
      opts.onInstallStep?.('validated');
      const key = `${report.manifest.id}@${report.manifest.version}~${now().toString(36)}-${randomBytes(2).toString('hex')}`;
      renameSync(staging, join(storeRoot, key));
      fsyncDir(storeRoot);
      opts.onInstallStep?.('stored');
      refresh();
      const current = effectiveKey();
      switchTo(key, current === key ? pointer.previous : current);
      opts.onInstallStep?.('activated');
      log.info('packs.installed', { key });
      return entryOf(key);
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  };

  return {
    previewing: Boolean(opts.overrideDir),
    activeDir() {
      refresh();
      const key = effectiveKey();
      return key === 'preview' ? (opts.overrideDir as string) : key ? dirOf(key) : null;
    },
    active() {
      refresh();
      const key = effectiveKey();
      if (key !== 'preview') return key ? manifestOf(key) : null;
      try {
        return ManifestSchema.parse(
          JSON.parse(readFileSync(join(opts.overrideDir as string, 'manifest.json'), 'utf8').replace(/^\uFEFF/, '')),
        );
      } catch {
        return null;
      }
    },
    activeKey() {
      refresh();
      return effectiveKey();
    },
    revision() {
      refresh();
      return pointer.revision;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    list() {
      refresh();
      if (opts.overrideDir) return [];
      const keys = storedKeys().filter(usable);
      if (demoDir && usable(BUILTIN)) keys.push(BUILTIN);
      return keys.map(entryOf);
    },
    install(source) {
      const run = queue.then(() => install(source));
      queue = run.catch(() => undefined);
      return run;
    },
    activate(key) {
      assertNotPreview();
      refresh();
      if (!usable(key)) throw new PackStoreError('NOT_FOUND', `no installed pack "${key}"`);
      const current = effectiveKey();
      if (current !== key) switchTo(key, current);
      return entryOf(key);
    },
    rollback() {
      assertNotPreview();
      refresh();
      const current = effectiveKey();
      const back = pointer.previous;
      if (!usable(back) || back === current) throw new PackStoreError('CONFLICT', 'there is no previous pack to roll back to');
      switchTo(back, current);
      return entryOf(back);
    },
  };
}
