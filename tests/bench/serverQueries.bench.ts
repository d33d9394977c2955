// `npm run bench:server-queries`: how fast the console's station page (a year) and district page (a month) read
// when the database holds a year of hourly buckets for a whole fleet. Generates BENCH_KIOSKS kiosks (1000) in
// stations of 50, one metric row per kiosk and hour for BENCH_DAYS days (365): 1000 x 8760 = 8.76 million buckets,
// plus the daily rollups ingest keeps, all in SQL (generate_series) on a throwaway PostgreSQL with durable defaults
// (or DATABASE_URL, which it fills: use an empty database). Prints the median of BENCH_REPEATS (7) timings per page and
// EXPLAIN (ANALYZE, BUFFERS) of the slower one. Not part of `npm test`.
import { stationDays, districtDays } from '../../node/server/console/consoleQueries';
import { migrate } from '../../node/server/db/migrate';
import { openPostgresDb } from '../../node/server/db/openPostgresDb';
import { startThrowawayPostgres } from '../fixtures/server/throwawayPostgres';

const KIOSKS = Number(process.env.BENCH_KIOSKS ?? 1000);
const DAYS = Number(process.env.BENCH_DAYS ?? 365);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 7);
const PER_STATION = 50;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const ms = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;

const pg = process.env.DATABASE_URL
  ? null
  : await startThrowawayPostgres({ durable: true, extra: ['-c shared_buffers=256MB', '-c max_wal_size=4GB'] });
const url = process.env.DATABASE_URL ?? pg?.url;
if (!url) throw new Error('no PostgreSQL: set DATABASE_URL or install postgresql (initdb, pg_ctl)');
const db = openPostgresDb(url, { max: 2 });
try {
  await migrate(db);
  const stations = Math.ceil(KIOSKS / PER_STATION);
  let t0 = process.hrtime.bigint();
  await db.query(
    `INSERT INTO stations (id, district_id, name) SELECT 'st-' || lpad(s::text, 3, '0'), 'yangpu', 'Station ' || s FROM generate_series(1, $1) s`,
    [stations],
  );
  await db.query(
    `INSERT INTO kiosks (id, station_id, name) SELECT 'k-' || lpad(k::text, 5, '0'), 'st-' || lpad((1 + (k - 1) / ${PER_STATION})::text, 3, '0'), 'Kiosk ' || k FROM generate_series(1, $1) k`,
    [KIOSKS],
  );
  // One metric per hour, cycling through the smile meter's four so both pages have something to add up.
  await db.exec(`
    INSERT INTO buckets (station_id, kiosk_id, metric, hour, value, revision, received_at)
    SELECT k.station_id, k.id,
           (ARRAY['smile.entry.visitors', 'smile.entry.smiling', 'smile.exit.visitors', 'smile.exit.smiling'])[1 + (h % 4)],
           timestamptz '2025-01-01 00:00:00+00' + h * interval '1 hour', 1 + (h * 7 + length(k.id)) % 13, 1, now()
      FROM kiosks k CROSS JOIN generate_series(0, ${DAYS * 24 - 1}) h;
    INSERT INTO daily_totals (station_id, day, metric, kiosk_id, value)
    SELECT b.station_id, (b.hour AT TIME ZONE 'Asia/Shanghai')::date, b.metric, b.kiosk_id, sum(b.value)
      FROM buckets b GROUP BY 1, 2, 3, 4;
  `);
  await db.exec('VACUUM ANALYZE');
  const rows = Number((await db.query<{ n: number }>('SELECT count(*) AS n FROM buckets'))[0]?.n);
  const daily = Number((await db.query<{ n: number }>('SELECT count(*) AS n FROM daily_totals'))[0]?.n);
  process.stdout.write(
    `generated ${rows.toLocaleString('en')} buckets and ${daily.toLocaleString('en')} daily rows (${KIOSKS} kiosks, ${stations} stations, ${DAYS} days) in ${(ms(t0) / 1000).toFixed(1)} s\n`,
  );

  const pages = [
    {
      name: `station page, a year (st-001, ${PER_STATION} kiosks)`,
      run: () => stationDays(db, 'st-001', '2025-01-01', '2026-01-01'),
      sql: `SELECT day::text AS day, metric, sum(value)::int8 AS value FROM daily_totals WHERE station_id = 'st-001' AND day >= '2025-01-01' AND day < '2026-01-01' AND metric LIKE 'smile.%' GROUP BY day, metric ORDER BY day`,
    },
    {
      name: `district page, a month (${stations} stations)`,
      run: () => districtDays(db, '2025-06-01', '2025-07-01'),
      sql: `SELECT d.station_id, s.name, d.day::text AS day, d.metric, sum(d.value)::int8 AS value FROM daily_totals d JOIN stations s ON s.id = d.station_id WHERE d.day >= '2025-06-01' AND d.day < '2025-07-01' GROUP BY d.station_id, s.name, d.day, d.metric ORDER BY d.station_id, d.day, d.metric`,
    },
  ];
  const results: { name: string; median: number; sql: string }[] = [];
  for (const p of pages) {
    await p.run(); // warm the cache once: the pages are read again and again
    const times: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      t0 = process.hrtime.bigint();
      await p.run();
      times.push(ms(t0));
    }
    results.push({ name: p.name, median: median(times), sql: p.sql });
    process.stdout.write(
      `${p.name}: median ${median(times).toFixed(1)} ms over ${REPEATS} (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)})\n`,
    );
  }
  const slowest = results.reduce((a, b) => (b.median > a.median ? b : a));
  process.stdout.write(`\nEXPLAIN (ANALYZE, BUFFERS) of the slower, ${slowest.name}:\n`);
  for (const r of await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${slowest.sql}`))
    process.stdout.write(`${r['QUERY PLAN']}\n`);
} finally {
  await db.close();
  pg?.stop();
}
