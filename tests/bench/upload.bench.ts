// Benchmark: one year of hourly buckets for 20 metrics (~175,000 rows) uploaded to the
// reference receiver on loopback, and the dashboard's query time for a one-year range.
// Run with `npm run bench -- upload`. Prints medians and the machine they were measured on.
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { MetricName } from '../../common/metrics';
import { exportCsv } from '../../node/kiosk/dashboard/csvExport';
import { queryDashboard } from '../../node/kiosk/dashboard/dashboardQueries';
import { makeKiosk, makeReceiver, tempDir } from '../fixtures/upload/kioskHarness';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const HOURS = 365 * 24;
const METRICS = [
  'smile.entry.visitors',
  'smile.entry.smiling',
  'smile.exit.visitors',
  'smile.exit.smiling',
  ...Array.from({ length: 16 }, (_, i) => `bench.metric.m${String(i + 1).padStart(2, '0')}`),
] as MetricName[];
const START = Date.UTC(2025, 10, 22, 16); // local midnight 2025-11-23 in Shanghai

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const ms = (x: number): string => `${x.toFixed(0)} ms`;

async function main(): Promise<void> {
  const t = tempDir('bench-upload-');
  try {
    const kiosk = makeKiosk(join(t.dir, 'kiosk'), null);
    let t0 = performance.now();
    // Seeded with plain INSERTs (the counter's own cost per count is not what this measures).
    const kioskId = kiosk.settings.get().kioskId;
    const ins = kiosk.db.prepare('INSERT INTO usage_buckets (kiosk_id, metric, hour_start, value, revision) VALUES (?, ?, ?, ?, ?)');
    kiosk.db.transaction(() => {
      for (let h = 0; h < HOURS; h += 1)
        for (const [i, m] of METRICS.entries()) ins.run(kioskId, m, START + h * 3_600_000, 1 + ((h + i) % 17), 1 + (h % 3));
    })();
    const seedMs = performance.now() - t0;
    const rows = (kiosk.db.prepare('SELECT COUNT(*) AS n FROM usage_buckets').get() as { n: number }).n;
    console.log(`seeded ${rows} buckets in ${ms(seedMs)}`);

    const uploads: number[] = [];
    // CPU time (kiosk and in-process receiver together) does not depend on how busy the machine is.
    const uploadCpu: number[] = [];
    const queryCpu: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      // Re-queue everything (as after weeks offline) and upload to a fresh receiver.
      kiosk.db.exec('INSERT OR REPLACE INTO upload_outbox SELECT kiosk_id, metric, hour_start, revision, 0 FROM usage_buckets');
      const rx = await makeReceiver(join(t.dir, `receiver-${run}.db`));
      kiosk.settings.update({ upload: { url: rx.receiver.url, enabled: true, intervalSeconds: 300 } });
      t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const r = await kiosk.uploader.uploadNow();
      const took = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      uploadCpu.push((cpu.user + cpu.system) / 1000);
      if (!r.ok || r.backlog !== 0 || r.acknowledgedBuckets !== rows) throw new Error(`upload failed: ${JSON.stringify(r)}`);
      const totals = rx.store.totals();
      const kioskTotals = kiosk.counter.totals(0, Number.MAX_SAFE_INTEGER);
      if (
        JSON.stringify(totals) !== JSON.stringify(Object.fromEntries(Object.entries(kioskTotals).sort(([a], [b]) => a.localeCompare(b))))
      ) {
        throw new Error('receiver totals differ from the kiosk');
      }
      uploads.push(took);
      console.log(`upload run ${run + 1}: ${r.batches} batches, ${r.acknowledgedBuckets} buckets in ${ms(took)}`);
      await rx.close();
    }

    const queries: number[] = [];
    for (let run = 0; run < Math.max(5, RUNS); run += 1) {
      t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const d = queryDashboard(kiosk.db, '2025-11-23', '2026-11-22', 'Asia/Shanghai');
      queries.push(performance.now() - t0);
      const cpu = process.cpuUsage(cpu0);
      queryCpu.push((cpu.user + cpu.system) / 1000);
      if (d.series.points.length !== 365 || d.current.footfallIn === 0) throw new Error('unexpected dashboard result');
    }
    t0 = performance.now();
    const csv = exportCsv(kiosk.db, {
      from: '2025-11-23',
      to: '2026-11-22',
      folder: t.dir,
      timeZone: 'Asia/Shanghai',
      stationId: 'bench-station',
    });
    const csvMs = performance.now() - t0;
    kiosk.close();

    const cpu = cpus();
    console.log(
      '\nmachine:',
      `${cpu[0]?.model ?? 'unknown CPU'} x${cpu.length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}, load ${loadavg()
        .map((l) => l.toFixed(1))
        .join('/')}`,
    );
    console.log(
      `upload of ${rows} buckets (batches of 500, loopback, receiver in-process): median ${ms(median(uploads))} wall, ${ms(median(uploadCpu))} CPU, over ${uploads.length} runs (${Math.round(rows / (median(uploads) / 1000))} buckets/s)`,
    );
    console.log(
      `dashboard query, one-year range: median ${ms(median(queries))} wall, ${ms(median(queryCpu))} CPU, over ${queries.length} runs`,
    );
    console.log(`CSV export, one year (${csv.rows} rows, ${(csv.bytes / 2 ** 20).toFixed(1)} MiB): ${ms(csvMs)}`);
  } finally {
    t.cleanup();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
