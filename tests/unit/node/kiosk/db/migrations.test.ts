import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { MIGRATIONS } from '../../../../../node/kiosk/db/migrations';
import { migrate, openDatabase } from '../../../../../node/kiosk/db/openDatabase';
import { createMemoryLogger } from '../../../../../node/kiosk/logger';
import { createServices } from '../../../../../node/kiosk/services';
import { tempDir } from '../../../../fixtures/upload/kioskHarness';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('migration 2: upload outbox', () => {
  it('upgrades a version 1 database with data: every existing bucket is queued, counts untouched', () => {
    const t = tempDir('mig2-');
    cleanups.push(t.cleanup);
    const file = join(t.dir, 'kiosk.db');
    const v1 = new Database(file);
    migrate(
      v1,
      MIGRATIONS.filter((m) => m.version === 1),
    );
    expect(v1.pragma('user_version', { simple: true })).toBe(1);
    const ins = v1.prepare('INSERT INTO usage_buckets VALUES (?, ?, ?, ?, ?)');
    ins.run('kiosk-old', 'session.started', 3_600_000, 12, 4);
    ins.run('kiosk-old', 'exhibit.history.opened', 7_200_000, 3, 1);
    v1.prepare('INSERT INTO settings (id, json, updated_at) VALUES (1, ?, 0)').run(
      JSON.stringify({
        version: 1,
        stationId: 'yangpu-qinhuangdao-rd',
        kioskId: 'kiosk-old',
        exhibits: ['history'],
        defaultLanguage: 'zh-CN',
        idleTimeoutSeconds: 90,
        idleCountdownSeconds: 10,
        timeZone: 'Asia/Shanghai',
        keepDisplayAwake: true,
        startAtLogin: false,
        openingHours: Object.fromEntries(
          ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, { open: '10:00', close: '20:00' }]),
        ),
      }),
    );
    v1.close();

    const db = openDatabase(file, { log: createMemoryLogger() });
    expect(db.pragma('user_version', { simple: true })).toBe(Math.max(...MIGRATIONS.map((m) => m.version)));
    expect(db.prepare('SELECT kiosk_id, metric, hour_start, revision FROM upload_outbox ORDER BY hour_start').all()).toEqual([
      { kiosk_id: 'kiosk-old', metric: 'session.started', hour_start: 3_600_000, revision: 4 },
      { kiosk_id: 'kiosk-old', metric: 'exhibit.history.opened', hour_start: 7_200_000, revision: 1 },
    ]);
    expect(db.prepare('SELECT SUM(value) AS n FROM usage_buckets').get()).toEqual({ n: 15 });
    expect(db.prepare('SELECT consecutive_failures, last_success_at FROM upload_state').get()).toEqual({
      consecutive_failures: 0,
      last_success_at: null,
    });
    db.close();

    // The services on the upgraded folder: settings migrated 1 -> 2, the old kiosk id kept, the backlog visible.
    const s = createServices({ dataDir: t.dir, appVersion: 't', runtime: 'web', log: createMemoryLogger() });
    cleanups.unshift(() => s.close());
    expect(s.settings.get()).toMatchObject({
      version: 2,
      kioskId: 'kiosk-old',
      upload: { url: null, intervalSeconds: 300, enabled: false },
    });
    expect(s.outbox.backlog()).toBe(2);
    expect(s.outbox.nextBatch(10).map((b) => [b.metric, b.value, b.revision])).toEqual([
      ['session.started', 12, 4],
      ['exhibit.history.opened', 3, 1],
    ]);
  });

  it('queues each count in the same transaction: a count that rolls back leaves no outbox row', () => {
    const t = tempDir('mig2tx-');
    cleanups.push(t.cleanup);
    const s = createServices({ dataDir: t.dir, appVersion: 't', runtime: 'web', log: createMemoryLogger() });
    cleanups.unshift(() => s.close());
    s.counter.record('session.started', 2, 3_600_000 + 5);
    s.counter.record('session.started', 1, 3_600_000 + 9);
    expect(s.outbox.peek(5)).toMatchObject([{ metric: 'session.started', hourStart: 3_600_000, revision: 2 }]);
    expect(() =>
      s.db.transaction(() => {
        s.counter.record('language.switched', 1, 3_600_000);
        throw new Error('power cut');
      })(),
    ).toThrow('power cut');
    expect(s.outbox.backlog()).toBe(1);
    expect(s.counter.totals(0, 1e13)).toEqual({ 'session.started': 3 });
    // An acknowledgement below the pending revision clears nothing; at or above, the row goes.
    expect(
      s.outbox.acknowledge([{ kioskId: s.settings.get().kioskId, metric: 'session.started', hourStart: 3_600_000, revision: 1 }]),
    ).toBe(0);
    expect(
      s.outbox.acknowledge([{ kioskId: s.settings.get().kioskId, metric: 'session.started', hourStart: 3_600_000, revision: 2 }]),
    ).toBe(1);
    expect(s.outbox.backlog()).toBe(0);
  });
});

describe('migration 6: operator reprint of a print job', () => {
  it('upgrades a version 5 queue: old jobs keep their rows with no link; each job can be reprinted once only', () => {
    const t = tempDir('mig6-');
    cleanups.push(t.cleanup);
    const file = join(t.dir, 'kiosk.db');
    const v5 = new Database(file);
    migrate(
      v5,
      MIGRATIONS.filter((m) => m.version <= 5),
    );
    expect(v5.pragma('user_version', { simple: true })).toBe(5);
    const ins = v5.prepare(
      "INSERT INTO print_jobs (id, kind, card_id, status, reason, created_at, updated_at) VALUES (?, 'card', 'c1', ?, ?, 1, 1)",
    );
    ins.run('old-failed', 'failed', 'interrupted');
    ins.run('old-done', 'done', null);
    v5.close();

    const db = openDatabase(file, { log: createMemoryLogger() });
    cleanups.unshift(() => db.close());
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(6);
    expect(db.prepare('SELECT id, status, reason, reprint_of FROM print_jobs ORDER BY seq').all()).toEqual([
      { id: 'old-failed', status: 'failed', reason: 'interrupted', reprint_of: null },
      { id: 'old-done', status: 'done', reason: null, reprint_of: null },
    ]);
    const reprint = db.prepare(
      "INSERT INTO print_jobs (id, kind, card_id, status, created_at, updated_at, reprint_of) VALUES (?, 'card', 'c1', 'queued', 2, 2, ?)",
    );
    reprint.run('again-1', 'old-failed');
    expect(() => reprint.run('again-2', 'old-failed')).toThrow(/UNIQUE constraint/);
    // Visitor prints and test pages (no link) are not limited by the index.
    db.prepare(
      "INSERT INTO print_jobs (id, kind, status, created_at, updated_at) VALUES ('t1', 'test', 'queued', 3, 3), ('t2', 'test', 'queued', 3, 3)",
    ).run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM print_jobs').get()).toEqual({ n: 5 });
  });
});
