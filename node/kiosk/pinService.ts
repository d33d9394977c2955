import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { KioskError } from '../../common/contract';
import type { Db } from './db/openDatabase';
import type { Logger } from './logger';

/**
 * The operator PIN, stored only as an scrypt hash (https://nodejs.org/api/crypto.html#cryptoscryptpassword-salt-keylen-options-callback).
 * After MAX_ATTEMPTS wrong tries the PIN pad locks for LOCK_MS; the counter and the lock are in the
 * database, so restarting the kiosk does not reset them. There is no default PIN: the first start
 * asks for one.
 */
export const MAX_ATTEMPTS = 5;
export const LOCK_MS = 5 * 60_000;

interface StoredParams {
  N: number;
  r: number;
  p: number;
  keylen: number;
}
const PARAMS: StoredParams = { N: 16_384, r: 8, p: 1, keylen: 32 };

function hash(pin: string, salt: Buffer, params: StoredParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 64 * 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(pin, salt, params.keylen, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

interface Row {
  hash: string;
  salt: string;
  params: string;
  failed_attempts: number;
  locked_until: number;
}

export interface PinService {
  isSet(): boolean;
  /** First start only. */
  setInitial(pin: string): Promise<void>;
  /** Resolves when right; throws PIN_WRONG (with attempts left), PIN_LOCKED or PIN_NOT_SET. */
  verify(pin: string): Promise<void>;
  change(currentPin: string, newPin: string): Promise<void>;
}

export function createPinService(db: Db, log: Logger, now: () => number = Date.now): PinService {
  const row = (): Row | undefined => db.prepare('SELECT * FROM operator_pin WHERE id = 1').get() as Row | undefined;
  const store = async (pin: string): Promise<void> => {
    const salt = randomBytes(16);
    const key = await hash(pin, salt, PARAMS);
    db.prepare(
      `INSERT INTO operator_pin (id, hash, salt, params, failed_attempts, locked_until) VALUES (1, ?, ?, ?, 0, 0)
       ON CONFLICT(id) DO UPDATE SET hash = excluded.hash, salt = excluded.salt, params = excluded.params, failed_attempts = 0, locked_until = 0`,
    ).run(key.toString('base64'), salt.toString('base64'), JSON.stringify(PARAMS));
  };

  const verify = async (pin: string): Promise<void> => {
    const r = row();
    if (!r) throw new KioskError({ code: 'PIN_NOT_SET', message: 'no operator PIN has been set yet' });
    const t = now();
    if (r.locked_until > t) {
      throw new KioskError({ code: 'PIN_LOCKED', message: 'too many wrong PINs; the PIN pad is locked', retryAfterMs: r.locked_until - t });
    }
    const params = JSON.parse(r.params) as StoredParams;
    const expected = Buffer.from(r.hash, 'base64');
    const actual = await hash(pin, Buffer.from(r.salt, 'base64'), params);
    if (actual.length === expected.length && timingSafeEqual(actual, expected)) {
      db.prepare('UPDATE operator_pin SET failed_attempts = 0, locked_until = 0 WHERE id = 1').run();
      return;
    }
    // A lock that has run out gives a fresh set of attempts.
    const failed = (r.locked_until > 0 && r.locked_until <= t ? 0 : r.failed_attempts) + 1;
    if (failed >= MAX_ATTEMPTS) {
      db.prepare('UPDATE operator_pin SET failed_attempts = ?, locked_until = ? WHERE id = 1').run(failed, t + LOCK_MS);
      log.warn('operator.pin_locked', { attempts: failed });
      throw new KioskError({ code: 'PIN_LOCKED', message: 'too many wrong PINs; the PIN pad is locked', retryAfterMs: LOCK_MS });
    }
    db.prepare('UPDATE operator_pin SET failed_attempts = ?, locked_until = 0 WHERE id = 1').run(failed);
    throw new KioskError({ code: 'PIN_WRONG', message: 'wrong PIN', attemptsLeft: MAX_ATTEMPTS - failed });
  };

  return {
    isSet: () => row() !== undefined,
    async setInitial(pin) {
      if (row()) throw new KioskError({ code: 'PIN_ALREADY_SET', message: 'an operator PIN is already set' });
      await store(pin);
      log.info('operator.pin_set');
    },
    verify,
    async change(currentPin, newPin) {
      await verify(currentPin);
      await store(newPin);
      log.info('operator.pin_changed');
    },
  };
}
