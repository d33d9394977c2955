import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { KioskError } from '../../../common/contract';
import type { Db } from '../db/openDatabase';
import type { Logger } from '../logger';
import { CardImageError, DEFAULT_IMAGE_LIMITS, extensionOf, inspectCardImage, type CardImageLimits, type CardMime } from './cardImage';

export type CardKind = 'card' | 'photo';

export interface CardRecord {
  id: string;
  kind: CardKind;
  mime: CardMime;
  bytes: number;
  width: number;
  height: number;
  createdAt: number;
  expiresAt: number;
  pickedUpAt: number | null;
  printsUsed: number;
  /** Absolute path of the file. */
  path: string;
}

export interface SavedCard extends CardRecord {
  /** The secret of the take-away URL. Returned once, never stored (only its SHA-256 is). */
  token: string;
}

export interface CardStoreOptions {
  db: Db;
  /** `<dataDir>/postcards`. */
  dir: string;
  log: Logger;
  now?: () => number;
  /** Read at every save, so a changed setting applies to the next card. */
  expiryMs: () => number;
  sweepIntervalMs?: number;
  limits?: CardImageLimits;
}

export interface CardStore {
  readonly dir: string;
  readonly printDir: string;
  /** A link for a card that is not composed yet (so the QR code can be drawn on the card itself). */
  reserve(): { token: string; expiresAt: number };
  /** Validates and stores a card or photo; with `token`, fills that reservation. */
  save(input: { bytes: Uint8Array; mime: CardMime; kind?: CardKind; token?: string }): SavedCard;
  /** The stored, unexpired card or photo behind a token, or null. Wrong, reserved-only and expired look the same. */
  find(token: string, kind?: CardKind): CardRecord | null;
  read(rec: CardRecord): Buffer;
  /** The stored, unexpired card with this id (for a print job that waited), or null. */
  byId(id: string): CardRecord | null;
  /** How many more prints the card allows under `limit`; null when the card is gone or expired. */
  printsLeft(id: string, limit: number): number | null;
  /** True only the first time (for the `postcard.picked_up` count). */
  markPickedUp(id: string): boolean;
  /** Counts one print against the card's limit; throws NOT_FOUND or CONFLICT (limit reached). */
  reservePrint(token: string, limit: number): CardRecord;
  /** Gives back a print that never happened (failed or cleared by the operator). */
  releasePrint(id: string): void;
  /** Deletes expired cards, photos and their PDFs, and files no row refers to. */
  sweep(): { removed: number; orphans: number };
  /** Sweeps now and then every `sweepIntervalMs`. */
  start(): void;
  stop(): void;
}

/** 32 random bytes: 256 bits, 43 base64url characters (https://nodejs.org/api/crypto.html#cryptorandombytessize-callback). */
export const TOKEN_BYTES = 32;
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const FILE_PATTERN = /^([0-9a-f]{32})\.(png|jpg)$/;
const PDF_PATTERN = /^([0-9a-f]{32})-[A-Za-z0-9_-]+\.pdf$/;
const TEST_PDF_PATTERN = /^test-(\d+)-[A-Za-z0-9_-]+\.pdf$/;

const hashToken = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

/** A database row: the record without its file path; `mime` is null while a link is only reserved. */
type Row = Omit<CardRecord, 'path' | 'mime'> & { mime: CardMime | null };

const COLUMNS =
  'id, kind, mime, bytes, width, height, created_at AS createdAt, expires_at AS expiresAt, picked_up_at AS pickedUpAt, prints_used AS printsUsed';

