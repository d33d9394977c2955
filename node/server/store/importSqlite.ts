import Database from 'better-sqlite3';
import { hourToWire } from '../../../common/uploadProtocol';
import type { Db } from '../db/Db';
import { applyBuckets } from './ingest';

export interface ImportReport {
  stationsCreated: string[];
  kiosksCreated: string[];
  buckets: number;
  heartbeatsAdded: number;
}

const CHUNK = 1000;

/**
 * One-time import of the old reference receiver's SQLite file (tables `buckets` and `heartbeats`). Idempotent: the
 * highest revision still wins (a bucket already held at that revision changes nothing, rollups included) and a
 * heartbeat already present (same kiosk, received and sent time) is not added again. Stations and kiosks the server
 * does not know are created, named after their id.
 */
export async function importSqlite(db: Db, file: string, now = new Date()): Promise<ImportReport> {
  const src = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const report: ImportReport = { stationsCreated: [], kiosksCreated: [], buckets: 0, heartbeatsAdded: 0 };
    const pairs = src
      .prepare('SELECT DISTINCT station_id AS s, kiosk_id AS k FROM buckets UNION SELECT DISTINCT station_id, kiosk_id FROM heartbeats')
      .all() as { s: string; k: string }[];
    for (const { s, k } of pairs) {
      if (
        (
          await db.query(
            "INSERT INTO stations (id, district_id, name) VALUES ($1, 'yangpu', $1) ON CONFLICT (id) DO NOTHING RETURNING id",
            [s],
          )
        ).length
      )
        report.stationsCreated.push(s);
      const owner = await db.query<{ station_id: string }>('SELECT station_id FROM kiosks WHERE id = $1', [k]);
      if (owner.length === 0) {
        await db.query('INSERT INTO kiosks (id, station_id, name) VALUES ($1, $2, $1)', [k, s]);
        report.kiosksCreated.push(k);
      } else if (owner[0]?.station_id !== s) {
        throw new Error(`kiosk ${k} belongs to station ${owner[0]?.station_id} here but to ${s} in ${file}: nothing imported for it`);
      }
    }
    const rows = src.prepare(
      'SELECT station_id AS s, kiosk_id AS k, metric, hour_start AS h, value, revision FROM buckets ORDER BY station_id, kiosk_id, hour_start',
    );
    let chunk: { s: string; k: string; metric: string; h: number; value: number; revision: number }[] = [];
    const flush = async (): Promise<void> => {
      if (chunk.length === 0) return;
      const first = chunk[0] as (typeof chunk)[number];
      const list = chunk;
      chunk = [];
      await db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`kiosk:${first.k}`]);
        await applyBuckets(
          tx,
          { stationId: first.s, kioskId: first.k },
          list.map((b) => ({ kioskId: b.k, metric: b.metric, hour: hourToWire(b.h), value: b.value, revision: b.revision })),
          now,
          Number.MAX_SAFE_INTEGER,
        );
      });
      report.buckets += list.length;
    };
    for (const r of rows.iterate() as Iterable<(typeof chunk)[number]>) {
      const first = chunk[0];
      if (first && (first.s !== r.s || first.k !== r.k || chunk.length >= CHUNK)) await flush();
      chunk.push(r);
    }
    await flush();
    const hbs = src.prepare('SELECT station_id AS s, kiosk_id AS k, received_at AS at, json FROM heartbeats ORDER BY id').all() as {
      s: string;
      k: string;
      at: number;
      json: string;
    }[];
    for (const hb of hbs) {
      const sentAt = (JSON.parse(hb.json) as { sentAt?: string }).sentAt ?? new Date(hb.at).toISOString();
      const added = await db.query(
        `INSERT INTO heartbeats (station_id, kiosk_id, received_at, sent_at, body)
         SELECT $1, $2, $3, $4, $5::jsonb
          WHERE NOT EXISTS (SELECT 1 FROM heartbeats WHERE kiosk_id = $2 AND received_at = $3 AND sent_at = $4)
         RETURNING id`,
        [hb.s, hb.k, new Date(hb.at), sentAt, hb.json],
      );
      report.heartbeatsAdded += added.length;
    }
    return report;
  } finally {
    src.close();
  }
}
