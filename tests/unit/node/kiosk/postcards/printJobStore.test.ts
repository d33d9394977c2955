import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KioskError } from '../../../../../common/contract';
import { POSTCARD_SETTINGS_DEFAULT } from '../../../../../common/postcardSettings';
import { openDatabase, type Db } from '../../../../../node/kiosk/db/openDatabase';
import { createMemoryLogger } from '../../../../../node/kiosk/logger';
import { createCardStore, type CardStore } from '../../../../../node/kiosk/postcards/cardStore';
import { createPrintJobStore } from '../../../../../node/kiosk/postcards/printJobStore';
import { createPrintQueue, type Printer, type PrintQueue, type PrintRequest } from '../../../../../node/kiosk/postcards/printQueue';
import { makeJpeg, makePng } from '../../../../fixtures/postcards/cardImages';
import { makeTempDir } from '../../../../fixtures/tempDir';

/**
 * The print queue's jobs survive a crash or restart (SQLite, migration 5): each "run" of the kiosk
 * opens the same database file, builds the card store and the queue on it, and is cut off with
 * stop() + close() the way a crash leaves it (a page in the printer is never answered).
 */
const HOUR = 3_600_000;
let dir: string;
let cleanup: () => void;
let clock: number;
let limit: number;
let printed: number;

interface Run {
  db: Db;
  store: CardStore;
  queue: PrintQueue;
  pages: PrintRequest[];
  /** Finishes the page the printer is holding. */
  finish(): void;
  crash(): void;
}

/** Starts the kiosk on the data folder; `hold` keeps each page in the printer until finish(). */
function run(hold = false): Run {
  const log = createMemoryLogger();
  const db = openDatabase(join(dir, 'kiosk.db'), { log, now: () => clock });
  const store = createCardStore({ db, dir: join(dir, 'postcards'), log, now: () => clock, expiryMs: () => 24 * HOUR });
  const pages: PrintRequest[] = [];
  let release: (() => void) | null = null;
  const printer: Printer = {
    kind: 'test',
    print: (req) => {
      pages.push(req);
      return hold
        ? new Promise((resolve) => (release = () => resolve({ output: `paper:${req.jobId}` })))
        : Promise.resolve({ output: `paper:${req.jobId}` });
    },
  };
  const queue = createPrintQueue({
    db,
    store,
    printer: () => printer,
    settings: () => ({ ...POSTCARD_SETTINGS_DEFAULT, printLimit: limit }),
    testImage: () => ({ image: makePng(148, 100), mime: 'image/png', width: 148, height: 100 }),
    log,
    now: () => clock,
    onPrinted: () => printed++,
    timeoutMs: 60_000,
  });
  return {
    db,
    store,
    queue,
    pages,
    finish: () => release?.(),
    crash() {
      queue.stop();
      db.close();
    },
  };
}

const untilPage = async (r: Run, n: number): Promise<void> => {
  for (let i = 0; i < 400 && r.pages.length < n; i++) await new Promise((res) => setTimeout(res, 5));
  expect(r.pages).toHaveLength(n);
};

let current: Run | null = null;
beforeEach(() => {
  const t = makeTempDir();
  dir = t.dir;
  cleanup = t.cleanup;
  clock = Date.UTC(2026, 4, 1, 2, 0, 0);
  limit = 2;
  printed = 0;
});
afterEach(async () => {
  if (current?.db.open) {
    // Let a page still in the printer finish, so nothing reaches a closed database.
    current.queue.stop();
    for (let i = 0; i < 100 && current.queue.list().some((j) => j.status === 'printing'); i++) {
      current.finish();
      await new Promise((r) => setTimeout(r, 5));
    }
    current.finish();
    await current.queue.idle();
    current.db.close();
  }
  current = null;
  cleanup();
});

