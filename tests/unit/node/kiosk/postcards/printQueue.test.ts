import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KioskError } from '../../../../../common/contract';
import { POSTCARD_SETTINGS_DEFAULT } from '../../../../../common/postcardSettings';
import { openDatabase, type Db } from '../../../../../node/kiosk/db/openDatabase';
import { createMemoryLogger } from '../../../../../node/kiosk/logger';
import { createCardStore, type CardStore } from '../../../../../node/kiosk/postcards/cardStore';
import {
  classifyPrintFailure,
  createPrintQueue,
  PrintError,
  type Printer,
  type PrintQueue,
  type PrintRequest,
} from '../../../../../node/kiosk/postcards/printQueue';
import { makeJpeg, makePng } from '../../../../fixtures/postcards/cardImages';
import { makeTempDir } from '../../../../fixtures/tempDir';

/** A printer the test drives by hand: each page waits until the test finishes or fails it. */
function manualPrinter() {
  const pending: { req: PrintRequest; done: () => void; fail: (e: Error) => void }[] = [];
  const printer: Printer = {
    kind: 'manual',
    print: (req) =>
      new Promise((resolve, reject) => pending.push({ req, done: () => resolve({ output: `paper:${req.jobId}` }), fail: reject })),
  };
  const next = async (): Promise<(typeof pending)[number]> => {
    for (let i = 0; i < 200 && pending.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    const p = pending.shift();
    if (!p) throw new Error('no page reached the printer');
    return p;
  };
  return { printer, next, pending };
}

let db: Db;
let cleanup: () => void;
let store: CardStore;
let queue: PrintQueue;
let manual: ReturnType<typeof manualPrinter>;
let printed: number;
let limit: number;

beforeEach(() => {
  const t = makeTempDir();
  cleanup = t.cleanup;
  const log = createMemoryLogger();
  db = openDatabase(join(t.dir, 'kiosk.db'), { log });
  store = createCardStore({ db, dir: join(t.dir, 'postcards'), log, expiryMs: () => 3_600_000 });
  manual = manualPrinter();
  printed = 0;
  limit = 2;
  queue = createPrintQueue({
    db,
    store,
    printer: () => manual.printer,
    settings: () => ({ ...POSTCARD_SETTINGS_DEFAULT, printLimit: limit }),
    testImage: () => ({ image: makePng(148, 100), mime: 'image/png', width: 148, height: 100 }),
    log,
    onPrinted: () => printed++,
  });
});
afterEach(async () => {
  // Let whatever a test left behind finish, so no page reaches a closed database.
  queue.clear();
  while (queue.list().some((j) => j.status === 'queued' || j.status === 'printing')) {
    for (const p of manual.pending.splice(0)) p.done();
    await new Promise((r) => setTimeout(r, 5));
  }
  await queue.idle();
  db.close();
  cleanup();
});

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    return err instanceof KioskError ? err.code : String(err);
  }
  return undefined;
};