/** Writes `bytes` to `path` through a temporary file, flushed to disk, then renamed over (atomic on one file system). */
function writeAtomic(dir: string, path: string, bytes: Uint8Array): void {
  const tmp = join(dir, `.tmp-${randomBytes(8).toString('hex')}`);
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * Finished postcards and visitor photos, kept only in `<dataDir>/postcards/` until they expire.
 * Metadata lives in SQLite (migration 4) rather than in sidecar files: one transaction per change,
 * an index on the expiry for the sweep, and the token's hash as a unique key, so a lookup never
 * compares secrets byte by byte. File I/O is synchronous on purpose: a save (write, rename, insert)
 * and a sweep never interleave, so the sweep may treat any file without a row as an orphan.
 */
export function createCardStore(opts: CardStoreOptions): CardStore {
  const { db, dir, log } = opts;
  const now = opts.now ?? Date.now;
  const limits = opts.limits ?? DEFAULT_IMAGE_LIMITS;
  const printDir = join(dir, 'print');
  mkdirSync(printDir, { recursive: true });
  const pathOf = (id: string, mime: CardMime): string => join(dir, `${id}.${extensionOf(mime)}`);
  const toRecord = (r: Row & { mime: CardMime }): CardRecord => ({ ...r, path: pathOf(r.id, r.mime) });

  const insert = db.prepare(
    'INSERT INTO postcards (id, token_hash, kind, mime, bytes, width, height, created_at, expires_at) VALUES (@id, @hash, @kind, @mime, @bytes, @width, @height, @createdAt, @expiresAt)',
  );
  const fill = db.prepare(
    "UPDATE postcards SET mime = @mime, bytes = @bytes, width = @width, height = @height, created_at = @createdAt, expires_at = @expiresAt WHERE id = @id AND mime IS NULL AND kind = 'card'",
  );
  const byHash = db.prepare(`SELECT ${COLUMNS} FROM postcards WHERE token_hash = ?`);
  const pickedUp = db.prepare('UPDATE postcards SET picked_up_at = ? WHERE id = ? AND picked_up_at IS NULL');
  const takePrint = db.prepare(
    `UPDATE postcards SET prints_used = prints_used + 1 WHERE token_hash = ? AND kind = 'card' AND mime IS NOT NULL AND expires_at > ? AND prints_used < ? RETURNING ${COLUMNS}`,
  );
  const givePrint = db.prepare('UPDATE postcards SET prints_used = prints_used - 1 WHERE id = ? AND prints_used > 0');
  const expired = db.prepare('SELECT id, mime FROM postcards WHERE expires_at <= ?');
  const remove = db.prepare('DELETE FROM postcards WHERE id = ?');
  const hasId = db.prepare('SELECT 1 FROM postcards WHERE id = ?');
  const rowById = db.prepare(`SELECT ${COLUMNS} FROM postcards WHERE id = ?`);

  const liveById = (id: string): (Row & { mime: CardMime }) | null => {
    const row = rowById.get(id) as Row | undefined;
    if (!row || row.kind !== 'card' || row.mime === null || row.expiresAt <= now()) return null;
    return row as Row & { mime: CardMime };
  };

  const live = (token: string, kind: CardKind): Row | null => {
    // Hash even a malformed token, so wrong and well-formed-but-unknown tokens take the same path.
    const row = byHash.get(hashToken(token)) as Row | undefined;
    if (!TOKEN_PATTERN.test(token) || !row || row.kind !== kind || row.mime === null || row.expiresAt <= now()) return null;
    return row;
  };

  const newToken = (): { token: string; hash: Buffer; id: string } => {
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    return { token, hash: hashToken(token), id: randomBytes(16).toString('hex') };
  };

  let timer: NodeJS.Timeout | null = null;

  const store: CardStore = {
    dir,
    printDir,
    reserve() {
      const { token, hash, id } = newToken();
      const at = now();
      const expiresAt = at + opts.expiryMs();
      insert.run({ id, hash, kind: 'card', mime: null, bytes: 0, width: 0, height: 0, createdAt: at, expiresAt });
      return { token, expiresAt };
    },
    save({ bytes, mime, kind = 'card', token }) {
      let info;
      try {
        info = inspectCardImage(bytes, mime, limits);
      } catch (err) {
        if (err instanceof CardImageError) throw new KioskError({ code: 'BAD_REQUEST', message: err.message });
        throw err;
      }
      const at = now();
      const expiresAt = at + opts.expiryMs();
      const fields = { mime: info.mime, bytes: bytes.length, width: info.width, height: info.height, createdAt: at, expiresAt };
      let id: string;
      let secret: string;
      if (token !== undefined) {
        if (kind !== 'card') throw new KioskError({ code: 'BAD_REQUEST', message: 'only cards have reserved links' });
        const row = byHash.get(hashToken(token)) as Row | undefined;
        if (!TOKEN_PATTERN.test(token) || !row || row.mime !== null || row.expiresAt <= at) {
          throw new KioskError({ code: 'NOT_FOUND', message: 'no open reservation for this link (expired or already used)' });
        }
        id = row.id;
        secret = token;
        writeAtomic(dir, pathOf(id, info.mime), bytes);
        fill.run({ id, ...fields });
      } else {
        const t = newToken();
        id = t.id;
        secret = t.token;
        writeAtomic(dir, pathOf(id, info.mime), bytes);
        insert.run({ id, hash: t.hash, kind, ...fields });
      }
      log.info('postcards.saved', { kind, mime: info.mime, bytes: bytes.length, width: info.width, height: info.height });
      return { ...toRecord({ id, kind, pickedUpAt: null, printsUsed: 0, ...fields }), token: secret };
    },
    find(token, kind = 'card') {
      const row = live(token, kind);
      return row ? toRecord(row as Row & { mime: CardMime }) : null;
    },
    read(rec) {
      return readFileSync(rec.path);
    },
    byId(id) {
      const row = liveById(id);
      return row ? toRecord(row) : null;
    },
    printsLeft(id, limit) {
      const row = liveById(id);
      return row ? Math.max(0, limit - row.printsUsed) : null;
    },
    markPickedUp(id) {
      return pickedUp.run(now(), id).changes === 1;
    },
    reservePrint(token, limit) {
      const row = TOKEN_PATTERN.test(token)
        ? (takePrint.get(hashToken(token), now(), limit) as (Row & { mime: CardMime }) | undefined)
        : undefined;
      if (row) return toRecord(row);
      if (!live(token, 'card')) throw new KioskError({ code: 'NOT_FOUND', message: 'no such card (the link is wrong or has expired)' });
      throw new KioskError({
        code: 'CONFLICT',
        message: `this card has already been printed ${limit === 1 ? 'once' : `${limit} times`}; the limit is reached`,
      });
    },
    releasePrint(id) {
      givePrint.run(id);
    },
    sweep() {
      const at = now();
      let removed = 0;
      for (const r of expired.all(at) as { id: string; mime: CardMime | null }[]) {
        try {
          if (r.mime) rmSync(pathOf(r.id, r.mime), { force: true });
          remove.run(r.id);
          removed++;
        } catch (err) {
          // Kept for the next sweep; find() already treats the row as gone.
          log.warn('postcards.delete_failed', { reason: (err as Error).message });
        }
      }
      let orphans = 0;
      const drop = (path: string): void => {
        try {
          rmSync(path, { force: true });
          orphans++;
        } catch (err) {
          log.warn('postcards.delete_failed', { reason: (err as Error).message });
        }
      };
      for (const name of readdirSync(dir)) {
        const m = FILE_PATTERN.exec(name);
        if ((m && !hasId.get(m[1])) || name.startsWith('.tmp-')) drop(join(dir, name));
      }
      const maxAge = opts.expiryMs();
      for (const name of readdirSync(printDir)) {
        const card = PDF_PATTERN.exec(name);
        const test = TEST_PDF_PATTERN.exec(name);
        if ((card && !hasId.get(card[1])) || (test && Number(test[1]) + maxAge <= at) || name.startsWith('.tmp-'))
          drop(join(printDir, name));
      }
      if (removed || orphans) log.info('postcards.swept', { removed, orphans });
      return { removed, orphans };
    },
    start() {
      store.sweep();
      if (!timer) {
        timer = setInterval(() => store.sweep(), opts.sweepIntervalMs ?? 5 * 60_000);
        timer.unref();
      }
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
  return store;
}

/** Writes a print file (a PDF) next to the cards, atomically; the name ties it to its card for the sweep. */
export function writePrintFile(store: CardStore, name: string, bytes: Uint8Array): string {
  if (!PDF_PATTERN.test(name) && !TEST_PDF_PATTERN.test(name)) throw new RangeError(`not a print file name: ${name}`);
  const path = join(store.printDir, name);
  writeAtomic(store.printDir, path, bytes);
  return path;
}
