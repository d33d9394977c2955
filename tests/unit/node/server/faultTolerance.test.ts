import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../../node/kiosk/logger';
import { UPLOAD_TOKEN } from '../../../../node/kiosk/secretStore';
import { createServices, type Services } from '../../../../node/kiosk/services';
import type { Db } from '../../../../node/server/db/Db';
import { migrate } from '../../../../node/server/db/migrate';
import { openPostgresDb } from '../../../../node/server/db/openPostgresDb';
import { listBuckets, totals } from '../../../../node/server/store/reads';
import { addKiosk, addStation, issueToken } from '../../../../node/server/store/registry';
import { findPostgresBin, startThrowawayPostgres, type ThrowawayPostgres } from '../../../fixtures/server/throwawayPostgres';
import { kioskBucketMap, seed } from '../../../fixtures/upload/kioskHarness';
import { expectRollupsMatch } from './expectRollupsMatch';

/**
 * The server killed with SIGKILL in the middle of the kiosks' batches, then PostgreSQL restarted as after a crash,
 * while 50 kiosks upload: afterwards the server's buckets and totals equal the kiosks' exactly. Real kiosk services
 * (their SQLite outbox, idempotency keys and uploader) against the real server as a child process
 * (`tsx node/server/cli/main.ts serve`) on its own throwaway PostgreSQL cluster (never the suite's shared one, which
 * other files use while this one restarts it). PostgreSQL only: PGlite lives inside the server process.
 */
