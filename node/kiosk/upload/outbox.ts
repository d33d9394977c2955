import type { Db } from '../db/openDatabase';
import type { Bucket, UsageCounter } from '../usageCounter';

/** A bucket waiting to be sent: its current value and revision, read from usage_buckets. */
export interface PendingBucket {
  kioskId: string;
  metric: string;
  hourStart: number;
  value: number;
  revision: number;
}

export interface AckedBucket {
  kioskId: string;
  metric: string;
  hourStart: number;
  revision: number;
}

export interface UploadState {
  lastAttemptAt: number | null;
  lastSuccessAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  consecutiveFailures: number;
  lastHeartbeatAt: number | null;
  bucketsAcknowledged: number;
}

export interface Outbox {
  /** Rows still to be acknowledged. */
  backlog(): number;
  /** Oldest pending buckets first (a kiosk back from weeks offline sends its history in order). */
  nextBatch(limit: number): PendingBucket[];
  dropOrphans(): number;
  /** Deletes each row whose acknowledged revision is at least its pending one; returns how many went. */
  acknowledge(acks: readonly AckedBucket[]): number;
  state(): UploadState;
  noteAttempt(at: number): void;
  noteSuccess(at: number): void;
  noteFailure(at: number, error: string): void;
  noteHeartbeat(at: number): void;
  /** The first rows, for the installer's command line. */
  peek(limit: number): { kioskId: string; metric: string; hourStart: number; revision: number; queuedAt: number }[];
}

/**
 * The transactional outbox (https://microservices.io/patterns/data/transactional-outbox.html):
 * every count upserts "bucket X must reach revision N" inside the counter's own transaction, so a
 * count is never recorded without being queued, whatever happens to the process afterwards.
 */
export function createOutbox(db: Db, counter: UsageCounter, now: () => number = Date.now): Outbox {
  const enqueue = db.prepare(`
    INSERT INTO upload_outbox (kiosk_id, metric, hour_start, revision, queued_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (kiosk_id, metric, hour_start) DO UPDATE SET revision = MAX(revision, excluded.revision)
  `);
  counter.onRecordInTransaction((b: Bucket) => {
    enqueue.run(b.kioskId, b.metric, b.hourStart, b.revision, now());
  });

  const batch = db.prepare(`
    SELECT o.kiosk_id AS kioskId, o.metric, o.hour_start AS hourStart, b.value, b.revision
    FROM upload_outbox o JOIN usage_buckets b
      ON b.kiosk_id = o.kiosk_id AND b.metric = o.metric AND b.hour_start = o.hour_start
    ORDER BY o.hour_start, o.metric, o.kiosk_id LIMIT ?
  `);
  const orphans = db.prepare(`
    DELETE FROM upload_outbox WHERE NOT EXISTS (SELECT 1 FROM usage_buckets b
      WHERE b.kiosk_id = upload_outbox.kiosk_id AND b.metric = upload_outbox.metric AND b.hour_start = upload_outbox.hour_start)
  `);
  const del = db.prepare('DELETE FROM upload_outbox WHERE kiosk_id = ? AND metric = ? AND hour_start = ? AND revision <= ?');
  const count = db.prepare('SELECT COUNT(*) AS n FROM upload_outbox');
  const ackTx = db.transaction((acks: readonly AckedBucket[]) => {
    let n = 0;
    for (const a of acks) n += del.run(a.kioskId, a.metric, a.hourStart, a.revision).changes;
    db.prepare('UPDATE upload_state SET buckets_acknowledged = buckets_acknowledged + ? WHERE id = 1').run(n);
    return n;
  });

  return {
    backlog: () => (count.get() as { n: number }).n,
    nextBatch: (limit) => batch.all(limit) as PendingBucket[],
    // A queued row without its bucket can only come from a hand-edited database; drop it rather than count it forever.
    dropOrphans: () => orphans.run().changes,
    acknowledge: (acks) => ackTx(acks),
    state() {
      const r = db
        .prepare(
          `SELECT last_attempt_at AS lastAttemptAt, last_success_at AS lastSuccessAt, last_error AS lastError, last_error_at AS lastErrorAt,
                  consecutive_failures AS consecutiveFailures, last_heartbeat_at AS lastHeartbeatAt, buckets_acknowledged AS bucketsAcknowledged
           FROM upload_state WHERE id = 1`,
        )
        .get() as UploadState | undefined;
      return (
        r ?? {
          lastAttemptAt: null,
          lastSuccessAt: null,
          lastError: null,
          lastErrorAt: null,
          consecutiveFailures: 0,
          lastHeartbeatAt: null,
          bucketsAcknowledged: 0,
        }
      );
    },
    noteAttempt: (at) => void db.prepare('UPDATE upload_state SET last_attempt_at = ? WHERE id = 1').run(at),
    noteSuccess: (at) => void db.prepare('UPDATE upload_state SET last_success_at = ?, consecutive_failures = 0 WHERE id = 1').run(at),
    noteFailure: (at, error) =>
      void db
        .prepare('UPDATE upload_state SET last_error = ?, last_error_at = ?, consecutive_failures = consecutive_failures + 1 WHERE id = 1')
        .run(error.slice(0, 500), at),
    noteHeartbeat: (at) => void db.prepare('UPDATE upload_state SET last_heartbeat_at = ? WHERE id = 1').run(at),
    peek: (limit) =>
      db
        .prepare(
          'SELECT kiosk_id AS kioskId, metric, hour_start AS hourStart, revision, queued_at AS queuedAt FROM upload_outbox ORDER BY hour_start, metric LIMIT ?',
        )
        .all(limit) as { kioskId: string; metric: string; hourStart: number; revision: number; queuedAt: number }[],
  };
}
