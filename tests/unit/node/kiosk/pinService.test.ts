import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../../../node/kiosk/db/openDatabase';
import { createPinService, LOCK_MS, MAX_ATTEMPTS } from '../../../../node/kiosk/pinService';
import { createMemoryLogger } from '../../../../node/kiosk/logger';
import { KioskError } from '../../../../common/contract';
import { makeTempDir } from '../../../fixtures/tempDir';

let db: Db;
let cleanup = (): void => {};
afterEach(() => {
  if (db?.open) db.close();
  cleanup();
});

function setup(clock: { t: number }) {
  const t = makeTempDir();
  cleanup = t.cleanup;
  const file = join(t.dir, 'kiosk.db');
  db = openDatabase(file, { log: createMemoryLogger() });
  return { file, pin: createPinService(db, createMemoryLogger(), () => clock.t) };
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
});
