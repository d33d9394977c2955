import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KioskError } from '../../../../../common/contract';
import { openDatabase, type Db } from '../../../../../node/kiosk/db/openDatabase';
import { createMemoryLogger } from '../../../../../node/kiosk/logger';
import { createCardStore, TOKEN_PATTERN, writePrintFile, type CardStore } from '../../../../../node/kiosk/postcards/cardStore';
import { makeJpeg, makePng } from '../../../../fixtures/postcards/cardImages';
import { makeTempDir } from '../../../../fixtures/tempDir';

const HOUR = 3_600_000;
let db: Db;
let dir: string;
let cleanup: () => void;
let clock: number;
let store: CardStore;

beforeEach(() => {
  const t = makeTempDir();
  cleanup = t.cleanup;
  clock = Date.UTC(2026, 4, 1, 2, 0, 0);
  dir = join(t.dir, 'postcards');
  const log = createMemoryLogger();
  db = openDatabase(join(t.dir, 'kiosk.db'), { log, now: () => clock });
  store = createCardStore({ db, dir, log, now: () => clock, expiryMs: () => 24 * HOUR });
});
afterEach(() => {
  store.stop();
  db.close();
  cleanup();
});

const visible = (): string[] => readdirSync(dir).filter((n) => n !== 'print');
const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    return err instanceof KioskError ? err.code : `not a KioskError: ${String(err)}`;
  }
  return undefined;
};

