import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createHash, scrypt } from 'node:crypto';
import { openDatabase, type Db } from '../../../../node/kiosk/db/openDatabase';
import { createPinService, hashPinSync, LOCK_MS, LOCK_STEPS_MS, MAX_ATTEMPTS, type PinHasher } from '../../../../node/kiosk/pinService';
import { createMemoryLogger } from '../../../../node/kiosk/logger';
import { KioskError } from '../../../../common/contract';
import { makeTempDir } from '../../../fixtures/tempDir';

let db: Db;
let cleanup = (): void => {};
afterEach(() => {
  if (db?.open) db.close();
  cleanup();
});

function setup(clock: { t: number }, hasher?: PinHasher) {
  const t = makeTempDir();
  cleanup = t.cleanup;
  const file = join(t.dir, 'kiosk.db');
  db = openDatabase(file, { log: createMemoryLogger() });
  return { file, pin: createPinService(db, createMemoryLogger(), () => clock.t, { hasher }) };
}

/** A fast stand-in for scrypt where a test needs many attempts and not the hash's cost. */
const sha256Hasher: PinHasher = (pin, salt) => Promise.resolve(createHash('sha256').update(salt).update(pin).digest());

/** The real scrypt, counting the hashes and how many run at once. */
function countingHasher(): { hasher: PinHasher; hashes: number; maxInFlight: number } {
  const stats = { hashes: 0, maxInFlight: 0, hasher: undefined as unknown as PinHasher };
  let inFlight = 0;
  stats.hasher = async (pin, salt, params) => {
    stats.hashes += 1;
    inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
    try {
      return await new Promise<Buffer>((resolve, reject) => {
        scrypt(pin, salt, params.keylen, { N: params.N, r: params.r, p: params.p, maxmem: 64 * 1024 * 1024 }, (e, k) =>
          e ? reject(e) : resolve(k),
        );
      });
    } finally {
      inFlight -= 1;
    }
  };
  return stats;
}

async function code(p: Promise<unknown>): Promise<KioskError> {
  try {
    await p;
  } catch (e) {
    return e as KioskError;
  }
  throw new Error('expected a rejection');
}

