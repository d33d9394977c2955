import { EXHIBIT_CONFIG, exhibitConfigSchemaOf, type ExhibitConfigKey, type ExhibitConfigValue } from '../../common/exhibitConfig';
import { KioskError, issuesOf } from '../../common/contract';
import type { Db } from './db/openDatabase';
import type { Logger } from './logger';

export interface ExhibitConfigEntry<K extends ExhibitConfigKey = ExhibitConfigKey> {
  key: K;
  value: ExhibitConfigValue<K>;
  isDefault: boolean;
  updatedAt: number | null;
}

export interface ExhibitConfigService {
  get<K extends ExhibitConfigKey>(key: K): ExhibitConfigEntry<K>;
  set<K extends ExhibitConfigKey>(key: K, value: unknown): ExhibitConfigEntry<K>;
}

/**
 * Per-kiosk exhibit settings (table `exhibit_config`, migration 3), one JSON row per key of
 * common/exhibitConfig.ts. A stored row that no longer passes its schema (an older kiosk version
 * wrote it, or it was edited by hand) is left in place untouched and the key's default is served,
 * with a warning in the log: nothing is deleted behind the operator's back.
 */
export function createExhibitConfigService(db: Db, log: Logger, now: () => number = Date.now): ExhibitConfigService {
  const select = db.prepare('SELECT json, updated_at AS updatedAt FROM exhibit_config WHERE key = ?');
  const upsert = db.prepare(
    'INSERT INTO exhibit_config (key, json, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at',
  );

  const fallback = <K extends ExhibitConfigKey>(key: K): ExhibitConfigEntry<K> => ({
    key,
    value: structuredClone(EXHIBIT_CONFIG[key].default) as ExhibitConfigValue<K>,
    isDefault: true,
    updatedAt: null,
  });

  return {
    get(key) {
      if (!(key in EXHIBIT_CONFIG)) throw new KioskError({ code: 'BAD_REQUEST', message: `unknown exhibit setting "${String(key)}"` });
      const row = select.get(key) as { json: string; updatedAt: number } | undefined;
      if (!row) return fallback(key);
      let raw: unknown;
      try {
        raw = JSON.parse(row.json);
      } catch (err) {
        log.warn('exhibit_config.unreadable', { key, reason: (err as Error).message });
        return fallback(key);
      }
      const parsed = exhibitConfigSchemaOf(key).safeParse(raw);
      if (!parsed.success) {
        log.warn('exhibit_config.invalid', { key, issues: issuesOf(parsed.error) });
        return fallback(key);
      }
      return { key, value: parsed.data as ExhibitConfigValue<typeof key>, isDefault: false, updatedAt: row.updatedAt };
    },
    set(key, value) {
      if (!(key in EXHIBIT_CONFIG)) throw new KioskError({ code: 'BAD_REQUEST', message: `unknown exhibit setting "${String(key)}"` });
      const parsed = exhibitConfigSchemaOf(key).safeParse(value);
      if (!parsed.success) {
        throw new KioskError({
          code: 'BAD_REQUEST',
          message: `invalid value for exhibit setting "${key}"`,
          issues: issuesOf(parsed.error).map((i) => ({
            path: i.path === '(root)' ? 'value' : `value${i.path.startsWith('[') ? '' : '.'}${i.path}`,
            message: i.message,
          })),
        });
      }
      const at = now();
      upsert.run(key, JSON.stringify(parsed.data), at);
      log.info('exhibit_config.updated', { key });
      return { key, value: parsed.data as ExhibitConfigValue<typeof key>, isDefault: false, updatedAt: at };
    },
  };
}
