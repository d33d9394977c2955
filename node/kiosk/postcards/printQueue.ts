import { randomBytes } from 'node:crypto';
import { KioskError } from '../../../common/contract';
import type { PrinterList } from '../../../common/postcardContract';
import type { PageSize } from '../../../common/postcardSettings';
import type { Db } from '../db/openDatabase';
import type { Logger } from '../logger';
import type { CardMime } from './cardImage';
import type { CardRecord, CardStore } from './cardStore';
import { createPrintJobStore, type PrintFailureReason, type PrintJob } from './printJobStore';
import { reprintBlock, reprintRefused, type ReprintBlock, type ReprintRefusal } from './reprint';

export type { PrintFailureReason, PrintJob, PrintStatus } from './printJobStore';

/** One page to print: the card image at the configured page size, turned to the image's orientation. */
export interface PrintRequest {
  jobId: string;
  image: Buffer;
  mime: CardMime;
  width: number;
  height: number;
  pageSize: PageSize;
  /** Empty: the system default printer. */
  printerName: string;
  /** A file name for printers that write a file; ties the output to its card for the expiry sweep. */
  outputName: string;
}

/**
 * What the shells plug in: Electron main a silent `webContents.print` to the configured printer
 * (https://www.electronjs.org/docs/latest/api/web-contents#contentsprintoptions-callback), the web
 * host the PDF printer. Throw a PrintError to say why a page did not print.
 */
export interface Printer {
  readonly kind: string;
  print(req: PrintRequest): Promise<{ output?: string }>;
  /** The printers the operator can choose from, where the shell can list them. */
  printers?(): Promise<PrinterList>;
}

export class PrintError extends Error {
  constructor(
    readonly reason: PrintFailureReason,
    message: string,
  ) {
    super(message);
    this.name = 'PrintError';
  }
}

/** Maps a driver's or Chromium's failure text (e.g. `webContents.print`'s failureReason) to a reason a visitor can act on. */
export function classifyPrintFailure(message: string): PrintFailureReason {
  if (/paper|media|纸/i.test(message)) return 'paper_out';
  if (/offline|not (?:available|found|connected)|no printer|unreachable|invalid (?:printer|device)|脱机/i.test(message))
    return 'printer_offline';
  return 'other';
}

export interface PrintQueueOptions {
  /** The kiosk database: jobs live in its `print_jobs` table (migration 5). */
  db: Db;
  store: CardStore;
  printer: () => Printer;
  settings: () => { printLimit: number; pageSize: PageSize; printerName: string };
  testImage: () => { image: Buffer; mime: CardMime; width: number; height: number };
  log: Logger;
  now?: () => number;
  /** Called when a visitor's card (not a test page) printed. */
  onPrinted?: () => void;
  /** Finished jobs remembered for the status screens. */
  keepFinished?: number;
  timeoutMs?: number;
}

export interface PrintQueue {
  /** Queues a print of the card behind `token`, counted against its limit; the job is on disk when this returns. */
  enqueue(token: string): PrintJob;
  enqueueTest(): PrintJob;
  /**
   * The operator's reprint of a failed job: a new job of the same card, linked to the old one (kept
   * as history). Not counted against the card's prints: the visitor's allowance is theirs, and the
   * operator decided. Throws KioskError NOT_FOUND / CONFLICT with `reason` (see reprint.ts).
   */
  reprint(jobId: string): PrintJob;
  /** Why `job` cannot be reprinted now, or null (for the operator's list). */
  reprintBlock(job: PrintJob): ReprintBlock | null;
  get(jobId: string): PrintJob | null;
  /** Oldest first. */
  list(): PrintJob[];
  /** Drops waiting and finished jobs (the one printing finishes); waiting prints are given back to their cards. */
  clear(): { removed: number };
  /** Starts printing the jobs left 'queued' by the last run (call once the shell's printer is in place). */
  resume(): void;
  /**
   * Stops taking jobs from the table (before the database closes). A page printing now is left
   * 'printing' in the table, and the next start reports it as interrupted.
   */
  stop(): void;
  /** Resolves when nothing is queued or printing. */
  idle(): Promise<void>;
}

const INTERRUPTED = 'the kiosk stopped while this page was printing; it may or may not have come out: check the printer tray';
const EXPIRED = 'the card expired and was deleted before its turn came; nothing was printed';

/** Tells a missing card file (swept meanwhile) from other read errors. */
const isMissing = (err: unknown): boolean => (err as NodeJS.ErrnoException | null)?.code === 'ENOENT';

/**
 * One printer, one page at a time, in order of arrival. Jobs live in SQLite (printJobStore.ts), the
 * per-card print count with the card, and both change in one transaction, so a crash never loses a
 * job or a print. At start-up a job left 'printing' is marked failed ('interrupted') rather than
 * printed again: the page may already be out, or still in the system spooler (CUPS keeps its
 * jobs across our restart), and a silent second print would waste a card nobody is there to take.
 * Its print stays counted (we do not know it failed); the operator sees it in the queue.
 */
