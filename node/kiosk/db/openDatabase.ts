import Database from 'better-sqlite3';
import { existsSync, renameSync } from 'node:fs';
import type { Logger } from '../logger';
import { ensurePrivateFile } from '../privateFiles';
import { MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  log: Logger;
  migrations?: readonly Migration[];
  now?: () => number;
}

/**
 * Opens the kiosk database the way a kiosk that may lose power at any moment needs it:
 * WAL journal with `synchronous=FULL` (https://www.sqlite.org/pragma.html#pragma_synchronous),
 * an integrity check at start, and every pending migration applied in its own transaction.
 *
 * The file is created owner-only (0600) before SQLite opens it: SQLite gives the -wal and -shm files
 * the database file's permissions (https://www.sqlite.org/tempfiles.html), so they are 0600 too.
 *
 * A file that is not a database or fails the check is moved aside (with its -wal and -shm) as
 * `kiosk.db.corrupt-<time>` and a fresh database is created in its place, with a log line. The
 * kiosk keeps running instead of crash-looping, and the damaged file stays for a technician.
 */
export function openDatabase(file: string, opts: OpenOptions): Db {
  const migrations = opts.migrations ?? MIGRATIONS;
  const now = opts.now ?? Date.now;
  try {
    ensurePrivateFile(file);
    return prepare(new Database(file), migrations);
  } catch (err) {
    if (!isCorruption(err)) throw err;
    const aside = `${file}.corrupt-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`;
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
    }
    opts.log.error('database.corrupt_moved_aside', { file, movedTo: aside, reason: String((err as Error).message) });
    ensurePrivateFile(file);
    return prepare(new Database(file), migrations);
  }
}

class CorruptDatabaseError extends Error {}

function isCorruption(err: unknown): boolean {
  if (err instanceof CorruptDatabaseError) return true;
  const code = (err as { code?: string } | null)?.code ?? '';
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT');
}

function prepare(db: Db, migrations: readonly Migration[]): Db {
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new CorruptDatabaseError(`integrity_check: ${String(check)}`);
    migrate(db, migrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Applies every migration above `PRAGMA user_version`, each atomically with its version bump. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.reduce((m, x) => Math.max(m, x.version), 0);
  if (current > latest) {
    throw new Error(`database schema version ${current} is newer than this kiosk knows (${latest}); refusing to touch it`);
  }
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
