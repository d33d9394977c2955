import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSettingsService } from '../../../../node/kiosk/settingsService';
import { createMemoryLogger } from '../../../../node/kiosk/logger';
import { defaultSettings, SETTINGS_VERSION } from '../../../../common/settings';
import { KioskError } from '../../../../common/contract';
import { useFreshDatabases } from '../../../fixtures/freshDatabases';

const { fresh: freshDb, reopen } = useFreshDatabases();

describe('settings service', () => {
  it('creates defaults with a generated kiosk id on first start, and persists updates', () => {
    const { db, file } = freshDb();
    const s = createSettingsService(db, createMemoryLogger());
    const first = s.get();
    expect(first.kioskId).toMatch(/^kiosk-[0-9a-f]{8}$/);
    expect(first.version).toBe(SETTINGS_VERSION);
    s.update({ idleTimeoutSeconds: 120, defaultLanguage: 'en' });
    db.close();
    const db2 = reopen(file);
    const again = createSettingsService(db2, createMemoryLogger()).get();
    expect(again).toMatchObject({ idleTimeoutSeconds: 120, defaultLanguage: 'en', kioskId: first.kioskId });
  });

  it('rejects an invalid update with every problem and keeps the old value', () => {
    const { db } = freshDb();
    const s = createSettingsService(db, createMemoryLogger());
    let err: unknown;
    try {
      s.update({ idleTimeoutSeconds: 2, exhibits: [] } as never);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(KioskError);
    expect((err as KioskError).data.issues?.map((i) => i.path).sort()).toEqual(['exhibits', 'idleTimeoutSeconds']);
    expect(s.get().idleTimeoutSeconds).toBe(90);
  });

  it('notifies listeners of changes', () => {
    const { db } = freshDb();
    const s = createSettingsService(db, createMemoryLogger());
    const seen: number[] = [];
    s.onChange((x) => seen.push(x.idleTimeoutSeconds));
    s.update({ idleTimeoutSeconds: 60 });
    expect(seen).toEqual([60]);
  });

  it('loads a settings file written by version 1 of the kiosk and brings it to the current version', () => {
    const { db } = freshDb();
    const v1 = readFileSync(join(__dirname, '../../../fixtures/settings-v1.json'), 'utf8');
    db.prepare('INSERT INTO settings (id, json, updated_at) VALUES (1, ?, 0)').run(v1);
    const log = createMemoryLogger();
    const s = createSettingsService(db, log);
    expect(s.get()).toMatchObject({
      version: SETTINGS_VERSION,
      kioskId: 'kiosk-0a1b2c3d',
      exhibits: ['history', 'postcard'],
      defaultLanguage: 'en',
      idleTimeoutSeconds: 45,
      openingHours: { mon: null, sat: { open: '09:00', close: '21:00' } },
    });
    expect(db.prepare('SELECT count(*) AS n FROM settings_rejected').get()).toEqual({ n: 0 });
    // The migrated form is written back, so the next start does not migrate again.
    expect(JSON.parse((db.prepare('SELECT json FROM settings').get() as { json: string }).json).version).toBe(SETTINGS_VERSION);
  });

  it('keeps a stored object with no valid version aside and keeps the kiosk id', () => {
    const { db } = freshDb();
    const old = { ...defaultSettings('kiosk-abc123'), version: 0, idleSeconds: 45 } as Record<string, unknown>;
    delete old.idleTimeoutSeconds;
    db.prepare('INSERT INTO settings (id, json, updated_at) VALUES (1, ?, 0)').run(JSON.stringify(old));
    // Versions start at 1: even with a step offered for 0, the object is refused, kept in settings_rejected, and replaced by defaults.
    const log = createMemoryLogger();
    const s = createSettingsService(db, log, { migrations: { 0: (o) => ({ ...o, idleTimeoutSeconds: o.idleSeconds }) } });
    expect(s.get().kioskId).toBe('kiosk-abc123');
    expect(s.get().idleTimeoutSeconds).toBe(90);
    const rejected = db.prepare('SELECT json, reason FROM settings_rejected').all() as { json: string; reason: string }[];
    expect(rejected).toHaveLength(1);
    expect(JSON.parse(rejected[0]!.json).idleSeconds).toBe(45);
    expect(rejected[0]!.reason).toMatch(/no valid version/);
  });

  it('keeps unreadable settings aside (never lost) and starts on defaults', () => {
    const { db } = freshDb();
    db.prepare("INSERT INTO settings (id, json, updated_at) VALUES (1, '{not json', 0)").run();
    const log = createMemoryLogger();
    const s = createSettingsService(db, log);
    expect(s.get().defaultLanguage).toBe('zh-CN');
    expect(db.prepare('SELECT json FROM settings_rejected').get()).toEqual({ json: '{not json' });
    expect(log.lines.find((l) => l.event === 'settings.rejected')?.reason).toMatch(/not JSON/);
  });

  it('refuses settings written by a newer kiosk without losing them', () => {
    const { db } = freshDb();
    const newer = JSON.stringify({ ...defaultSettings('kiosk-future1'), version: SETTINGS_VERSION + 1 });
    db.prepare('INSERT INTO settings (id, json, updated_at) VALUES (1, ?, 0)').run(newer);
    const s = createSettingsService(db, createMemoryLogger());
    expect(s.get().kioskId).toBe('kiosk-future1');
    expect(db.prepare('SELECT json FROM settings_rejected').get()).toEqual({ json: newer });
  });
});
