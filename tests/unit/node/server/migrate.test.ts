import { expect, it } from 'vitest';
import { migrate } from '../../../../node/server/db/migrate';
import { MIGRATIONS } from '../../../../node/server/db/migrations';
import { describeEachDb } from './testDb';

describeEachDb('migrations', (db) => {
  it('are applied once each, in order, and recorded', async () => {
    // testDb's beforeEach has migrated the empty schema already.
    expect(await migrate(db())).toEqual([]);
    const rows = await db().query<{ id: number }>('SELECT id FROM schema_migrations ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual(MIGRATIONS.map((m) => m.id));
    const next = { id: 999, name: 'test', sql: 'CREATE TABLE later_table (x int)' };
    expect(await migrate(db(), [...MIGRATIONS, next])).toEqual([999]);
    expect(await migrate(db(), [...MIGRATIONS, next])).toEqual([]);
  });

  it('roll a failing migration back whole, recording nothing', async () => {
    const broken = { id: 998, name: 'broken', sql: 'CREATE TABLE half_done (x int); SELECT no_such_function();' };
    await expect(migrate(db(), [...MIGRATIONS, broken])).rejects.toThrow(/no_such_function/);
    expect(await db().query('SELECT 1 FROM schema_migrations WHERE id = 998')).toEqual([]);
    expect(await db().query("SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'")).toEqual([]);
  });
});