describe('operator PIN', () => {
  it('has no default PIN: nothing verifies until one is set, and it is set only once', async () => {
    const clock = { t: 0 };
    const { pin } = setup(clock);
    expect(pin.isSet()).toBe(false);
    expect((await code(pin.verify('0000'))).code).toBe('PIN_NOT_SET');
    await pin.setInitial('2468');
    expect(pin.isSet()).toBe(true);
    expect((await code(pin.setInitial('1111'))).code).toBe('PIN_ALREADY_SET');
    await expect(pin.verify('2468')).resolves.toBeUndefined();
  });

  it('stores only a salted scrypt hash', async () => {
    const { pin } = setup({ t: 0 });
    await pin.setInitial('2468');
    const row = db.prepare('SELECT * FROM operator_pin').get() as Record<string, string>;
    expect(JSON.stringify(row)).not.toContain('2468');
    expect(JSON.parse(row.params!)).toMatchObject({ N: 16384, r: 8, p: 1 });
    expect(Buffer.from(row.salt!, 'base64')).toHaveLength(16);
  });

  it('locks after 5 wrong tries, even for the right PIN, and the lock survives a restart', async () => {
    const clock = { t: 1_000_000 };
    const { pin, file } = setup(clock);
    await pin.setInitial('2468');
    for (let i = 1; i < MAX_ATTEMPTS; i += 1) {
      const e = await code(pin.verify('1111'));
      expect(e.code).toBe('PIN_WRONG');
      expect(e.data.attemptsLeft).toBe(MAX_ATTEMPTS - i);
    }
    expect((await code(pin.verify('1111'))).code).toBe('PIN_LOCKED');
    const locked = await code(pin.verify('2468'));
    expect(locked.code).toBe('PIN_LOCKED');
    expect(locked.data.retryAfterMs).toBe(LOCK_MS);

    db.close();
    db = openDatabase(file, { log: createMemoryLogger() });
    const restarted = createPinService(db, createMemoryLogger(), () => clock.t);
    clock.t += LOCK_MS - 1;
    expect((await code(restarted.verify('2468'))).code).toBe('PIN_LOCKED');
    clock.t += 1;
    await expect(restarted.verify('2468')).resolves.toBeUndefined();
  });

  it('a right PIN resets the failure count; an expired lock gives fresh attempts', async () => {
    const clock = { t: 0 };
    const { pin } = setup(clock);
    await pin.setInitial('2468');
    for (let i = 0; i < 3; i += 1) await code(pin.verify('0000'));
    await pin.verify('2468');
    expect((await code(pin.verify('0000'))).data.attemptsLeft).toBe(MAX_ATTEMPTS - 1);
    for (let i = 0; i < 4; i += 1) await code(pin.verify('0000'));
    clock.t += LOCK_MS;
    expect((await code(pin.verify('0000'))).data.attemptsLeft).toBe(MAX_ATTEMPTS - 1);
  });

  it('changes the PIN only with the current one', async () => {
    const { pin } = setup({ t: 0 });
    await pin.setInitial('2468');
    expect((await code(pin.change('9999', '13579'))).code).toBe('PIN_WRONG');
    await pin.change('2468', '13579');
    expect((await code(pin.verify('2468'))).code).toBe('PIN_WRONG');
    await expect(pin.verify('13579')).resolves.toBeUndefined();
  });

  it('200 wrong guesses sent at once: at most MAX_ATTEMPTS hashes, one at a time; the rest are refused as locked', async () => {
    const clock = { t: 1_000_000 };
    const stats = countingHasher();
    const { pin } = setup(clock, stats.hasher);
    await pin.setInitial('2468');
    stats.hashes = 0;
    const guesses = Array.from({ length: 200 }, (_, i) => code(pin.verify(String(100000 + i))));
    // The right PIN, sent with them, is refused too: the lock is set before any guess is hashed.
    const right = code(pin.verify('2468'));
    const results = await Promise.all(guesses);
    expect(stats.hashes).toBeLessThanOrEqual(MAX_ATTEMPTS);
    expect(stats.maxInFlight).toBe(1);
    const codes = results.map((e) => e.code);
    expect(codes.filter((c) => c === 'PIN_WRONG')).toHaveLength(MAX_ATTEMPTS - 1);
    expect(codes.filter((c) => c === 'PIN_LOCKED')).toHaveLength(200 - (MAX_ATTEMPTS - 1));
    expect((await right).code).toBe('PIN_LOCKED');
    const row = db.prepare('SELECT failed_attempts, locked_until, lockouts FROM operator_pin').get();
    expect(row).toEqual({ failed_attempts: MAX_ATTEMPTS, locked_until: clock.t + LOCK_MS, lockouts: 1 });
  });

  it('each lockout in a row locks longer, up to a cap, across a restart; a right PIN starts over', async () => {
    const clock = { t: 1_000_000 };
    const { pin, file } = setup(clock, sha256Hasher);
    await pin.setInitial('2468');
    const lockOut = async (svc: typeof pin): Promise<number | undefined> => {
      for (let i = 1; i < MAX_ATTEMPTS; i += 1) expect((await code(svc.verify('0000'))).code).toBe('PIN_WRONG');
      const e = await code(svc.verify('0000'));
      expect(e.code).toBe('PIN_LOCKED');
      return e.data.retryAfterMs;
    };
    expect(await lockOut(pin)).toBe(LOCK_STEPS_MS[0]);
    clock.t += LOCK_STEPS_MS[0]!;
    expect(await lockOut(pin)).toBe(LOCK_STEPS_MS[1]);
    db.close();
    db = openDatabase(file, { log: createMemoryLogger() });
    const restarted = createPinService(db, createMemoryLogger(), () => clock.t, { hasher: sha256Hasher });
    clock.t += LOCK_STEPS_MS[1]! - 1;
    expect((await code(restarted.verify('2468'))).code).toBe('PIN_LOCKED');
    clock.t += 1;
    expect(await lockOut(restarted)).toBe(LOCK_STEPS_MS[2]);
    clock.t += LOCK_STEPS_MS[2]!;
    const cap = LOCK_STEPS_MS[LOCK_STEPS_MS.length - 1];
    expect(await lockOut(restarted)).toBe(cap);
    clock.t += cap!;
    await restarted.verify('2468');
    expect(await lockOut(restarted)).toBe(LOCK_STEPS_MS[0]);
  });

  it('an attempt is counted before its hash: a crash during the hash does not give the attempt back', async () => {
    const clock = { t: 0 };
    let release: () => void = () => {};
    const { pin } = setup(
      clock,
      (p, salt, params) =>
        new Promise<Buffer>((resolve) => {
          release = () => resolve(Buffer.alloc(params.keylen));
        }),
    );
    db.prepare('INSERT INTO operator_pin (id, hash, salt, params) VALUES (1, ?, ?, ?)').run(
      Buffer.alloc(32, 1).toString('base64'),
      Buffer.alloc(16).toString('base64'),
      JSON.stringify({ N: 16384, r: 8, p: 1, keylen: 32 }),
    );
    const pending = code(pin.verify('1111'));
    await Promise.resolve();
    expect(db.prepare('SELECT failed_attempts FROM operator_pin').get()).toEqual({ failed_attempts: 1 });
    release();
    expect((await pending).data.attemptsLeft).toBe(MAX_ATTEMPTS - 1);
  });

  it('takes a provisioned hash, flags a one-time PIN until it is changed, and clears any lock', async () => {
    const clock = { t: 0 };
    const { pin } = setup(clock);
    await pin.setInitial('2468');
    for (let i = 0; i < MAX_ATTEMPTS; i += 1) await code(pin.verify('0000'));
    pin.replaceHash(hashPinSync('135790'), { mustChange: true });
    expect(pin.mustChange()).toBe(true);
    await pin.verify('135790');
    expect(pin.mustChange()).toBe(true);
    await pin.change('135790', '8642');
    expect(pin.mustChange()).toBe(false);
    await pin.verify('8642');
  });
});

