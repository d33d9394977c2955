import type { PRINT_FAILURE_REASONS, PRINT_STATUSES } from '../../../common/postcardContract';
import type { Db } from '../db/openDatabase';

export type PrintStatus = (typeof PRINT_STATUSES)[number];
/**
 * Why a page did not print. `paper_out`, `printer_offline`, `other`: from the printer.
 * `card_expired`: the card's link expired and its file was deleted before the page's turn came.
 * `interrupted`: the kiosk stopped (crash, power, restart) while the page was printing, so nobody knows whether it came out.
 */
export type PrintFailureReason = (typeof PRINT_FAILURE_REASONS)[number];

export interface PrintJob {
  id: string;
  kind: 'card' | 'test';
  /** The card a visitor's job prints (postcards.id); null for a test page. */
  cardId: string | null;
  status: PrintStatus;
  /** Set when `status` is 'failed'. */
  reason: PrintFailureReason | null;
  message: string | null;
  createdAt: number;
  updatedAt: number;
  /** Where the printer put its output, when it has one (the PDF printer's file). */
  output: string | null;
  /** The failed job this one reprints (an operator's reprint, migration 6); null for a visitor's print or a test page. */
  reprintOf: string | null;
  /** The operator's reprint of this job, once there is one (each failed job is reprinted once at most). */
  reprintedBy: string | null;
}

export interface PrintJobStore {
  /** Writes a new 'queued' job (committed before the caller answers anyone). */
  insert(job: { id: string; kind: PrintJob['kind']; cardId: string | null; at: number; reprintOf?: string | null }): PrintJob;
  update(id: string, patch: Partial<Pick<PrintJob, 'status' | 'reason' | 'message' | 'output'>>, at: number): void;
  get(id: string): PrintJob | null;
  /** Oldest first. */
  list(): PrintJob[];
  /** The oldest job still waiting. */
  nextQueued(): PrintJob | null;
  /** Removes every job that is not printing now; returns what was removed. */
  removeAllButPrinting(): PrintJob[];
  /** Keeps only the newest `keep` finished jobs. */
  prune(keep: number): void;
}

// `reprintedBy` is looked up, not stored: the reprint's own row (unique `reprint_of`) is the one record of it.
const COLUMNS =
  'id, kind, card_id AS cardId, status, reason, message, output, created_at AS createdAt, updated_at AS updatedAt, ' +
  'reprint_of AS reprintOf, (SELECT r.id FROM print_jobs r WHERE r.reprint_of = print_jobs.id) AS reprintedBy';

/**
 * The print queue's rows in SQLite (migration 5, table `print_jobs`), so a crash or restart loses
 * no job: the row is committed (WAL, synchronous=FULL: node/kiosk/db/openDatabase.ts) before the
 * visitor is told "queued", and every change of status is committed before the next step.
 * `seq` keeps the order of arrival even when two jobs share a millisecond.
 */
export function createPrintJobStore(db: Db): PrintJobStore {
  const insert = db.prepare(
    "INSERT INTO print_jobs (id, kind, card_id, status, created_at, updated_at, reprint_of) VALUES (@id, @kind, @cardId, 'queued', @at, @at, @reprintOf)",
  );
  const byId = db.prepare(`SELECT ${COLUMNS} FROM print_jobs WHERE id = ?`);
  const all = db.prepare(`SELECT ${COLUMNS} FROM print_jobs ORDER BY seq`);
  const next = db.prepare(`SELECT ${COLUMNS} FROM print_jobs WHERE status = 'queued' ORDER BY seq LIMIT 1`);
  const notPrinting = db.prepare(`SELECT ${COLUMNS} FROM print_jobs WHERE status <> 'printing' ORDER BY seq`);
  const remove = db.prepare('DELETE FROM print_jobs WHERE id = ?');
  const prune = db.prepare(
    "DELETE FROM print_jobs WHERE status IN ('done', 'failed') AND seq NOT IN (SELECT seq FROM print_jobs WHERE status IN ('done', 'failed') ORDER BY seq DESC LIMIT ?)",
  );

  const store: PrintJobStore = {
    insert({ id, kind, cardId, at, reprintOf = null }) {
      insert.run({ id, kind, cardId, at, reprintOf });
      return {
        id,
        kind,
        cardId,
        status: 'queued',
        reason: null,
        message: null,
        output: null,
        createdAt: at,
        updatedAt: at,
        reprintOf,
        reprintedBy: null,
      };
    },
    update(id, patch, at) {
      const fields = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      const sets = Object.keys(fields).map((k) => `${k} = @${k}`);
      // Keys come from the typed patch (status, reason, message, output), never from outside input.
      db.prepare(`UPDATE print_jobs SET ${[...sets, 'updated_at = @at'].join(', ')} WHERE id = @id`).run({ ...fields, id, at });
    },
    get(id) {
      return (byId.get(id) as PrintJob | undefined) ?? null;
    },
    list() {
      return all.all() as PrintJob[];
    },
    nextQueued() {
      return (next.get() as PrintJob | undefined) ?? null;
    },
    removeAllButPrinting() {
      return db.transaction(() => {
        const rows = notPrinting.all() as PrintJob[];
        for (const r of rows) remove.run(r.id);
        return rows;
      })();
    },
    prune(keep) {
      prune.run(keep);
    },
  };
  return store;
}
