// `npm run bench:server`: ingest throughput of the station and district server over loopback, into embedded PGlite
// and into a throwaway real PostgreSQL (durable defaults: fsync and synchronous_commit on). 200 simulated kiosks,
// each with its own token, send batches of 500 buckets; a sweep over how many kiosks send at once shows where it
// saturates. Prints the median buckets/second of the runs per level. Not part of `npm test`.
// Environment: BENCH_RUNS (3), BENCH_BUCKETS per run (100000), BENCH_LEVELS (1,20,200), BENCH_DBS (pglite,postgres).
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { hourToWire } from '../../common/uploadProtocol';
import type { Db } from '../../node/server/db/Db';
import { migrate } from '../../node/server/db/migrate';
import { openPgliteDb } from '../../node/server/db/openPgliteDb';
import { openPostgresDb } from '../../node/server/db/openPostgresDb';
import { startServer } from '../../node/server/http/startServer';
import { createMemoryLog } from '../../node/server/log';
import { addKiosk, addStation, issueToken } from '../../node/server/store/registry';
import { pgliteTemplateFile } from '../fixtures/server/pgliteTemplate';
import { startThrowawayPostgres } from '../fixtures/server/throwawayPostgres';

const KIOSKS = 200;
const BATCH = 500;
const runs = Number(process.env.BENCH_RUNS ?? 3);
const perRun = Number(process.env.BENCH_BUCKETS ?? 100_000);
const levels = (process.env.BENCH_LEVELS ?? '1,20,200').split(',').map(Number);
const dbs = (process.env.BENCH_DBS ?? 'pglite,postgres').split(',');
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const T0 = Date.UTC(2025, 0, 1);

async function bench(name: string, db: Db): Promise<void> {
  await migrate(db);
  const kiosks: { id: string; station: string; token: string }[] = [];
  for (let s = 0; s < 10; s += 1) await addStation(db, { id: `st-${s}`, name: `station ${s}` });
  for (let k = 0; k < KIOSKS; k += 1) {
    const id = `kiosk-${k}`;
    const station = `st-${k % 10}`;
    await addKiosk(db, { id, stationId: station, name: id });
    kiosks.push({ id, station, token: await issueToken(db, id) });
  }
  const log = createMemoryLog();
  const server = await startServer({ db, log, rateLimit: { capacity: 1e9, refillPerSecond: 1e9 } });
  let round = 0;
  let retries = 0;
  try {
    for (const level of levels) {
      const rates: number[] = [];
      for (let run = 0; run < runs; run += 1) {
        round += 1;
        const batches = Math.ceil(perRun / BATCH);
        let next = 0;
        const started = performance.now();
        // `level` kiosks send at once; each takes the next batch as soon as its previous one is answered.
        await Promise.all(
          Array.from({ length: level }, async (_, lane) => {
            for (let i = next++; i < batches; i = next++) {
              const k = kiosks[(lane + i * level) % KIOSKS] as (typeof kiosks)[number];
              const buckets = Array.from({ length: BATCH }, (_, j) => ({
                kioskId: k.id,
                metric: `bench.r${round}.b${i}`,
                hour: hourToWire(T0 + j * 3_600_000),
                value: j + 1,
                revision: 1,
              }));
              const body = JSON.stringify({ protocol: 1, stationId: k.station, buckets });
              const send = () =>
                fetch(`${server.url}/v1/buckets`, {
                  method: 'POST',
                  headers: {
                    authorization: `Bearer ${k.token}`,
                    'content-type': 'application/json',
                    'idempotency-key': `bench-${round}-${i}`,
                  },
                  body,
                });
              // A kept-alive socket the server closes just as the client reuses it resets; the kiosk retries with
              // the same Idempotency-Key, and so does this (counted and printed).
              let res: Response | null = null;
              for (let attempt = 0; !res; attempt += 1) {
                try {
                  res = await send();
                } catch (err) {
                  if (attempt >= 3) throw err;
                  retries += 1;
                }
              }
              if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
              await res.arrayBuffer();
            }
          }),
        );
        const seconds = (performance.now() - started) / 1000;
        rates.push((batches * BATCH) / seconds);
      }
      console.log(
        `${name}: ${level} kiosks at once: median ${Math.round(median(rates))} buckets/s (runs: ${rates.map((r) => Math.round(r)).join(', ')}; ${perRun} buckets per run; network retries so far: ${retries})`,
      );
    }
  } finally {
    await server.close();
    if (log.lines.some((l) => l.level === 'error'))
      console.log(`${name}: server errors: ${JSON.stringify(log.lines.filter((l) => l.level === 'error').slice(0, 3))}`);
  }
}

console.log(`load before: ${execSync('uptime').toString().trim()}`);
if (dbs.includes('pglite')) {
  const db = await openPgliteDb(null, { loadDataDir: new Blob([readFileSync(await pgliteTemplateFile())]) });
  await bench('PGlite (in-process, memory)', db);
  await db.close();
}
if (dbs.includes('postgres')) {
  const pg = await startThrowawayPostgres({ durable: true });
  if (!pg) throw new Error('PostgreSQL (initdb, pg_ctl) not found: install Debian\'s "postgresql"');
  const db = openPostgresDb(pg.url, { max: 20 });
  try {
    const [v] = await db.query<{ server_version: string }>('SHOW server_version');
    await bench(`PostgreSQL ${v?.server_version ?? ''} (loopback, fsync on, pool of 20)`, db);
  } finally {
    await db.close();
    pg.stop();
  }
}
console.log(`load after: ${execSync('uptime').toString().trim()}`);
