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
import { UPLOAD_TOKEN, type SecretStore } from './secretStore';

/**
 * scheme://host:port of an upload URL, default ports left out (WHATWG URL origin:
 * https://url.spec.whatwg.org/#concept-url-origin), or null when there is none.
 */
export function uploadOrigin(url: string | null): string | null {
  if (url === null) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

export interface SettingsService {
  get(): Settings;
  update(patch: SettingsPatch): Settings;
  onChange(listener: (s: Settings) => void): () => void;
  /** Reads the stored settings again (after a transaction around update() was rolled back). */
  reload(): Settings;
}

/**
 * Settings live in one row as JSON. On load they are migrated to the current version and
 * validated; anything unreadable is copied to `settings_rejected` (never silently dropped) and
 * the kiosk starts on defaults, keeping the kiosk id so its uploaded counts stay continuous.
 */
export function createSettingsService(
  db: Db,
  log: Logger,
  opts: {
    migrations?: Readonly<Record<number, SettingsMigration>>;
    now?: () => number;
    /** Holds the upload token, which is bound to the upload URL's origin (see update). */
    secrets?: Pick<SecretStore, 'isSet' | 'clear'>;
  } = {},
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
      return fallback(
        row.json,
        issuesOf(parsed.error)
          .map((i) => `${i.path}: ${i.message}`)
          .join('; '),
        kioskId,
      );
    }
    if (JSON.stringify(parsed.data) !== row.json) save(parsed.data);
    return parsed.data;
  };

  const fallback = (json: string, reason: string, kioskId: unknown): Settings => {
    reject(json, reason);
    const id =
      typeof kioskId === 'string' && /^[a-z0-9][a-z0-9-]{1,62}$/.test(kioskId) ? kioskId : `kiosk-${randomBytes(4).toString('hex')}`;
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
      // The token was given for one server: a URL on another origin (scheme, host or port) must not
      // receive it, so it goes before the new URL is stored; the operator enters the new server's token.
      const from = uploadOrigin(current.upload.url);
      const to = uploadOrigin(next.data.upload.url);
      if (from !== to && opts.secrets?.isSet(UPLOAD_TOKEN)) {
        opts.secrets.clear(UPLOAD_TOKEN);
        log.warn('upload.token_cleared', { reason: 'upload URL origin changed', from, to });
      }
      save(next.data);
      current = next.data;
      log.info('settings.updated', { fields: Object.keys(p.data) });
      for (const l of listeners) l(current);
      return current;
    },
    reload() {
      current = db.transaction(load)();
      return current;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
