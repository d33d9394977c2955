// `npm run bench:server-queries`: how fast the console's station page (a year, against the year before) and district
// page (a month, against the month before) are built, exactly as their API answers them (stationDashboard,
// districtSummary), when the database holds a year of hourly buckets for a whole fleet. Generates BENCH_KIOSKS kiosks
// (1000) in stations of 50, one metric row per kiosk and hour for BENCH_DAYS days (365): 1000 x 8760 = 8.76 million
// buckets, plus the rollups ingest keeps (kiosk days, station hours, station days), all in SQL (generate_series) on a
// throwaway PostgreSQL with durable defaults (or DATABASE_URL, which it fills: use an empty database). Prints the
// median of BENCH_REPEATS (7) timings per page and EXPLAIN (ANALYZE, BUFFERS) of the slower page's largest read.
// Not part of `npm test`.
import { districtSummary } from '../../node/server/console/districtSummary';
import { stationDashboard } from '../../node/server/console/stationDashboard';
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
    INSERT INTO station_hourly_totals (station_id, hour, metric, value)
    SELECT station_id, hour, metric, sum(value) FROM buckets GROUP BY 1, 2, 3;
    INSERT INTO station_daily_totals (station_id, day, metric, value)
    SELECT station_id, day, metric, sum(value) FROM daily_totals GROUP BY 1, 2, 3;
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
      run: () => stationDashboard(db, 'st-001', '2025-01-01', '2025-12-31'),
      // Its largest read: every kiosk's totals for the two years, from the kiosks' daily rollups.
      sql: `SELECT kiosk_id, metric, day >= '2025-01-01'::date AS current, sum(value)::int8 AS value FROM daily_totals WHERE station_id = 'st-001' AND day >= '2024-01-01'::date AND day <= '2025-12-31'::date GROUP BY 1, 2, 3`,
    },
    {
      name: `district page, a month (${stations} stations)`,
      run: () => districtSummary(db, '2025-06-01', '2025-06-30'),
      sql: `SELECT station_id, day::text AS day, metric, value FROM station_daily_totals WHERE day >= '2025-05-02'::date AND day < '2025-07-01'::date`,
    },
  ];
  // The baseline, same run: the station page's two large reads as they would be summed from every kiosk's hourly
  // buckets (how the page read before the station rollups), without the rest of the page.
  const fromBuckets = [
    `SELECT kiosk_id, metric, hour >= '2024-12-31T16:00:00Z' AS current, sum(value)::int8 AS value FROM buckets WHERE station_id = 'st-001' AND hour >= '2023-12-31T16:00:00Z' AND hour < '2025-12-31T16:00:00Z' GROUP BY 1, 2, 3`,
    `SELECT hour, metric, sum(value)::int8 AS value FROM buckets WHERE station_id = 'st-001' AND hour >= '2024-12-31T16:00:00Z' AND hour < '2025-12-31T16:00:00Z' GROUP BY hour, metric`,
  ];
  const timed: { name: string; run: () => Promise<unknown>; sql: string }[] = [
    ...pages,
    {
      name: "baseline: the station page's two large reads summed from the hourly buckets",
      run: async () => {
        for (const q of fromBuckets) await db.query(q);
      },
      sql: fromBuckets[0] as string,
    },
  ];
  const results: { name: string; median: number; sql: string }[] = [];
  for (const p of timed) {
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
  const base = results.at(-1) as (typeof results)[number];
  process.stdout.write(`station page / baseline: ${((results[0] as (typeof results)[number]).median / base.median).toFixed(3)}\n`);
  const slowest = results.slice(0, -1).reduce((a, b) => (b.median > a.median ? b : a));
  process.stdout.write(`\nEXPLAIN (ANALYZE, BUFFERS) of the slower, ${slowest.name}:\n`);
  for (const r of await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${slowest.sql}`))
    process.stdout.write(`${r['QUERY PLAN']}\n`);
} finally {
  await db.close();
  pg?.stop();
}