const KIOSKS = 50;
const HOURS = 60; // 240 buckets per kiosk in batches of 40: 6 batches each, 300 batches in all
const ROOT = join(import.meta.dirname, '../../../..');

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!findPostgresBin() && process.env.CI !== 'true')(
  "fault tolerance: SIGKILL of the server and a PostgreSQL restart during 50 kiosks' uploads",
  () => {
    let pg: ThrowawayPostgres;
    let db: Db;
    let work: string;
    let port: number;
    let child: ChildProcess | null = null;
    const kiosks: Services[] = [];
    let stopped = false;

    const startChild = async (): Promise<ChildProcess> => {
      // `node --import tsx`, not the tsx wrapper: the wrapper runs the server in a second process that SIGKILL would miss.
      const c = spawn(process.execPath, ['--import', 'tsx', 'node/server/cli/main.ts', 'serve', '--port', String(port)], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: pg.url, SERVER_DATA_DIR: join(work, 'server'), ALERT_INTERVAL_SECONDS: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      c.stderr?.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
      await new Promise<void>((resolve, reject) => {
        c.stdout?.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('"server.listening"')) resolve();
        });
        c.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening: ${out}\n${err}`)));
      });
      return c;
    };
    const kill = async (c: ChildProcess): Promise<void> => {
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGKILL');
      await exited;
    };

    beforeAll(async () => {
      // Durable settings (fsync and synchronous_commit on, PostgreSQL's defaults): with synchronous_commit off an
      // immediate restart loses the last acknowledged commits, and this test then finds a batch missing.
      pg = (await startThrowawayPostgres({ durable: true })) as ThrowawayPostgres;
      db = openPostgresDb(pg.url, { max: 2 });
      await migrate(db);
      work = mkdtempSync(join(tmpdir(), 'server-fault-'));
      port = await freePort();
      await addStation(db, { id: 'qhd-wharf', name: '秦皇岛路码头' });
      for (let i = 0; i < KIOSKS; i++) {
        const kioskId = `kiosk-${String(i).padStart(2, '0')}`;
        await addKiosk(db, { id: kioskId, stationId: 'qhd-wharf', name: kioskId });
        const k = createServices({
          dataDir: join(work, kioskId),
          appVersion: '9.9.9-test',
          runtime: 'web',
          log: createMemoryLogger(),
          upload: { uploader: { batchSize: 40, requestTimeoutMs: 20_000 } },
        });
        k.settings.update({
          stationId: 'qhd-wharf',
          kioskId,
          upload: { url: `http://127.0.0.1:${port}`, enabled: true, intervalSeconds: 30 },
        });
        k.secrets.set(UPLOAD_TOKEN, await issueToken(db, kioskId));
        seed(k, HOURS);
        kiosks.push(k);
      }
    }, 180_000);
    afterAll(async () => {
      stopped = true;
      if (child && child.exitCode === null && child.signalCode === null) await kill(child);
      for (const k of kiosks) k.close();
      await db?.close();
      pg?.stop();
      if (work) rmSync(work, { recursive: true, force: true });
    });

    it('ends with server totals equal to kiosk totals, bucket by bucket', async () => {
      child = await startChild();
      let phase: 'running' | 'draining' = 'running';
      const failures = { count: 0, last: '' };
      // Each kiosk drives its real uploader until its outbox is empty and the drain phase has begun.
      const drive = async (k: Services): Promise<void> => {
        while (!stopped) {
          const r = await k.uploader.uploadNow();
          if (r.ok && r.backlog === 0 && phase === 'draining') return;
          if (!r.ok) {
            failures.count++;
            failures.last = JSON.stringify(r).slice(0, 400);
          }
          await sleep(r.ok ? 100 : 300);
        }
      };
      const done = Promise.all(kiosks.map(drive));

      // Mid-batch: some but not all of the buckets are in when the server is killed.
      const total = KIOSKS * HOURS * 4;
      const stored = async () => Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM buckets'))[0]?.n);
      for (let i = 0; (await stored()) < total * 0.15 && i < 600; i++) await sleep(100);
      const atKill = await stored();
      await kill(child);
      expect(atKill).toBeGreaterThan(0);
      expect(atKill).toBeLessThan(total);
      await sleep(1_000); // the kiosks' requests fail and stay in their outboxes

      child = await startChild();
      for (let i = 0; (await stored().catch(() => 0)) < Math.min(total * 0.5, atKill + 500) && i < 600; i++) await sleep(100);
      // PostgreSQL goes down as if it crashed (recovery from the WAL at start) while the kiosks keep uploading.
      pg.restart('immediate');
      phase = 'draining';
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        done,
        new Promise(
          (_, reject) =>
            (timer = setTimeout(() => reject(new Error(`the kiosks did not drain within 120 s; last failure: ${failures.last}`)), 120_000)),
        ),
      ]);
      clearTimeout(timer);

      const expected = new Map<string, number>();
      for (const k of kiosks) for (const [key, v] of kioskBucketMap(k)) expected.set(key, v);
      const fresh = openPostgresDb(pg.url, { max: 1 });
      try {
        const got = new Map((await listBuckets(fresh)).map((b) => [`${b.kioskId}|${b.metric}|${b.hour}`, b.value]));
        expect(got.size).toBe(total);
        expect(got).toEqual(expected);
        const kioskTotals: Record<string, number> = {};
        for (const [key, v] of expected) {
          const metric = key.split('|')[1] as string;
          kioskTotals[metric] = (kioskTotals[metric] ?? 0) + v;
        }
        expect(await totals(fresh, { stationId: 'qhd-wharf' })).toEqual(kioskTotals);
        // The daily rollups were kept in the same transactions: they add up to the same totals.
        const daily = await fresh.query<{ metric: string; v: number }>(
          'SELECT metric, sum(value)::int8 AS v FROM daily_totals GROUP BY metric',
        );
        expect(Object.fromEntries(daily.map((d) => [d.metric, Number(d.v)]))).toEqual(kioskTotals);
        // So were the station's hourly and daily rollups, written by 50 kiosks' uploads at once.
        await expectRollupsMatch(fresh);
        for (const k of kiosks) expect(k.outbox.backlog()).toBe(0);
      } finally {
        await fresh.close();
      }
      expect(failures.count).toBeGreaterThan(0); // the faults were felt
    }, 240_000);
  },
);
