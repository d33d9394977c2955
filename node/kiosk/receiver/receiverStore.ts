import Database from 'better-sqlite3';
import { hourFromWire, hourToWire, type BucketBatch, type Heartbeat } from '../../../common/uploadProtocol';

export type ReceiverDb = Database.Database;

export interface StoredResponse {
  status: number;
  body: string;
}

export interface TotalsQuery {
  stationId?: string;
  kioskId?: string;
  /** ISO instants; `from <= hour < to`. */
  from?: string;
  to?: string;
}

export interface ReceiverStore {
  /** Stores a batch keeping the highest revision of each bucket; returns the ack body. */
  storeBatch(batch: BucketBatch, now: number): { accepted: { kioskId: string; metric: string; hour: string; revision: number }[] };
  storeHeartbeat(hb: Heartbeat, receivedAt: number): void;
  /** The stored answer for an idempotency key, or null. `bodyHash` differs -> 'mismatch'. */
  recall(key: string, bodyHash: string): StoredResponse | 'mismatch' | null;
  remember(key: string, bodyHash: string, res: StoredResponse, now: number): void;
  totals(q?: TotalsQuery): Record<string, number>;
  buckets(q?: TotalsQuery): { stationId: string; kioskId: string; metric: string; hour: string; value: number; revision: number }[];
  heartbeats(limit?: number): (Heartbeat & { receivedAt: string })[];
  /** Runs `fn` in one transaction (storing a batch and remembering its key: one commit, one fsync). */
  transaction<T>(fn: () => T): T;
  close(): void;
}

/** Idempotency keys are kept this long (a kiosk retries for hours, not months). */
const KEY_TTL_MS = 14 * 86_400_000;

/** SQLite storage of the reference receiver (https://github.com/WiseLibs/better-sqlite3/blob/master/docs/api.md). */
export function openReceiverStore(file: string): ReceiverStore {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS buckets (
      station_id TEXT NOT NULL, kiosk_id TEXT NOT NULL, metric TEXT NOT NULL,
      hour_start INTEGER NOT NULL, value INTEGER NOT NULL, revision INTEGER NOT NULL, received_at INTEGER NOT NULL,
      PRIMARY KEY (station_id, kiosk_id, metric, hour_start)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS idempotency (
      key TEXT PRIMARY KEY, body_hash TEXT NOT NULL, status INTEGER NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS heartbeats (
      id INTEGER PRIMARY KEY AUTOINCREMENT, station_id TEXT NOT NULL, kiosk_id TEXT NOT NULL, received_at INTEGER NOT NULL, json TEXT NOT NULL
    );
  `);
  // Keep the highest revision: an older or repeated revision changes nothing, so a retry never counts twice.
  const upsert = db.prepare(`
    INSERT INTO buckets (station_id, kiosk_id, metric, hour_start, value, revision, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (station_id, kiosk_id, metric, hour_start) DO UPDATE
      SET value = excluded.value, revision = excluded.revision, received_at = excluded.received_at
      WHERE excluded.revision > buckets.revision
  `);
  const held = db.prepare('SELECT revision FROM buckets WHERE station_id = ? AND kiosk_id = ? AND metric = ? AND hour_start = ?').pluck();
  const storeTx = db.transaction((batch: BucketBatch, now: number) =>
    batch.buckets.map((b) => {
      const h = hourFromWire(b.hour);
      upsert.run(batch.stationId, b.kioskId, b.metric, h, b.value, b.revision, now);
      return { kioskId: b.kioskId, metric: b.metric, hour: hourToWire(h), revision: held.get(batch.stationId, b.kioskId, b.metric, h) as number };
    }),
  );
  let lastPrune = 0;

  const where = (q: TotalsQuery = {}): { sql: string; args: (string | number)[] } => {
    const parts: string[] = [];
    const args: (string | number)[] = [];
    const add = (sql: string, v: string | number): void => {
      parts.push(sql);
      args.push(v);
    };
    if (q.stationId) add('station_id = ?', q.stationId);
    if (q.kioskId) add('kiosk_id = ?', q.kioskId);
    if (q.from) add('hour_start >= ?', Date.parse(q.from));
    if (q.to) add('hour_start < ?', Date.parse(q.to));
    return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', args };
  };

  return {
    storeBatch: (batch, now) => ({ accepted: storeTx(batch, now) }),
    storeHeartbeat(hb, receivedAt) {
      db.prepare('INSERT INTO heartbeats (station_id, kiosk_id, received_at, json) VALUES (?, ?, ?, ?)').run(hb.stationId, hb.kioskId, receivedAt, JSON.stringify(hb));
    },
    recall(key, bodyHash) {
      const r = db.prepare('SELECT body_hash AS bodyHash, status, body FROM idempotency WHERE key = ?').get(key) as
        | { bodyHash: string; status: number; body: string }
        | undefined;
      if (!r) return null;
      return r.bodyHash === bodyHash ? { status: r.status, body: r.body } : 'mismatch';
    },
    remember(key, bodyHash, res, now) {
      db.prepare('INSERT OR REPLACE INTO idempotency (key, body_hash, status, body, created_at) VALUES (?, ?, ?, ?, ?)').run(key, bodyHash, res.status, res.body, now);
      if (now - lastPrune > 3_600_000) {
        lastPrune = now;
        db.prepare('DELETE FROM idempotency WHERE created_at < ?').run(now - KEY_TTL_MS);
      }
    },
    totals(q) {
      const w = where(q);
      const rows = db.prepare(`SELECT metric, SUM(value) AS total FROM buckets ${w.sql} GROUP BY metric ORDER BY metric`).all(...w.args) as { metric: string; total: number }[];
      return Object.fromEntries(rows.map((r) => [r.metric, r.total]));
    },
    buckets(q) {
      const w = where(q);
      const rows = db
        .prepare(
          `SELECT station_id AS stationId, kiosk_id AS kioskId, metric, hour_start AS h, value, revision FROM buckets ${w.sql} ORDER BY hour_start, metric, kiosk_id`,
        )
        .all(...w.args) as { stationId: string; kioskId: string; metric: string; h: number; value: number; revision: number }[];
      return rows.map(({ h, ...r }) => ({ ...r, hour: hourToWire(h) }));
    },
    heartbeats(limit = 100) {
      const rows = db.prepare('SELECT received_at AS at, json FROM heartbeats ORDER BY id DESC LIMIT ?').all(limit) as { at: number; json: string }[];
      return rows.map((r) => ({ ...(JSON.parse(r.json) as Heartbeat), receivedAt: new Date(r.at).toISOString() }));
    },
    transaction: (fn) => db.transaction(fn)(),
    close: () => db.close(),
  };
}
