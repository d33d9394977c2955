import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { KioskError } from '../../common/contract';
import type { PinHash } from '../../common/provisioning';
import type { Db } from './db/openDatabase';
import type { Logger } from './logger';

/**
 * The operator PIN, stored only as an scrypt hash (https://nodejs.org/api/crypto.html#cryptoscryptpassword-salt-keylen-options-callback).
 *
 * Guessing is bounded even when guesses arrive in parallel:
 * - every attempt is counted in the database, in one transaction, BEFORE its hash is computed, and the
 *   attempt that reaches MAX_ATTEMPTS sets the lock in that same transaction; so no number of requests
 *   in flight (nor a second process on the same database) gets more than MAX_ATTEMPTS hashes per lock;
 * - verifications run one at a time (a promise queue), so the scrypt work an attacker can cause is serial;
 * - each lockout since the last right PIN locks longer (LOCK_STEPS_MS, capped at its last step), and the
 *   count, the lock and the number of lockouts are in the database, so restarting the kiosk resets nothing.
 * A right PIN clears all three. There is no default PIN: an installer provisions one (kioskctl), or, on a
 * kiosk nobody provisioned, the first start asks for one (node/kiosk/provisioning/firstRun.ts says when).
 */
export const MAX_ATTEMPTS = 5;
/** How long the n-th lockout in a row lasts (the last step repeats). */
export const LOCK_STEPS_MS: readonly number[] = [5 * 60_000, 15 * 60_000, 60 * 60_000];
/** The first lockout. */
export const LOCK_MS = LOCK_STEPS_MS[0] as number;

export function lockDurationMs(previousLockouts: number): number {
  return LOCK_STEPS_MS[Math.min(previousLockouts, LOCK_STEPS_MS.length - 1)] as number;
}

interface StoredParams {
  N: number;
  r: number;
  p: number;
  keylen: number;
}
const PARAMS: StoredParams = { N: 16_384, r: 8, p: 1, keylen: 32 };
const MAXMEM = 64 * 1024 * 1024;

export type PinHasher = (pin: string, salt: Buffer, params: StoredParams) => Promise<Buffer>;