export function createPrintQueue(opts: PrintQueueOptions): PrintQueue {
  const now = opts.now ?? Date.now;
  const keep = opts.keepFinished ?? 50;
  const jobs = createPrintJobStore(opts.db);
  let running: Promise<void> | null = null;
  let stopped = false;

  for (const j of jobs.list().filter((x) => x.status === 'printing')) {
    jobs.update(j.id, { status: 'failed', reason: 'interrupted', message: INTERRUPTED }, now());
    opts.log.warn('postcards.print_interrupted', { kind: j.kind, jobId: j.id });
  }

  const fail = (job: PrintJob, reason: PrintFailureReason, message: string): void => {
    opts.db.transaction(() => {
      jobs.update(job.id, { status: 'failed', reason, message }, now());
      // A page that never came out does not count against the visitor's limit. An operator's
      // reprint never took a print, so it has none to give back.
      if (job.cardId && reason !== 'interrupted' && !job.reprintOf) opts.store.releasePrint(job.cardId);
    })();
    opts.log.warn('postcards.print_failed', { kind: job.kind, reason, message });
  };

  /** The page's image: the test card, or the card file (null when the card expired or its file is gone). */
  const sourceOf = (job: PrintJob): ReturnType<PrintQueueOptions['testImage']> | null => {
    if (!job.cardId) return opts.testImage();
    const card: CardRecord | null = opts.store.byId(job.cardId);
    if (!card) return null;
    try {
      return { image: opts.store.read(card), mime: card.mime, width: card.width, height: card.height };
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  };

  const printOne = async (job: PrintJob): Promise<void> => {
    let src;
    try {
      src = sourceOf(job);
    } catch (err) {
      fail(job, 'other', `the card could not be read: ${(err as Error).message}`);
      return;
    }
    if (!src) {
      fail(job, 'card_expired', EXPIRED);
      return;
    }
    jobs.update(job.id, { status: 'printing' }, now());
    const st = opts.settings();
    let timer: NodeJS.Timeout | undefined;
    try {
      const outputName = job.cardId ? `${job.cardId}-${job.id}.pdf` : `test-${job.createdAt}-${job.id}.pdf`;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new PrintError('printer_offline', 'the printer did not answer in time')),
          opts.timeoutMs ?? 120_000,
        );
      });
      const out = await Promise.race([
        opts.printer().print({ jobId: job.id, ...src, pageSize: st.pageSize, printerName: st.printerName, outputName }),
        timeout,
      ]);
      if (stopped) return;
      jobs.update(job.id, { status: 'done', output: out.output ?? null }, now());
      opts.log.info('postcards.printed', { kind: job.kind, printer: opts.printer().kind });
      if (job.kind === 'card') opts.onPrinted?.();
    } catch (err) {
      if (stopped) return;
      const message = String((err as Error)?.message ?? err);
      fail(job, err instanceof PrintError ? err.reason : classifyPrintFailure(message), message);
    } finally {
      clearTimeout(timer);
    }
  };

  const pump = (): void => {
    if (running || stopped) return;
    running = (async () => {
      // Start on the next turn, so a caller sees its job 'queued' first.
      await new Promise<void>((r) => setImmediate(r));
      for (let j = stopped ? null : jobs.nextQueued(); j; j = stopped ? null : jobs.nextQueued()) await printOne(j);
      if (!stopped) jobs.prune(keep);
    })().finally(() => {
      running = null;
      // A job added between the loop's last look and this line would otherwise wait forever.
      if (!stopped && jobs.nextQueued()) pump();
    });
  };

  const newId = (): string => randomBytes(12).toString('base64url');

  return {
    enqueue(token) {
      const limit = opts.settings().printLimit;
      if (limit <= 0) throw new KioskError({ code: 'FORBIDDEN', message: 'printing is turned off on this kiosk' });
      // The print is counted and the job written in one transaction: both or neither.
      const job = opts.db.transaction(() => {
        const card = opts.store.reservePrint(token, limit);
        return jobs.insert({ id: newId(), kind: 'card', cardId: card.id, at: now() });
      })();
      pump();
      return job;
    },
    enqueueTest() {
      const job = jobs.insert({ id: newId(), kind: 'test', cardId: null, at: now() });
      pump();
      return job;
    },
    reprint(jobId) {
      // Check and insert in one transaction; the unique index on reprint_of (migration 6) is the last word.
      const job = opts.db.transaction(() => {
        const refuse = (reason: ReprintRefusal): KioskError => {
          opts.log.info('postcards.reprint_refused', { jobId, reason });
          return reprintRefused(reason);
        };
        const old = jobs.get(jobId);
        if (!old) throw refuse('unknown_job');
        const blocked = reprintBlock(old, opts.store);
        if (blocked) throw refuse(blocked);
        return jobs.insert({ id: newId(), kind: old.kind, cardId: old.cardId, at: now(), reprintOf: old.id });
      })();
      // Job ids only: the log never names a card or says anything about what is on it.
      opts.log.info('postcards.reprint_queued', { jobId: job.id, reprintOf: jobId });
      pump();
      return job;
    },
    reprintBlock: (job) => reprintBlock(job, opts.store),
    get: (jobId) => jobs.get(jobId),
    list: () => jobs.list(),
    clear() {
      const removed = opts.db.transaction(() => {
        const rows = jobs.removeAllButPrinting();
        for (const r of rows) if (r.status === 'queued' && r.cardId && !r.reprintOf) opts.store.releasePrint(r.cardId);
        return rows.length;
      })();
      opts.log.info('postcards.queue_cleared', { removed });
      return { removed };
    },
    resume() {
      stopped = false;
      pump();
    },
    stop() {
      stopped = true;
    },
    async idle() {
      while (running) await running;
    },
  };
}
