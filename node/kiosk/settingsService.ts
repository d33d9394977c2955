import { randomBytes } from 'node:crypto';
import {
  defaultSettings,
  migrateSettings,
  SettingsPatchSchema,
  SettingsSchema,
  SETTINGS_MIGRATIONS,
  SETTINGS_VERSION,
  type Settings,
  type SettingsMigration,
  type SettingsPatch,
} from '../../common/settings';
import { KioskError, issuesOf } from '../../common/contract';
import type { Db } from './db/openDatabase';
import type { Logger } from './logger';

export interface SettingsService {
  get(): Settings;
  update(patch: SettingsPatch): Settings;
  onChange(listener: (s: Settings) => void): () => void;
}

/**
 * Settings live in one row as JSON. On load they are migrated to the current version and
 * validated; anything unreadable is copied to `settings_rejected` (never silently dropped) and
 * the kiosk starts on defaults, keeping the kiosk id so its uploaded counts stay continuous.
 */
export function createSettingsService(
  db: Db,
  log: Logger,
  opts: { migrations?: Readonly<Record<number, SettingsMigration>>; now?: () => number } = {},
): SettingsService {
  const now = opts.now ?? Date.now;
  const listeners = new Set<(s: Settings) => void>();

  const save = (s: Settings): void => {
    db.prepare(
      'INSERT INTO settings (id, json, updated_at) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at',
    ).run(JSON.stringify(s), now());
  };

  const reject = (json: string, reason: string): void => {
    db.prepare('INSERT INTO settings_rejected (json, reason, rejected_at) VALUES (?, ?, ?)').run(json, reason, now());
    log.error('settings.rejected', { reason });
  };

  const load = (): Settings => {
    const row = db.prepare('SELECT json FROM settings WHERE id = 1').get() as { json: string } | undefined;
    if (!row) {
      const fresh = defaultSettings(`kiosk-${randomBytes(4).toString('hex')}`);
      save(fresh);
      log.info('settings.created', { kioskId: fresh.kioskId });
      return fresh;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(row.json);
    } catch (err) {
      return fallback(row.json, `not JSON: ${(err as Error).message}`, undefined);
    }
    const kioskId = (raw as { kioskId?: unknown } | null)?.kioskId;
    let migrated: Record<string, unknown>;
    try {
      const from = (raw as { version?: unknown }).version;
      migrated = migrateSettings(raw, opts.migrations ?? SETTINGS_MIGRATIONS, SETTINGS_VERSION);
      if (from !== SETTINGS_VERSION) log.info('settings.migrated', { from, to: SETTINGS_VERSION });
    } catch (err) {
      return fallback(row.json, (err as Error).message, kioskId);
    }
    const parsed = SettingsSchema.safeParse(migrated);
    if (!parsed.success) {
      return fallback(row.json, issuesOf(parsed.error).map((i) => `${i.path}: ${i.message}`).join('; '), kioskId);
    }
    if (JSON.stringify(parsed.data) !== row.json) save(parsed.data);
    return parsed.data;
  };

  const fallback = (json: string, reason: string, kioskId: unknown): Settings => {
    reject(json, reason);
    const id = typeof kioskId === 'string' && /^[a-z0-9][a-z0-9-]{1,62}$/.test(kioskId) ? kioskId : `kiosk-${randomBytes(4).toString('hex')}`;
    const fresh = defaultSettings(id);
    save(fresh);
    return fresh;
  };

  let current = db.transaction(load)();

  return {
    get: () => current,
    update(patch) {
      const p = SettingsPatchSchema.safeParse(patch);
      if (!p.success) throw new KioskError({ code: 'BAD_REQUEST', message: 'invalid settings', issues: issuesOf(p.error) });
      const next = SettingsSchema.safeParse({ ...current, ...p.data });
      if (!next.success) throw new KioskError({ code: 'BAD_REQUEST', message: 'invalid settings', issues: issuesOf(next.error) });
      save(next.data);
      current = next.data;
      log.info('settings.updated', { fields: Object.keys(p.data) });
      for (const l of listeners) l(current);
      return current;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
