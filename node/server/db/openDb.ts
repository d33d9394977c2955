import { mkdirSync } from 'node:fs';
import type { Db } from './Db';
import { migrate } from './migrate';
import { openPgliteDb } from './openPgliteDb';
import { openPostgresDb } from './openPostgresDb';

/** PostgreSQL when `databaseUrl` is set, else PGlite in `dataDir`; migrated to the latest schema either way. */
export async function openDb(opts: { databaseUrl?: string | null; dataDir: string }): Promise<Db> {
  let db: Db;
  if (opts.databaseUrl) {
    db = openPostgresDb(opts.databaseUrl);
  } else {
    mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
    db = await openPgliteDb(`${opts.dataDir}/pgdata`);
  }
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}
