import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KioskError } from '../../../../../common/contract';
import { POSTCARD_SETTINGS_DEFAULT } from '../../../../../common/postcardSettings';
import { openDatabase, type Db } from '../../../../../node/kiosk/db/openDatabase';
import { createMemoryLogger } from '../../../../../node/kiosk/logger';
import { createCardStore, type CardStore } from '../../../../../node/kiosk/postcards/cardStore';
import {
  createPrintQueue,
  PrintError,
  type Printer,
  type PrintQueue,
  type PrintRequest,
} from '../../../../../node/kiosk/postcards/printQueue';
import { makeJpeg, makePng } from '../../../../fixtures/postcards/cardImages';
import { makeTempDir } from '../../../../fixtures/tempDir';

/**
 * The operator's reprint of a failed print job (node/kiosk/postcards/reprint.ts and
 * printQueue.reprint): a new job of the same card, linked to the old one, once, not counted
 * against the visitor's prints, logged with job ids only.
 */
const HOUR = 3_600_000;
let db: Db;
let cleanup: () => void;
let store: CardStore;
let queue: PrintQueue;
let log: ReturnType<typeof createMemoryLogger>;
let clock: number;
let printed: number;
const pending: { req: PrintRequest; done: () => void; fail: (e: Error) => void }[] = [];

/** The next page the printer was given (the test finishes or fails it by hand). */
async function nextPage(): Promise<(typeof pending)[number]> {
  for (let i = 0; i < 200 && pending.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
  const p = pending.shift();
  if (!p) throw new Error('no page reached the printer');
  return p;
}

beforeEach(() => {
  const t = makeTempDir();
  cleanup = t.cleanup;
  log = createMemoryLogger();
  clock = Date.UTC(2026, 4, 1, 2, 0, 0);
  printed = 0;
  db = openDatabase(join(t.dir, 'kiosk.db'), { log, now: () => clock });
  store = createCardStore({ db, dir: join(t.dir, 'postcards'), log, now: () => clock, expiryMs: () => 24 * HOUR });
  const printer: Printer = {
    kind: 'manual',
    print: (req) =>
      new Promise((resolve, reject) => pending.push({ req, done: () => resolve({ output: `paper:${req.jobId}` }), fail: reject })),
  };
  queue = createPrintQueue({
    db,
    store,
    printer: () => printer,
    settings: () => ({ ...POSTCARD_SETTINGS_DEFAULT, printLimit: 2 }),
    testImage: () => ({ image: makePng(148, 100), mime: 'image/png', width: 148, height: 100 }),
    log,
    now: () => clock,
    onPrinted: () => printed++,
  });
});
afterEach(async () => {
  queue.clear();
  while (queue.list().some((j) => j.status === 'queued' || j.status === 'printing')) {
    for (const p of pending.splice(0)) p.done();
    await new Promise((r) => setTimeout(r, 5));
  }
  await queue.idle();
  db.close();
  cleanup();
});

/** The refusal's code and reason, or 'accepted'. */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof KioskError) return `${err.code} ${err.data.reason}`;
    throw err;
  }
  return 'accepted';
}

/** A visitor's card printed once, failed by the printer with `reason`. */
async function failedCardJob(reason: 'paper_out' | 'printer_offline' | 'other' = 'paper_out') {
  const bytes = makeJpeg(296, 200);
  const card = store.save({ bytes, mime: 'image/jpeg' });
  const job = queue.enqueue(card.token);
  (await nextPage()).fail(new PrintError(reason, 'tray 1 empty'));
  await queue.idle();
  expect(queue.get(job.id)).toMatchObject({ status: 'failed', reason });
  return { card, job, bytes };
}

