import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable } from './Db';

/**
 * The embedded database: PGlite keeps a real PostgreSQL data directory in `dataDir` (or in memory when null).
 * It is one single-user backend, so PGlite queues queries and transactions one after the other
 * (https://pglite.dev/docs/api#transaction); the first start of an empty folder runs initdb (tens of seconds on a
 * busy 2-core machine), later starts reopen it in a few.
 */
export async function openPgliteDb(dataDir: string | null, opts: { loadDataDir?: Blob } = {}): Promise<Db> {
  const pg = await PGlite.create({ ...(dataDir ? { dataDir } : {}), ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}) });
  const wrap = (q: { query: PGlite['query']; exec: PGlite['exec'] }): Queryable => ({
    query: async <T>(sql: string, params: readonly unknown[] = []) => (await q.query<T>(sql, [...params])).rows,
    exec: async (sql: string) => {
      await q.exec(sql);
    },
  });
  const base = wrap(pg);
  return {
    kind: 'pglite',
    ...base,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: () => pg.close(),
  };
}
