import pg from 'pg';
import type { Db, Queryable } from './Db';

// bigint (int8, OID 20) and numeric sums (OID 1700) as JS numbers: every count here stays below 2^53
// (the protocol caps values at Number.MAX_SAFE_INTEGER). https://node-postgres.com/features/types
const INT8 = 20;
const NUMERIC = 1700;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** A node-postgres pool (https://node-postgres.com/apis/pool) from a connection string such as DATABASE_URL. */
export function openPostgresDb(connectionString: string, opts: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString, max: opts.max ?? 10, types });
  // An idle client that loses its connection emits 'error' on the pool; without a listener Node would crash.
  pool.on('error', () => undefined);
  const wrap = (c: pg.Pool | pg.PoolClient): Queryable => ({
    query: async <T>(sql: string, params: readonly unknown[] = []) => (await c.query(sql, [...params])).rows as T[],
    exec: async (sql: string) => {
      await c.query(sql);
    },
  });
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(fn) {
      // One client for the whole transaction (https://node-postgres.com/features/transactions).
      const client = await pool.connect();
      let broken: Error | undefined;
      // A checked-out client whose connection drops emits 'error' on itself (the pool listens only while it is
      // idle); unheard, that would end the process. The failed query rejects as well, and the client is dropped.
      const onError = (e: Error): void => void (broken = e);
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const out = await fn(wrap(client));
        await client.query('COMMIT');
        return out;
      } catch (err) {
        // A client whose ROLLBACK fails lost its connection (PostgreSQL restarted, network cut): releasing it with
        // the error destroys it, so the pool does not hand the dead connection to every later request.
        await client.query('ROLLBACK').catch((e: unknown) => (broken = e as Error));
        throw err;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
