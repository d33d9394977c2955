import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, inject } from 'vitest';
import type { Db } from '../../../../node/server/db/Db';
import { migrate } from '../../../../node/server/db/migrate';
import { openPgliteDb } from '../../../../node/server/db/openPgliteDb';
import { openPostgresDb } from '../../../../node/server/db/openPostgresDb';

export type DbKind = 'pglite' | 'postgres';

/**
 * Runs `body` once per database: embedded PGlite and the real PostgreSQL of globalSetup. Each file gets its own
 * database (a PGlite instance, a PostgreSQL database); every test starts on an empty, freshly migrated schema.
 */
export function describeEachDb(name: string, body: (db: () => Db, kind: DbKind) => void): void {
  for (const kind of ['pglite', 'postgres'] as const) {
    const pgUrl = inject('pgUrl');
    describe.skipIf(kind === 'postgres' && !pgUrl)(`${name} [${kind}]`, () => {
      let db: Db | null = null;
      let dropDatabase: (() => Promise<void>) | null = null;
      beforeAll(async () => {
        if (kind === 'pglite') {
          db = await openPgliteDb(null, { loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
        } else {
          const name = `t_${randomBytes(6).toString('hex')}`;
          const admin = new pg.Client({ connectionString: pgUrl as string });
          await admin.connect();
          await admin.query(`CREATE DATABASE ${name}`);
          await admin.end();
          const url = new URL(pgUrl as string);
          url.pathname = `/${name}`;
          db = openPostgresDb(url.toString());
          dropDatabase = async () => {
            const a = new pg.Client({ connectionString: pgUrl as string });
            await a.connect();
            await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            await a.end();
          };
        }
      }, 180_000);
      beforeEach(async () => {
        await db!.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
        await migrate(db!);
      });
      afterAll(async () => {
        await db?.close();
        await dropDatabase?.();
      });
      body(() => db as Db, kind);
    });
  }
}