describe('durable print queue', () => {
  it('has the job on disk before enqueue returns: another connection sees it queued', () => {
    current = run(true);
    const card = current.store.save({ bytes: makeJpeg(296, 200), mime: 'image/jpeg' });
    const job = current.queue.enqueue(card.token);
    // A second connection reads only committed data (WAL): what a restart would find.
    const other = new Database(join(dir, 'kiosk.db'), { readonly: true });
    try {
      expect(other.prepare('SELECT id, kind, card_id AS cardId, status FROM print_jobs').all()).toEqual([
        { id: job.id, kind: 'card', cardId: card.id, status: 'queued' },
      ]);
      expect(other.prepare('SELECT prints_used AS n FROM postcards WHERE id = ?').get(card.id)).toEqual({ n: 1 });
    } finally {
      other.close();
    }
  });

  it('after a crash: the page that was printing is failed as interrupted (still counted), the waiting ones print on resume', async () => {
    const first = run(true);
    const card = first.store.save({ bytes: makeJpeg(296, 200), mime: 'image/jpeg' });
    const a = first.queue.enqueue(card.token);
    const b = first.queue.enqueue(card.token);
    const test = first.queue.enqueueTest();
    await untilPage(first, 1);
    expect(first.queue.get(a.id)?.status).toBe('printing');
    first.crash();

    clock += 60_000;
    current = run();
    const { queue, store } = current;
    expect(queue.list().map((j) => [j.id, j.status, j.reason])).toEqual([
      [a.id, 'failed', 'interrupted'],
      [b.id, 'queued', null],
      [test.id, 'queued', null],
    ]);
    expect(queue.get(a.id)?.message).toMatch(/may or may not have come out/);
    // Nobody knows whether page a came out: its print stays counted, so the card has none left.
    expect(store.printsLeft(card.id, limit)).toBe(0);
    expect(current.pages).toHaveLength(0); // nothing prints before the shell's printer is in place
    queue.resume();
    await untilPage(current, 2);
    await queue.idle();
    expect(queue.get(b.id)).toMatchObject({ status: 'done', output: `paper:${b.id}` });
    expect(queue.get(test.id)?.status).toBe('done');
    expect(current.pages[0]!.image.equals(store.read(store.byId(card.id)!))).toBe(true);
    expect(current.pages[0]!.outputName).toBe(`${card.id}-${b.id}.pdf`);
    expect(printed).toBe(1); // b only: a was interrupted, the test page is not a visitor print
  });

  it('the operator reprints the interrupted page after the restart: once, though the card has no visitor prints left', async () => {
    const first = run(true);
    const card = first.store.save({ bytes: makeJpeg(296, 200), mime: 'image/jpeg' });
    const a = first.queue.enqueue(card.token);
    first.queue.enqueue(card.token);
    await untilPage(first, 1);
    first.crash();

    current = run();
    const { queue, store } = current;
    expect(queue.get(a.id)).toMatchObject({ status: 'failed', reason: 'interrupted', reprintedBy: null });
    expect(store.printsLeft(card.id, limit)).toBe(0);
    const again = queue.reprint(a.id);
    queue.resume();
    await untilPage(current, 2); // the waiting visitor page, then the reprint
    await queue.idle();
    expect(current.pages.map((p) => p.jobId)).toEqual([queue.list()[1]!.id, again.id]);
    expect(queue.get(again.id)).toMatchObject({ status: 'done', reprintOf: a.id });
    expect(queue.get(a.id)).toMatchObject({ status: 'failed', reason: 'interrupted', reprintedBy: again.id });
    expect(store.printsLeft(card.id, limit)).toBe(0);
    // The link is on disk, and the table itself refuses a second reprint of the same job.
    const jobs = createPrintJobStore(current.db);
    expect(() => jobs.insert({ id: 'twice', kind: 'card', cardId: card.id, at: clock, reprintOf: a.id })).toThrow(/UNIQUE constraint/);
  });

  it('a job whose card expired and was swept while the kiosk was off fails with a clear reason, and prints nothing', async () => {
    const first = run(true);
    const card = first.store.save({ bytes: makeJpeg(296, 200), mime: 'image/jpeg' });
    const job = first.queue.enqueue(card.token);
    first.crash(); // before the queue's next turn: the job is still 'queued'

    clock += 25 * HOUR;
    current = run();
    expect(current.store.sweep().removed).toBe(1);
    current.queue.resume();
    await current.queue.idle();
    expect(current.queue.get(job.id)).toMatchObject({
      status: 'failed',
      reason: 'card_expired',
      message: expect.stringMatching(/expired and was deleted/),
    });
    expect(current.pages).toHaveLength(0);
  });

  it('a card file deleted from under a live row fails the same way, and gives the print back', async () => {
    current = run(true);
    const card = current.store.save({ bytes: makeJpeg(296, 200), mime: 'image/jpeg' });
    current.queue.stop();
    const job = current.queue.enqueue(card.token);
    rmSync(card.path);
    current.queue.resume();
    await current.queue.idle();
    expect(current.queue.get(job.id)).toMatchObject({ status: 'failed', reason: 'card_expired' });
    expect(current.store.printsLeft(card.id, limit)).toBe(2);
  });

  it('clearing after a restart gives the waiting prints back to their cards', () => {
    const first = run(true);
    const card = first.store.save({ bytes: makeJpeg(296, 200), mime: 'image/jpeg' });
    first.queue.stop();
    first.queue.enqueue(card.token);
    first.queue.enqueue(card.token);
    first.crash();
    current = run();
    expect(current.store.printsLeft(card.id, limit)).toBe(0);
    expect(current.queue.clear()).toEqual({ removed: 2 });
    expect(current.queue.list()).toEqual([]);
    expect(current.store.printsLeft(card.id, limit)).toBe(2);
  });

  it('a refused print writes no job and uses no print (one transaction); unknown ids read as null', () => {
    current = run(true);
    current.queue.stop();
    limit = 1;
    const card = current.store.save({ bytes: makeJpeg(296, 200), mime: 'image/jpeg' });
    current.queue.enqueue(card.token);
    const refused = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        return err instanceof KioskError ? err.code : String(err);
      }
      return 'accepted';
    };
    expect(refused(() => current!.queue.enqueue(card.token))).toBe('CONFLICT');
    expect(refused(() => current!.queue.enqueue('not a token'))).toBe('NOT_FOUND');
    expect(current.queue.list()).toHaveLength(1);
    expect(current.store.printsLeft(card.id, 1)).toBe(0);
    expect(current.queue.get('no-such-job')).toBeNull();
  });

  it('keeps only the newest finished jobs, in order of arrival', () => {
    current = run();
    const jobs = createPrintJobStore(current.db);
    for (let i = 0; i < 5; i++) jobs.insert({ id: `j${i}`, kind: 'test', cardId: null, at: clock });
    jobs.update('j0', { status: 'done' }, clock);
    jobs.update('j1', { status: 'failed', reason: 'other', message: 'x' }, clock);
    jobs.update('j3', { status: 'done' }, clock);
    jobs.prune(1);
    expect(jobs.list().map((j) => [j.id, j.status])).toEqual([
      ['j2', 'queued'],
      ['j3', 'done'],
      ['j4', 'queued'],
    ]);
    // The table refuses a visitor job without its card, and unknown statuses.
    expect(() => jobs.insert({ id: 'bad', kind: 'card', cardId: null, at: clock })).toThrow(/CHECK constraint/);
    expect(() => jobs.update('j2', { status: 'lost' as never }, clock)).toThrow(/CHECK constraint/);
  });
});
