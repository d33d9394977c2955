import type { Database } from 'better-sqlite3';

export interface Migration {
  /** Becomes `PRAGMA user_version` once applied. Strictly increasing, never reused. */
  version: number;
  name: string;
  up(db: Database): void;
}

/**
 * The schema's history. Append only: a kiosk in the field may be any number of versions behind,
 * and runs every step it lacks, each in its own transaction.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'settings, operator PIN, hourly usage buckets',
    up(db) {
      db.exec(`
        CREATE TABLE settings (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          json TEXT NOT NULL,
          updated_at INTEGER NOT NULL
        );
        -- Settings that could not be read are kept here, never thrown away.
        CREATE TABLE settings_rejected (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          json TEXT NOT NULL,
          reason TEXT NOT NULL,
          rejected_at INTEGER NOT NULL
        );
        CREATE TABLE operator_pin (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          hash TEXT NOT NULL,
          salt TEXT NOT NULL,
          params TEXT NOT NULL,
          failed_attempts INTEGER NOT NULL DEFAULT 0,
          locked_until INTEGER NOT NULL DEFAULT 0
        );
        -- Anonymous counts: one row per kiosk, metric and UTC hour. Never a row per visitor.
        CREATE TABLE usage_buckets (
          kiosk_id TEXT NOT NULL,
          metric TEXT NOT NULL,
          hour_start INTEGER NOT NULL, -- Unix milliseconds at the start of the UTC hour
          value INTEGER NOT NULL,
          revision INTEGER NOT NULL,   -- bumped on every change, so an uploader can send the latest
          PRIMARY KEY (kiosk_id, metric, hour_start)
        ) WITHOUT ROWID;
        CREATE INDEX usage_buckets_hour ON usage_buckets (hour_start);
      `);
    },
  },
];