describe('the guide PIN', () => {
  it('lives in its own table: set by the operator, verified and locked apart from the operator PIN', async () => {
    const clock = { t: 1_000 };
    const { pin: operator } = setup(clock, sha256Hasher);
    const guide = createPinService(db, createMemoryLogger(), () => clock.t, { hasher: sha256Hasher, table: 'guide_pin' });
    expect(guide.isSet()).toBe(false);
    expect((await code(guide.verify('1357'))).code).toBe('PIN_NOT_SET');
    await operator.setInitial('2468');
    await guide.set('1357');
    expect(guide.isSet()).toBe(true);
    await guide.verify('1357');
    expect((await code(guide.verify('2468'))).code).toBe('PIN_WRONG');
    await operator.verify('2468');
    for (let i = 1; i < MAX_ATTEMPTS; i += 1) await code(guide.verify('0000'));
    expect((await code(guide.verify('1357'))).code).toBe('PIN_LOCKED');
    // The operator PIN is untouched by the guide's lock.
    await operator.verify('2468');
  });

  it('clearAttempts forgets wrong guesses but not a running lock', async () => {
    const clock = { t: 1_000 };
    setup(clock, sha256Hasher);
    const guide = createPinService(db, createMemoryLogger(), () => clock.t, { hasher: sha256Hasher, table: 'guide_pin' });
    await guide.set('1357');
    for (let i = 1; i < MAX_ATTEMPTS; i += 1) await code(guide.verify('0000'));
    guide.clearAttempts();
    expect((await code(guide.verify('0000'))).data.attemptsLeft).toBe(MAX_ATTEMPTS - 1);
    for (let i = 1; i < MAX_ATTEMPTS; i += 1) await code(guide.verify('0000'));
    guide.clearAttempts();
    expect((await code(guide.verify('1357'))).code).toBe('PIN_LOCKED');
  });
});
