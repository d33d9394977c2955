import QRCode from 'qrcode';
import type { HourlyUsage, PrinterList, TakeawayStatus } from '../../../common/postcardContract';
import { HOUR_MS } from '../../../common/time';
import type { PostcardSettings } from '../../../common/postcardSettings';
import type { Db } from '../db/openDatabase';
import type { Logger } from '../logger';
import type { UsageCounter } from '../usageCounter';
import type { CardMime } from './cardImage';
import { createCardStore, type CardStore } from './cardStore';
import { createHourlyCap } from './hourlyCap';
import { advertisedAddress, resolveListenAddress } from './listenAddress';
import { createPdfPrinter } from './pdfPrinter';
import { createPrintQueue, type Printer, type PrintJob, type PrintQueue } from './printQueue';
import type { RateLimitOptions } from './rateLimiter';
import { startTakeawayServer, urlHost, type RunningTakeaway, type TakeawayRoute } from './takeawayServer';
import { alignmentCardPng } from './alignmentCard';

export interface PostcardLink {
  token: string;
  /** Null when the take-away server is turned off in the settings. */
  url: string | null;
  qrSvg: string | null;
  qrPngDataUrl: string | null;
  expiresAt: number;
  /** Whether the take-away server is listening right now. */
  online: boolean;
  /** Prints this card still allows (the 'postcard' setting printLimit minus the prints it used; 0 when printing is off). */
  printsLeft: number;
}

/**
 * What the operator screen and the health report say about the take-away server: 'off' (turned
 * off in the settings), 'stopped' (no shell started it, e.g. in a unit test), 'listening', or
 * 'failed' with the reason (an interface that does not exist, a port in use). Printing works in all four.
 */
export type { TakeawayStatus };

export interface PostcardServiceOptions {
  db: Db;
  /** `<dataDir>/postcards`. */
  dir: string;
  log: Logger;
  counter: UsageCounter;
  settings: () => PostcardSettings;
  timeZone: () => string;
  now?: () => number;
  sweepIntervalMs?: number;
  /** Other phone pages the take-away server serves beside the cards (the guide's remote). */
  takeawayRoutes?: TakeawayRoute;
}

export interface PostcardService {
  readonly store: CardStore;
  readonly queue: PrintQueue;
  /** The running take-away server, if a shell started it. */
  readonly takeaway: RunningTakeaway | null;
  /** Sweeps expired cards now and on a timer. Safe in unit tests: no network. */
  start(): void;
  stop(): void;
  /** For the shells: listens on the configured interface and port (a no-op when turned off). */
  startTakeaway(overrides?: { host?: string; port?: number; rateLimit?: RateLimitOptions }): Promise<RunningTakeaway | null>;
  stopTakeaway(): Promise<void>;
  /**
   * After the operator saved the settings: restarts the server if its interface, port, public URL
   * or on/off switch changed, and only if a shell started it. Never throws; a failure shows in `takeawayStatus()`.
   */
  restartTakeaway(): Promise<RunningTakeaway | null>;
  takeawayStatus(): TakeawayStatus;
  /**
   * Electron main plugs in its silent `webContents.print` printer here (the web host its CUPS/PDF
   * printer); the default writes PDFs. Setting it also resumes the jobs the last run left queued.
   */
  setPrinter(printer: Printer): void;
  readonly printerKind: string;
  /** The printers the operator can choose from (empty with a note where the shell cannot list them). */
  listPrinters(): Promise<PrinterList>;
  reserve(): Promise<PostcardLink>;
  /** Throws KioskError CONFLICT `hourly_limit` when this hour's cards are made (hourlyLimits.cards). */
  save(input: { bytes: Uint8Array; mime: CardMime; token?: string }): Promise<PostcardLink>;
  /** A visitor's print: within the card's print limit and this hour's (hourlyLimits.prints), else KioskError CONFLICT. */
  print(token: string): PrintJob;
  /** Cards made and visitor prints this hour against their limits (the operator screen). */
  hourlyUsage(): HourlyUsage;
}