describe('card store', () => {
  it('saves a card atomically under a random name and finds it by its token until it expires', () => {
    const bytes = makeJpeg(400, 270);
    const card = store.save({ bytes, mime: 'image/jpeg' });
    expect(card).toMatchObject({
      kind: 'card',
      mime: 'image/jpeg',
      width: 400,
      height: 270,
      bytes: bytes.length,
      createdAt: clock,
      expiresAt: clock + 24 * HOUR,
    });
    expect(visible()).toEqual([`${card.id}.jpg`]); // no temp file left behind
    expect(readFileSync(card.path)).toEqual(bytes);
    expect(card.path.startsWith(dir)).toBe(true);
    expect(store.find(card.token)?.id).toBe(card.id);
    clock += 24 * HOUR - 1;
    expect(store.find(card.token)).not.toBeNull();
    clock += 1;
    expect(store.find(card.token)).toBeNull();
  });

  it('issues 256-bit base64url tokens, never stored in clear and never in a file name', () => {
    const tokens = new Set<string>();
    const png = makePng(64, 64);
    tokens.add(store.save({ bytes: png, mime: 'image/png' }).token);
    for (let i = 0; i < 80; i++) tokens.add(store.reserve().token);
    expect(tokens.size).toBe(81);
    for (const t of tokens) expect(t).toMatch(TOKEN_PATTERN);
    // 43 base64url characters carry 258 bits; at least 128 are needed. The alphabet is used broadly.
    const chars = new Set([...tokens].join(''));
    expect(chars.size).toBeGreaterThan(60);
    const dump = Buffer.concat([readFileSync(join(dir, '..', 'kiosk.db')), Buffer.from(readdirSync(dir).join('\n'))]).toString('latin1');
    for (const t of [...tokens].slice(0, 20)) expect(dump.includes(t)).toBe(false);
  });

  it('treats wrong, malformed, photo and reserved-only tokens alike', () => {
    const photo = store.save({ bytes: makePng(64, 64), mime: 'image/png', kind: 'photo' });
    const reserved = store.reserve();
    expect(store.find(photo.token)).toBeNull(); // a photo is never served as a card
    expect(store.find(photo.token, 'photo')?.kind).toBe('photo');
    expect(store.find(reserved.token)).toBeNull();
    expect(store.find('x'.repeat(43))).toBeNull();
    expect(store.find('../../kiosk.db')).toBeNull();
  });

  it('fills a reserved link once, so the QR code can be drawn on the card itself', () => {
    const r = store.reserve();
    const card = store.save({ bytes: makePng(80, 80), mime: 'image/png', token: r.token });
    expect(card.token).toBe(r.token);
    expect(store.find(r.token)?.width).toBe(80);
    expect(codeOf(() => store.save({ bytes: makePng(80, 80), mime: 'image/png', token: r.token }))).toBe('NOT_FOUND');
    expect(codeOf(() => store.save({ bytes: makePng(80, 80), mime: 'image/png', token: 'A'.repeat(43) }))).toBe('NOT_FOUND');
    expect(visible()).toHaveLength(1);
  });

  it('refuses bad bytes with BAD_REQUEST and writes nothing', () => {
    expect(codeOf(() => store.save({ bytes: Buffer.from('not an image at all'), mime: 'image/png' }))).toBe('BAD_REQUEST');
    expect(codeOf(() => store.save({ bytes: makePng(64, 64), mime: 'image/jpeg' }))).toBe('BAD_REQUEST');
    expect(visible()).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM postcards').get()).toEqual({ n: 0 });
  });

  it('deletes expired cards, photos, their PDFs and orphaned files on the sweep', () => {
    const card = store.save({ bytes: makeJpeg(100, 100), mime: 'image/jpeg' });
    const photo = store.save({ bytes: makePng(64, 64), mime: 'image/png', kind: 'photo' });
    const pdf = writePrintFile(store, `${card.id}-job1.pdf`, Buffer.from('%PDF-1.7'));
    const testPdf = writePrintFile(store, `test-${clock}-job2.pdf`, Buffer.from('%PDF-1.7'));
    clock += HOUR;
    const later = store.save({ bytes: makeJpeg(100, 100), mime: 'image/jpeg' });
    // Left by a crash: a temp file, and a card file whose row was never written.
    writeFileSync(join(dir, '.tmp-deadbeef'), 'x');
    writeFileSync(join(dir, `${'a'.repeat(32)}.png`), 'x');
    writeFileSync(join(dir, 'README.txt'), 'not ours: left alone');
    expect(store.sweep()).toEqual({ removed: 0, orphans: 2 });

    clock += 23 * HOUR;
    expect(store.sweep()).toEqual({ removed: 2, orphans: 2 });
    for (const p of [card.path, photo.path, pdf, testPdf]) expect(existsSync(p)).toBe(false);
    expect(existsSync(later.path)).toBe(true);
    expect(visible().sort()).toEqual(['README.txt', `${later.id}.jpg`].sort());
    clock += HOUR;
    expect(store.sweep().removed).toBe(1);
    expect(existsSync(later.path)).toBe(false);
  });

  it('sweeps at start (cards that expired while the kiosk was off)', () => {
    const card = store.save({ bytes: makeJpeg(100, 100), mime: 'image/jpeg' });
    clock += 25 * HOUR;
    store.start();
    expect(existsSync(card.path)).toBe(false);
  });

  it('counts prints against the card and gives back prints that did not happen', () => {
    const card = store.save({ bytes: makeJpeg(100, 100), mime: 'image/jpeg' });
    expect(store.reservePrint(card.token, 2).printsUsed).toBe(1);
    expect(store.reservePrint(card.token, 2).printsUsed).toBe(2);
    expect(codeOf(() => store.reservePrint(card.token, 2))).toBe('CONFLICT');
    store.releasePrint(card.id);
    expect(store.reservePrint(card.token, 2).printsUsed).toBe(2);
    expect(codeOf(() => store.reservePrint('B'.repeat(43), 2))).toBe('NOT_FOUND');
    clock += 24 * HOUR;
    expect(codeOf(() => store.reservePrint(card.token, 5))).toBe('NOT_FOUND');
  });

  it('marks a card picked up only once', () => {
    const card = store.save({ bytes: makeJpeg(100, 100), mime: 'image/jpeg' });
    expect(store.markPickedUp(card.id)).toBe(true);
    expect(store.markPickedUp(card.id)).toBe(false);
  });
});
