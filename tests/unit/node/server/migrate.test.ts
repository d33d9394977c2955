import { expect, it } from 'vitest';
import { migrate } from '../../../../node/server/db/migrate';
import { MIGRATIONS } from '../../../../node/server/db/migrations';
import { addKiosk, addStation } from '../../../../node/server/store/registry';
import { expectRollupsMatch } from './expectRollupsMatch';
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

  it("fill the stations' rollups from the buckets and kiosk days already stored", async () => {
    await db().exec('DROP TABLE station_hourly_totals; DROP TABLE station_daily_totals; DELETE FROM schema_migrations WHERE id = 3');
    await addStation(db(), { id: 'qhd', name: 'qhd' });
    for (const k of ['ka', 'kb']) await addKiosk(db(), { id: k, stationId: 'qhd', name: k });
    // Two kiosks, hours on both sides of a Shanghai midnight (16:00Z is 00:00 the next day there).
    await db().exec(`
      INSERT INTO buckets (station_id, kiosk_id, metric, hour, value, revision, received_at) VALUES
        ('qhd', 'ka', 'm', '2026-03-01T15:00:00Z', 4, 1, now()), ('qhd', 'ka', 'm', '2026-03-01T16:00:00Z', 6, 1, now()),
        ('qhd', 'kb', 'm', '2026-03-01T15:00:00Z', 5, 2, now()), ('qhd', 'kb', 'n', '2026-03-01T16:00:00Z', 1, 1, now());
      INSERT INTO daily_totals (station_id, day, metric, kiosk_id, value) VALUES
        ('qhd', '2026-03-01', 'm', 'ka', 4), ('qhd', '2026-03-02', 'm', 'ka', 6),
        ('qhd', '2026-03-01', 'm', 'kb', 5), ('qhd', '2026-03-02', 'n', 'kb', 1);
    `);
    expect(await migrate(db())).toEqual([3]);
    const days = await db().query<{ day: string; metric: string; value: string }>(
      'SELECT day::text AS day, metric, value::text AS value FROM station_daily_totals ORDER BY day, metric',
    );
    expect(days).toEqual([
      { day: '2026-03-01', metric: 'm', value: '9' },
      { day: '2026-03-02', metric: 'm', value: '6' },
      { day: '2026-03-02', metric: 'n', value: '1' },
    ]);
    await expectRollupsMatch(db());
  });
});