describe("the operator's reprint", () => {
  it('prints the same card again as a new job linked to the failed one, without using a visitor print; logs job ids only', async () => {
    const { card, job, bytes } = await failedCardJob();
    expect(store.printsLeft(card.id, 2)).toBe(2); // the failed page was given back
    expect(queue.reprintBlock(queue.get(job.id)!)).toBeNull();

    const again = queue.reprint(job.id);
    expect(again).toMatchObject({ kind: 'card', cardId: card.id, status: 'queued', reprintOf: job.id, reprintedBy: null });
    expect(again.id).not.toBe(job.id);
    // The failed job stays as history, marked as reprinted: no second Reprint for it.
    expect(queue.get(job.id)).toMatchObject({ status: 'failed', reason: 'paper_out', reprintedBy: again.id });
    expect(queue.reprintBlock(queue.get(job.id)!)).toBe('already_reprinted');
    expect(store.printsLeft(card.id, 2)).toBe(2);

    const page = await nextPage();
    expect(page.req.image.equals(bytes)).toBe(true);
    expect(page.req.outputName).toBe(`${card.id}-${again.id}.pdf`);
    page.done();
    await queue.idle();
    expect(queue.get(again.id)).toMatchObject({ status: 'done', output: `paper:${again.id}` });
    expect(printed).toBe(1); // a page that came out for a visitor is counted as printed
    expect(store.printsLeft(card.id, 2)).toBe(2); // still both of the visitor's own prints
    expect(queue.list().map((j) => j.id)).toEqual([job.id, again.id]);

    const line = log.lines.find((l) => l.event === 'postcards.reprint_queued');
    expect(line).toMatchObject({ level: 'info', jobId: again.id, reprintOf: job.id });
    expect(Object.keys(line!).sort()).toEqual(['at', 'event', 'jobId', 'level', 'reprintOf']);
    expect(JSON.stringify(log.lines)).not.toContain(card.id);
    expect(JSON.stringify(log.lines)).not.toContain(card.token);
  });

  it('a double tap reprints once: the second is refused as already reprinted and nothing more reaches the printer', async () => {
    const { job } = await failedCardJob('printer_offline');
    const again = queue.reprint(job.id);
    expect(refusal(() => queue.reprint(job.id))).toBe('CONFLICT already_reprinted');
    (await nextPage()).done();
    await queue.idle();
    expect(pending).toHaveLength(0);
    expect(
      queue
        .list()
        .filter((j) => j.reprintOf === job.id)
        .map((j) => j.id),
    ).toEqual([again.id]);
    expect(log.lines.find((l) => l.event === 'postcards.reprint_refused')).toMatchObject({ jobId: job.id, reason: 'already_reprinted' });
  });

  it('refuses an unknown job, a job that did not fail, and a card that expired or whose file is gone', async () => {
    expect(refusal(() => queue.reprint('no-such-job'))).toBe('NOT_FOUND unknown_job');

    const card = store.save({ bytes: makeJpeg(296, 200), mime: 'image/jpeg' });
    const waiting = queue.enqueue(card.token);
    expect(refusal(() => queue.reprint(waiting.id))).toBe('CONFLICT not_failed');
    (await nextPage()).done();
    await queue.idle();
    expect(refusal(() => queue.reprint(waiting.id))).toBe('CONFLICT not_failed');
    expect(queue.reprintBlock(queue.get(waiting.id)!)).toBe('not_failed');

    const { card: gone, job: deleted } = await failedCardJob();
    rmSync(gone.path);
    expect(queue.reprintBlock(queue.get(deleted.id)!)).toBe('card_gone');
    expect(refusal(() => queue.reprint(deleted.id))).toBe('NOT_FOUND card_gone');

    const { job: expired } = await failedCardJob('other');
    clock += 25 * HOUR; // past the 24 h expiry, before the sweep ran
    expect(refusal(() => queue.reprint(expired.id))).toBe('NOT_FOUND card_gone');
    expect(queue.list().filter((j) => j.reprintOf)).toEqual([]);
    expect(pending).toHaveLength(0);
  });

  it('a reprint that fails again gives the visitor no print back, and can itself be reprinted; clearing a waiting reprint gives none back either', async () => {
    const { card, job } = await failedCardJob();
    queue.enqueue(card.token); // the visitor prints again themselves: one of two used
    (await nextPage()).done();
    await queue.idle();
    expect(store.printsLeft(card.id, 2)).toBe(1);
    const again = queue.reprint(job.id);
    (await nextPage()).fail(new PrintError('paper_out', 'still empty'));
    await queue.idle();
    expect(queue.get(again.id)).toMatchObject({ status: 'failed', reason: 'paper_out', reprintOf: job.id });
    expect(store.printsLeft(card.id, 2)).toBe(1); // not 2: the reprint never took a print to give back
    expect(queue.reprintBlock(queue.get(again.id)!)).toBeNull();

    queue.stop(); // keep the next reprint waiting, then clear it
    const third = queue.reprint(again.id);
    expect(third.reprintOf).toBe(again.id);
    queue.clear();
    expect(store.printsLeft(card.id, 2)).toBe(1);
    queue.resume();
  });

  it('reprints a failed test page as a test page', async () => {
    const test = queue.enqueueTest();
    (await nextPage()).fail(new PrintError('printer_offline', 'unplugged'));
    await queue.idle();
    const again = queue.reprint(test.id);
    expect(again).toMatchObject({ kind: 'test', cardId: null, reprintOf: test.id });
    const page = await nextPage();
    expect(page.req).toMatchObject({ mime: 'image/png', width: 148, height: 100 });
    page.done();
    await queue.idle();
    expect(queue.get(again.id)?.status).toBe('done');
    expect(printed).toBe(0);
  });
});