const scryptHasher: PinHasher = (pin, salt, params) => {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: MAXMEM };
  return new Promise((resolve, reject) => {
    scrypt(pin, salt, params.keylen, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
};

/** The stored form of a PIN (what a provisioning file carries instead of the PIN). Synchronous: provisioning runs in one transaction. */
export function hashPinSync(pin: string): PinHash {
  const salt = randomBytes(16);
  const key = scryptSync(pin, salt, PARAMS.keylen, { N: PARAMS.N, r: PARAMS.r, p: PARAMS.p, maxmem: MAXMEM });
  return { algorithm: 'scrypt', hash: key.toString('base64'), salt: salt.toString('base64'), params: { ...PARAMS } };
}

interface Row {
  hash: string;
  salt: string;
  params: string;
  failed_attempts: number;
  locked_until: number;
  lockouts: number;
  must_change: number;
}

export interface PinService {
  isSet(): boolean;
  /** True while the PIN is an installer's one-time PIN: the console asks for a new one. */
  mustChange(): boolean;
  /** First start only (the caller checks that the first-run window is open). */
  setInitial(pin: string): Promise<void>;
  /** Resolves when right; throws PIN_WRONG (with attempts left), PIN_LOCKED or PIN_NOT_SET. */
  verify(pin: string): Promise<void>;
  change(currentPin: string, newPin: string): Promise<void>;
  /** Provisioning: replaces the PIN by a stored hash, clears every lock. Synchronous, to run inside the caller's transaction. */
  replaceHash(h: PinHash, opts: { mustChange: boolean }): void;
  /** Sets the PIN without knowing the old one (the operator setting the guide PIN), clears every lock. */
  set(pin: string): Promise<void>;
  /** Forgets the failed attempts (not a running lock): the operator, who may set this PIN anyway, signed in. */
  clearAttempts(): void;
}

export interface PinServiceOptions {
  /** Tests count (or slow down) the hashes; default scrypt. */
  hasher?: PinHasher;
  /** Which PIN: the operator's (default) or the guide's, each in its own table with its own attempts and locks. */
  table?: 'operator_pin' | 'guide_pin';
}

const locked = (retryAfterMs: number): KioskError =>
  new KioskError({ code: 'PIN_LOCKED', message: 'too many wrong PINs; the PIN pad is locked', retryAfterMs });
const notSet = (who: string): KioskError => new KioskError({ code: 'PIN_NOT_SET', message: `no ${who} PIN has been set yet` });

export function createPinService(db: Db, log: Logger, now: () => number = Date.now, opts: PinServiceOptions = {}): PinService {
  const hasher = opts.hasher ?? scryptHasher;
  const table = opts.table ?? 'operator_pin';
  const who = table === 'guide_pin' ? 'guide' : 'operator';
  const row = (): Row | undefined => db.prepare(`SELECT * FROM ${table} WHERE id = 1`).get() as Row | undefined;

  // One verification (or PIN change) at a time, in arrival order.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  const writeHash = (h: PinHash, mustChange: boolean): void => {
    db.prepare(
      `INSERT INTO ${table} (id, hash, salt, params, failed_attempts, locked_until, lockouts, must_change) VALUES (1, ?, ?, ?, 0, 0, 0, ?)
       ON CONFLICT(id) DO UPDATE SET hash = excluded.hash, salt = excluded.salt, params = excluded.params,
         failed_attempts = 0, locked_until = 0, lockouts = 0, must_change = excluded.must_change`,
    ).run(h.hash, h.salt, JSON.stringify(h.params), mustChange ? 1 : 0);
  };
  const hashNew = async (pin: string): Promise<PinHash> => {
    const salt = randomBytes(16);
    const key = await hasher(pin, salt, PARAMS);
    return { algorithm: 'scrypt', hash: key.toString('base64'), salt: salt.toString('base64'), params: { ...PARAMS } };
  };

  /** Counts the attempt (and locks on the last one) before any hashing; throws when locked or not set. */
  const countAttempt = db.transaction((t: number): { r: Row; failed: number; lockMs: number | null } => {
    const r = row();
    if (!r) throw notSet(who);
    if (r.locked_until > t) throw locked(r.locked_until - t);
    // A lock that has run out gives a fresh set of attempts (but the next lock is longer).
    const failed = (r.locked_until > 0 ? 0 : r.failed_attempts) + 1;
    if (failed >= MAX_ATTEMPTS) {
      const lockMs = lockDurationMs(r.lockouts);
      db.prepare(`UPDATE ${table} SET failed_attempts = ?, locked_until = ?, lockouts = lockouts + 1 WHERE id = 1`).run(failed, t + lockMs);
      return { r, failed, lockMs };
    }
    db.prepare(`UPDATE ${table} SET failed_attempts = ?, locked_until = 0 WHERE id = 1`).run(failed);
    return { r, failed, lockMs: null };
  });

  const verifyNow = async (pin: string): Promise<void> => {
    const { r, failed, lockMs } = countAttempt(now());
    const params = JSON.parse(r.params) as StoredParams;
    const expected = Buffer.from(r.hash, 'base64');
    const actual = await hasher(pin, Buffer.from(r.salt, 'base64'), params);
    if (actual.length === expected.length && timingSafeEqual(actual, expected)) {
      db.prepare(`UPDATE ${table} SET failed_attempts = 0, locked_until = 0, lockouts = 0 WHERE id = 1`).run();
      return;
    }
    if (lockMs !== null) {
      log.warn(`${who}.pin_locked`, { attempts: failed, lockMs, lockouts: r.lockouts + 1 });
      throw locked(lockMs);
    }
    throw new KioskError({ code: 'PIN_WRONG', message: 'wrong PIN', attemptsLeft: MAX_ATTEMPTS - failed });
  };

  const verify = (pin: string): Promise<void> => {
    // Refused at once while locked (no queueing behind a hash); the queued step checks again.
    const r = row();
    const t = now();
    if (r && r.locked_until > t) return Promise.reject(locked(r.locked_until - t));
    return serial(() => verifyNow(pin));
  };

  return {
    isSet: () => row() !== undefined,
    mustChange: () => row()?.must_change === 1,
    setInitial: (pin) =>
      serial(async () => {
        if (row()) throw new KioskError({ code: 'PIN_ALREADY_SET', message: 'an operator PIN is already set' });
        const h = await hashNew(pin);
        const inserted = db
          .prepare(`INSERT INTO ${table} (id, hash, salt, params) VALUES (1, ?, ?, ?) ON CONFLICT(id) DO NOTHING`)
          .run(h.hash, h.salt, JSON.stringify(h.params));
        if (inserted.changes === 0) throw new KioskError({ code: 'PIN_ALREADY_SET', message: 'an operator PIN is already set' });
        log.info('operator.pin_set');
      }),
    verify,
    async change(currentPin, newPin) {
      await verify(currentPin);
      const h = await hashNew(newPin);
      writeHash(h, false);
      log.info('operator.pin_changed');
    },
    replaceHash(h, o) {
      writeHash(h, o.mustChange);
    },
    set: (pin) =>
      serial(async () => {
        writeHash(await hashNew(pin), false);
        log.info(`${who}.pin_set`);
      }),
    clearAttempts() {
      db.prepare(`UPDATE ${table} SET failed_attempts = 0 WHERE id = 1 AND locked_until = 0`).run();
    },
  };
}
