import { afterEach, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate, openDatabase } from '../../../../../node/kiosk/db/openDatabase';
import { MIGRATIONS, type Migration } from '../../../../../node/kiosk/db/migrations';
import { createMemoryLogger } from '../../../../../node/kiosk/logger';
import { makeTempDir } from '../../../../fixtures/tempDir';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

const latest = Math.max(...MIGRATIONS.map((m) => m.version));

describe('openDatabase', () => {
  it('opens in WAL with synchronous=FULL and applies every migration', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const db = openDatabase(join(t.dir, 'kiosk.db'), { log: createMemoryLogger() });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['settings', 'operator_pin', 'usage_buckets']));
    db.close();
  });

  it('moves a corrupt file aside with a log line and starts fresh instead of crashing', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const file = join(t.dir, 'kiosk.db');
    writeFileSync(file, Buffer.alloc(8192, 0x5a)); // not a database
    const log = createMemoryLogger();
    const db = openDatabase(file, { log, now: () => Date.parse('2026-11-23T02:00:00Z') });
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
    db.close();
    const aside = readdirSync(t.dir).filter((n) => n.startsWith('kiosk.db.corrupt-'));
    expect(aside).toEqual(['kiosk.db.corrupt-2026-11-23T02-00-00-000Z']);
    expect(log.lines.find((l) => l.event === 'database.corrupt_moved_aside')).toMatchObject({ level: 'error', file });
  });

  it('detects a database whose pages are damaged (integrity check fails)', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const file = join(t.dir, 'kiosk.db');
    const seed = new Database(file);
    seed.pragma('journal_mode = DELETE');
    seed.exec('CREATE TABLE t (x TEXT); CREATE INDEX tx ON t(x);');
    const ins = seed.prepare('INSERT INTO t VALUES (?)');
    seed.transaction(() => {
      for (let i = 0; i < 2000; i += 1) ins.run(`row-${i}-${'x'.repeat(50)}`);
    })();
    seed.close();
    // Overwrite a page in the middle of the file with garbage, keeping the header valid.
    const fd = Buffer.alloc(4096, 0xff);
    const h = fs.openSync(file, 'r+');
    fs.writeSync(h, fd, 0, fd.length, 4096 * 3);
    fs.closeSync(h);
    const log = createMemoryLogger();
    const db = openDatabase(file, { log });
    expect((db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 't'").get() as { n: number }).n).toBe(0);
    db.close();
    expect(readdirSync(t.dir).some((n) => n.startsWith('kiosk.db.corrupt-'))).toBe(true);
    expect(log.lines.some((l) => l.event === 'database.corrupt_moved_aside')).toBe(true);
  });

  it('keeps data across reopen and does not re-run applied migrations', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const file = join(t.dir, 'kiosk.db');
    const db = openDatabase(file, { log: createMemoryLogger() });
    db.prepare("INSERT INTO settings (id, json, updated_at) VALUES (1, '{}', 0)").run();
    db.close();
    const again = openDatabase(file, { log: createMemoryLogger() });
    expect(again.prepare('SELECT json FROM settings').get()).toEqual({ json: '{}' });
    again.close();
    expect(existsSync(file)).toBe(true);
  });

  it('applies a new migration atomically and rolls back a failing one', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const db = new Database(join(t.dir, 'm.db'));
    const good: Migration = { version: 1, name: 'a', up: (d) => d.exec('CREATE TABLE a (x)') };
    const bad: Migration = {
      version: 2,
      name: 'b',
      up: (d) => {
        d.exec('CREATE TABLE b (x)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [good, bad])).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
    db.close();
  });

  it('refuses a database from a newer kiosk instead of touching it', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const file = join(t.dir, 'kiosk.db');
    const seed = new Database(file);
    seed.pragma(`user_version = ${latest + 5}`);
    seed.close();
    expect(() => openDatabase(file, { log: createMemoryLogger() })).toThrow(/newer than this kiosk/);
  });
});