/** The QR code as SVG text and as a PNG data URL (https://github.com/soldair/node-qrcode#api). */
export async function qrFor(url: string): Promise<{ qrSvg: string; qrPngDataUrl: string }> {
  // Level M (15 % recovery) keeps the modules large enough for old phone cameras at arm's length.
  const o = { errorCorrectionLevel: 'M' as const, margin: 2 };
  const [qrSvg, qrPngDataUrl] = await Promise.all([QRCode.toString(url, { ...o, type: 'svg' }), QRCode.toDataURL(url, { ...o, scale: 8 })]);
  return { qrSvg, qrPngDataUrl };
}

/** The postcard exhibit's services: card store and sweep, take-away server, print queue, counts. */
export function createPostcardService(opts: PostcardServiceOptions): PostcardService {
  const { log, counter } = opts;
  const now = opts.now ?? Date.now;
  const store = createCardStore({
    db: opts.db,
    dir: opts.dir,
    log,
    now,
    expiryMs: () => opts.settings().expiryHours * 3_600_000,
    sweepIntervalMs: opts.sweepIntervalMs,
  });
  let printer: Printer = createPdfPrinter(store, now);
  const queue = createPrintQueue({
    db: opts.db,
    store,
    printer: () => printer,
    settings: () => opts.settings(),
    testImage: () => alignmentCardPng(opts.settings().pageSize),
    log,
    now,
    onPrinted: () => counter.record('postcard.printed', 1, now()),
  });
  let takeaway: RunningTakeaway | null = null;
  // Seeded from the usage counter: a restart in the middle of an hour keeps that hour's count (prints: those done).
  const counted =
    (metric: string) =>
    (h: number): number =>
      counter.buckets(h, h + HOUR_MS, [metric]).reduce((n, b) => n + b.value, 0);
  const cardsCap = createHourlyCap({ what: 'cards', limit: () => opts.settings().hourlyLimits.cards, now, seed: counted('postcard.made') });
  const printsCap = createHourlyCap({
    what: 'prints',
    limit: () => opts.settings().hourlyLimits.prints,
    now,
    seed: counted('postcard.printed'),
  });

  /** The link's base: the running server's, else what the settings say it will be. */
  const baseUrl = (): string | null => {
    const t = opts.settings().takeaway;
    if (!t.enabled) return null;
    // Read live, so an operator's new public URL applies to the next card without a restart.
    if (t.publicBaseUrl) return t.publicBaseUrl;
    if (takeaway) return takeaway.publicBaseUrl;
    try {
      return `http://${urlHost(advertisedAddress(resolveListenAddress(t.interface)))}:${t.port}`;
    } catch {
      return null;
    }
  };

  const link = async (token: string, expiresAt: number, printsLeft: number): Promise<PostcardLink> => {
    const base = baseUrl();
    const url = base ? `${base}/c/${token}` : null;
    const qr = url ? await qrFor(url) : { qrSvg: null, qrPngDataUrl: null };
    return { token, url, ...qr, expiresAt, online: takeaway !== null, printsLeft };
  };

  type Overrides = { host?: string; port?: number; rateLimit?: RateLimitOptions };
  let lastOverrides: Overrides = {};
  let starting: Promise<RunningTakeaway | null> | null = null;
  /** A shell asked for the server (and has not stopped it): only then do settings changes restart it. */
  let wanted = false;
  let lastError: string | null = null;
  /** The take-away settings the running server was started with. */
  let runningWith = '';

  async function listen(overrides: Overrides): Promise<RunningTakeaway | null> {
    const t = opts.settings().takeaway;
    lastError = null;
    if (!t.enabled) return null;
    try {
      takeaway = await startTakeawayServer({
        store,
        host: overrides.host ?? resolveListenAddress(t.interface),
        port: overrides.port ?? t.port,
        publicBaseUrl: t.publicBaseUrl,
        log,
        now,
        rateLimit: overrides.rateLimit,
        timeZone: opts.timeZone(),
        onPickedUp: () => counter.record('postcard.picked_up', 1, now()),
        routes: opts.takeawayRoutes,
      });
    } catch (err) {
      lastError = (err as Error).message;
      log.warn('takeaway.start_failed', { error: lastError });
      throw err;
    }
    runningWith = JSON.stringify(t);
    return takeaway;
  }

  function startTakeaway(overrides: Overrides = {}): Promise<RunningTakeaway | null> {
    lastOverrides = overrides;
    wanted = true;
    if (takeaway) return Promise.resolve(takeaway);
    // Two shells' calls at once share one server.
    starting ??= listen(overrides).finally(() => {
      starting = null;
    });
    return starting;
  }

  async function closeServer(): Promise<void> {
    // No await unless a start is under way: on quit the server must be gone before the database closes.
    if (starting) await starting.catch(() => null);
    const t = takeaway;
    takeaway = null;
    await t?.close();
  }

  async function stopTakeaway(): Promise<void> {
    wanted = false;
    lastError = null;
    await closeServer();
  }

  async function restartTakeaway(): Promise<RunningTakeaway | null> {
    if (!wanted) return null;
    const t = opts.settings().takeaway;
    // Expiry or printer changes must not drop the phones that are downloading a card right now.
    if (takeaway && JSON.stringify(t) === runningWith) return takeaway;
    await closeServer();
    return startTakeaway(lastOverrides).catch(() => null);
  }

  function takeawayStatus(): TakeawayStatus {
    const t = opts.settings().takeaway;
    if (takeaway) return { state: 'listening', url: takeaway.url, publicBaseUrl: takeaway.publicBaseUrl, error: null };
    if (!t.enabled) return { state: 'off', url: null, publicBaseUrl: null, error: null };
    if (lastError) return { state: 'failed', url: null, publicBaseUrl: null, error: lastError };
    return { state: 'stopped', url: null, publicBaseUrl: null, error: null };
  }

  return {
    store,
    queue,
    get takeaway() {
      return takeaway;
    },
    start: () => store.start(),
    stop: () => {
      store.stop();
      // The database closes next: a page printing now stays 'printing' and is reported as interrupted at the next start.
      queue.stop();
    },
    startTakeaway,
    stopTakeaway,
    restartTakeaway,
    takeawayStatus,
    setPrinter(p) {
      printer = p;
      // Jobs left 'queued' by the last run print now, on the shell's printer rather than the default.
      queue.resume();
    },
    get printerKind() {
      return printer.kind;
    },
    async listPrinters() {
      if (!printer.printers) return { printers: [], note: `the ${printer.kind} printer cannot list printers` };
      try {
        return await printer.printers();
      } catch (err) {
        log.warn('postcards.list_printers_failed', { error: (err as Error).message });
        return { printers: [], note: `the printers could not be listed: ${(err as Error).message}` };
      }
    },
    async reserve() {
      const r = store.reserve();
      // A reserved or newly saved card has used none of its prints.
      return link(r.token, r.expiresAt, opts.settings().printLimit);
    },
    async save({ bytes, mime, token }) {
      cardsCap.check();
      const card = store.save({ bytes, mime, kind: 'card', token });
      cardsCap.record();
      counter.record('postcard.made', 1, now());
      return link(card.token, card.expiresAt, store.printsLeft(card.id, opts.settings().printLimit) ?? 0);
    },
    print(token) {
      printsCap.check();
      const job = queue.enqueue(token);
      printsCap.record();
      return job;
    },
    hourlyUsage() {
      const cards = cardsCap.view();
      const prints = printsCap.view();
      return {
        cards: { used: cards.used, limit: cards.limit },
        prints: { used: prints.used, limit: prints.limit },
        resetsAt: cards.resetsAt,
      };
    },
  };
}
