import { randomBytes } from 'node:crypto';
import { KioskError } from '../../../common/contract';
import type { PrinterList } from '../../../common/postcardContract';
import type { PageSize } from '../../../common/postcardSettings';
import type { Logger } from '../logger';
import type { CardMime } from './cardImage';
import type { CardStore } from './cardStore';

export type PrintStatus = 'queued' | 'printing' | 'done' | 'failed';
export type PrintFailureReason = 'paper_out' | 'printer_offline' | 'other';

export interface PrintJob {
  id: string;
  kind: 'card' | 'test';
  status: PrintStatus;
  /** Set when `status` is 'failed'. */
  reason: PrintFailureReason | null;
  message: string | null;
  createdAt: number;
  updatedAt: number;
  /** Where the printer put its output, when it has one (the PDF printer's file). */
  output: string | null;
}

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
  if (/offline|not (?:available|found|connected)|no printer|unreachable|invalid (?:printer|device)|脱机/i.test(message)) return 'printer_offline';
  return 'other';
}

export interface PrintQueueOptions {
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
  /** Queues a print of the card behind `token`, counted against its limit. */
  enqueue(token: string): PrintJob;
  enqueueTest(): PrintJob;
  get(jobId: string): PrintJob | null;
  /** Oldest first. */
  list(): PrintJob[];
  /** Drops waiting and finished jobs (the one printing finishes); waiting prints are given back to their cards. */
  clear(): { removed: number };
  /** Resolves when nothing is queued or printing. */
  idle(): Promise<void>;
}

interface Entry {
  job: PrintJob;
  cardId: string | null;
  source: () => { image: Buffer; mime: CardMime; width: number; height: number };
}

/** One printer, one page at a time, in order. Jobs live in memory; the per-card print count lives with the card (SQLite). */
export function createPrintQueue(opts: PrintQueueOptions): PrintQueue {
  const now = opts.now ?? Date.now;
  const keep = opts.keepFinished ?? 50;
  const entries: Entry[] = [];
  let running: Promise<void> | null = null;

  const snapshot = (e: Entry): PrintJob => ({ ...e.job });
  const update = (e: Entry, patch: Partial<PrintJob>): void => {
    Object.assign(e.job, patch, { updatedAt: now() });
  };

  const prune = (): void => {
    const finished = entries.filter((e) => e.job.status === 'done' || e.job.status === 'failed');
    for (const e of finished.slice(0, Math.max(0, finished.length - keep))) entries.splice(entries.indexOf(e), 1);
  };

  const printOne = async (e: Entry): Promise<void> => {
    update(e, { status: 'printing' });
    const st = opts.settings();
    let timer: NodeJS.Timeout | undefined;
    try {
      const src = e.source();
      const outputName = e.cardId ? `${e.cardId}-${e.job.id}.pdf` : `test-${e.job.createdAt}-${e.job.id}.pdf`;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new PrintError('printer_offline', 'the printer did not answer in time')), opts.timeoutMs ?? 120_000);
      });
      const out = await Promise.race([opts.printer().print({ jobId: e.job.id, ...src, pageSize: st.pageSize, printerName: st.printerName, outputName }), timeout]);
      update(e, { status: 'done', output: out.output ?? null });
      opts.log.info('postcards.printed', { kind: e.job.kind, printer: opts.printer().kind });
      if (e.job.kind === 'card') opts.onPrinted?.();
    } catch (err) {
      const reason = err instanceof PrintError ? err.reason : classifyPrintFailure(String((err as Error)?.message ?? err));
      update(e, { status: 'failed', reason, message: String((err as Error)?.message ?? err) });
      // A page that never came out does not count against the visitor's limit.
      if (e.cardId) opts.store.releasePrint(e.cardId);
      opts.log.warn('postcards.print_failed', { kind: e.job.kind, reason, message: e.job.message });
    } finally {
      clearTimeout(timer);
    }
  };

  const pump = (): void => {
    if (running) return;
    running = (async () => {
      // Start on the next turn, so a caller sees its job 'queued' first.
      await new Promise<void>((r) => setImmediate(r));
      for (let e = entries.find((x) => x.job.status === 'queued'); e; e = entries.find((x) => x.job.status === 'queued')) await printOne(e);
      prune();
    })().finally(() => {
      running = null;
      // A job added between the loop's last look and this line would otherwise wait forever.
      if (entries.some((x) => x.job.status === 'queued')) pump();
    });
  };

  const add = (kind: PrintJob['kind'], cardId: string | null, source: Entry['source']): PrintJob => {
    const at = now();
    const job: PrintJob = { id: randomBytes(12).toString('base64url'), kind, status: 'queued', reason: null, message: null, createdAt: at, updatedAt: at, output: null };
    const e = { job, cardId, source };
    entries.push(e);
    pump();
    return snapshot(e);
  };

  return {
    enqueue(token) {
      const limit = opts.settings().printLimit;
      if (limit <= 0) throw new KioskError({ code: 'FORBIDDEN', message: 'printing is turned off on this kiosk' });
      const card = opts.store.reservePrint(token, limit);
      return add('card', card.id, () => ({ image: opts.store.read(card), mime: card.mime, width: card.width, height: card.height }));
    },
    enqueueTest() {
      return add('test', null, opts.testImage);
    },
    get(jobId) {
      const e = entries.find((x) => x.job.id === jobId);
      return e ? snapshot(e) : null;
    },
    list() {
      return entries.map(snapshot);
    },
    clear() {
      let removed = 0;
      for (const e of [...entries]) {
        if (e.job.status === 'printing') continue;
        if (e.job.status === 'queued' && e.cardId) opts.store.releasePrint(e.cardId);
        entries.splice(entries.indexOf(e), 1);
        removed++;
      }
      opts.log.info('postcards.queue_cleared', { removed });
      return { removed };
    },
    async idle() {
      while (running) await running;
    },
  };
}