describe('print queue', () => {
  it('moves a job through queued, printing and done, one page at a time, with the card bytes and page size', async () => {
    const bytes = makeJpeg(296, 200);
    const card = store.save({ bytes, mime: 'image/jpeg' });
    const a = queue.enqueue(card.token);
    const b = queue.enqueue(card.token);
    expect(a.status).toBe('queued');
    const first = await manual.next();
    expect(queue.get(a.id)?.status).toBe('printing');
    expect(queue.get(b.id)?.status).toBe('queued');
    expect(manual.pending).toHaveLength(0); // the second page waits for the first
    expect(first.req).toMatchObject({
      mime: 'image/jpeg',
      width: 296,
      height: 200,
      pageSize: { widthMm: 148, heightMm: 100 },
      outputName: `${card.id}-${a.id}.pdf`,
    });
    expect(first.req.image.equals(bytes)).toBe(true);
    first.done();
    (await manual.next()).done();
    await queue.idle();
    expect(queue.get(a.id)).toMatchObject({ status: 'done', output: `paper:${a.id}`, reason: null });
    expect(queue.get(b.id)?.status).toBe('done');
    expect(printed).toBe(2);
  });

  it('enforces the per-card limit, and a failed page does not count against it', async () => {
    const card = store.save({ bytes: makeJpeg(296, 200), mime: 'image/jpeg' });
    const a = queue.enqueue(card.token);
    queue.enqueue(card.token);
    expect(codeOf(() => queue.enqueue(card.token))).toBe('CONFLICT');
    (await manual.next()).fail(new PrintError('paper_out', 'tray 1 empty'));
    (await manual.next()).done();
    await queue.idle();
    expect(queue.get(a.id)).toMatchObject({ status: 'failed', reason: 'paper_out', message: 'tray 1 empty' });
    expect(printed).toBe(1);
    const retry = queue.enqueue(card.token); // the failed page was given back
    (await manual.next()).done();
    await queue.idle();
    expect(queue.get(retry.id)?.status).toBe('done');
    expect(codeOf(() => queue.enqueue(card.token))).toBe('CONFLICT');
    const other = store.save({ bytes: makeJpeg(296, 200), mime: 'image/jpeg' });
    expect(queue.enqueue(other.token).status).toBe('queued'); // the limit is per card
  });

  it('refuses unknown cards, and all visitor prints when the limit is 0', () => {
    expect(codeOf(() => queue.enqueue('N'.repeat(43)))).toBe('NOT_FOUND');
    limit = 0;
    const card = store.save({ bytes: makeJpeg(296, 200), mime: 'image/jpeg' });
    expect(codeOf(() => queue.enqueue(card.token))).toBe('FORBIDDEN');
  });

  it('classifies driver errors as paper out, printer offline or other', async () => {
    expect(classifyPrintFailure('Out of paper')).toBe('paper_out');
    expect(classifyPrintFailure('The printer is offline')).toBe('printer_offline');
    expect(classifyPrintFailure('Invalid printer settings')).toBe('printer_offline');
    expect(classifyPrintFailure('cancelled')).toBe('other');
    const card = store.save({ bytes: makeJpeg(296, 200), mime: 'image/jpeg' });
    const job = queue.enqueue(card.token);
    (await manual.next()).fail(new Error('printer not available'));
    await queue.idle();
    expect(queue.get(job.id)).toMatchObject({ status: 'failed', reason: 'printer_offline' });
  });

  it('lets the operator clear waiting and finished jobs; the page printing finishes; waiting prints go back to their cards', async () => {
    const card = store.save({ bytes: makeJpeg(296, 200), mime: 'image/jpeg' });
    const done = queue.enqueueTest();
    (await manual.next()).done();
    await queue.idle();
    const printing = queue.enqueue(card.token);
    const waiting = queue.enqueue(card.token);
    const page = await manual.next();
    expect(queue.clear()).toEqual({ removed: 2 });
    expect(queue.list().map((j) => j.id)).toEqual([printing.id]);
    expect(queue.get(done.id)).toBeNull();
    expect(queue.get(waiting.id)).toBeNull();
    page.done();
    await queue.idle();
    expect(queue.get(printing.id)?.status).toBe('done');
    expect(manual.pending).toHaveLength(0); // the cleared job never printed
    expect(queue.enqueue(card.token).status).toBe('queued'); // its print was given back
  });

  it('prints a test page without counting it as a visitor print', async () => {
    const job = queue.enqueueTest();
    const page = await manual.next();
    expect(page.req).toMatchObject({ mime: 'image/png', width: 148, height: 100 });
    expect(page.req.outputName).toMatch(/^test-\d+-[A-Za-z0-9_-]+\.pdf$/);
    page.done();
    await queue.idle();
    expect(queue.get(job.id)?.status).toBe('done');
    expect(printed).toBe(0);
  });
});
