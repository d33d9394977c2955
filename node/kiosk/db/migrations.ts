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
  {
    version: 2,
    name: 'upload outbox and upload state',
    up(db) {
      db.exec(`
        -- One pending row per bucket: the latest revision still to be acknowledged by the receiver.
        -- Written in the same transaction as the count (usageCounter.onRecordInTransaction).
        CREATE TABLE upload_outbox (
          kiosk_id TEXT NOT NULL,
          metric TEXT NOT NULL,
          hour_start INTEGER NOT NULL,
          revision INTEGER NOT NULL,
          queued_at INTEGER NOT NULL,
          PRIMARY KEY (kiosk_id, metric, hour_start)
        ) WITHOUT ROWID;
        -- Oldest first without sorting the whole backlog for every batch.
        CREATE INDEX upload_outbox_order ON upload_outbox (hour_start, metric, kiosk_id);
        CREATE TABLE upload_state (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          last_attempt_at INTEGER,
          last_success_at INTEGER,
          last_error TEXT,
          last_error_at INTEGER,
          consecutive_failures INTEGER NOT NULL DEFAULT 0,
          last_heartbeat_at INTEGER,
          buckets_acknowledged INTEGER NOT NULL DEFAULT 0
        );
        INSERT INTO upload_state (id) VALUES (1);
        -- The dashboard and CSV export read whole date ranges: a covering index answers them
        -- without a lookup per bucket (one year = 175,000 buckets for 20 metrics).
        CREATE INDEX usage_buckets_range ON usage_buckets (hour_start, metric, kiosk_id, value);
        -- Counts recorded before this version have never been uploaded: queue them all.
        INSERT INTO upload_outbox (kiosk_id, metric, hour_start, revision, queued_at)
          SELECT kiosk_id, metric, hour_start, revision, 0 FROM usage_buckets;
      `);
    },
  },
  {
    version: 3,
    name: 'per-kiosk exhibit settings',
    up(db) {
      db.exec(`
        -- One row per key of common/exhibitConfig.ts (e.g. 'history.panel'), the value as JSON.
        CREATE TABLE exhibit_config (
          key TEXT PRIMARY KEY,
          json TEXT NOT NULL,
          updated_at INTEGER NOT NULL
        );
      `);
    },
  },
  {
    version: 4,
    name: 'postcards and visitor photos awaiting take-away',
    up(db) {
      db.exec(`
        -- One row per stored card or photo (node/kiosk/postcards/cardStore.ts). The file is
        -- postcards/<id>.<ext>; the URL token itself is never stored, only its SHA-256, so neither
        -- this table nor the folder's file names reveal a working link.
        CREATE TABLE postcards (
          id TEXT PRIMARY KEY,
          token_hash BLOB NOT NULL UNIQUE,
          kind TEXT NOT NULL CHECK (kind IN ('card', 'photo')),
          mime TEXT,                        -- NULL while a link is reserved and the card not yet saved
          bytes INTEGER NOT NULL DEFAULT 0,
          width INTEGER NOT NULL DEFAULT 0,
          height INTEGER NOT NULL DEFAULT 0,
          created_at INTEGER NOT NULL,
          expires_at INTEGER NOT NULL,
          picked_up_at INTEGER,             -- first GET of the image by a phone
          prints_used INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
        CREATE INDEX postcards_expiry ON postcards (expires_at);
      `);
    },
  },
  {
    version: 5,
    name: 'durable postcard print queue',
    up(db) {
      db.exec(`
        -- One row per print job (node/kiosk/postcards/printJobStore.ts), written before the
        -- visitor is told "queued", so a crash or restart loses none. No foreign key to postcards:
        -- a card may expire and be swept while its job waits; the job then fails as 'card_expired'.
        CREATE TABLE print_jobs (
          seq INTEGER PRIMARY KEY AUTOINCREMENT, -- order of arrival
          id TEXT NOT NULL UNIQUE,
          kind TEXT NOT NULL CHECK (kind IN ('card', 'test')),
          card_id TEXT,
          status TEXT NOT NULL CHECK (status IN ('queued', 'printing', 'done', 'failed')),
          reason TEXT,                            -- set when failed (see PrintFailureReason)
          message TEXT,
          output TEXT,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          CHECK ((kind = 'card') = (card_id IS NOT NULL))
        );
        CREATE INDEX print_jobs_status ON print_jobs (status, seq);
      `);
    },
  },
  {
    version: 6,
    name: 'operator reprint of a failed postcard print job',
    up(db) {
      db.exec(`
        -- The failed job an operator's reprint repeats (node/kiosk/postcards/reprint.ts); NULL for
        -- a visitor's print or a test page. The unique index lets each failed job be reprinted once
        -- only, even if two taps (or two screens) race: the second INSERT fails in the database.
        ALTER TABLE print_jobs ADD COLUMN reprint_of TEXT;
        CREATE UNIQUE INDEX print_jobs_reprint_of ON print_jobs (reprint_of) WHERE reprint_of IS NOT NULL;
      `);
    },
  },
  {
    version: 7,
    name: 'operator PIN: growing lockouts and a one-time PIN that must be changed',
    up(db) {
      db.exec(`
        -- Lockouts since the last right PIN (node/kiosk/pinService.ts): each one locks longer.
        ALTER TABLE operator_pin ADD COLUMN lockouts INTEGER NOT NULL DEFAULT 0;
        -- 1: an installer's one-time PIN; the console asks for a new one at the first sign-in.
        ALTER TABLE operator_pin ADD COLUMN must_change INTEGER NOT NULL DEFAULT 0;
      `);
    },
  },
  {
    version: 8,
    name: 'provisioning: first start time, kiosk name and the server key',
    up(db) {
      db.exec(`
        -- node/kiosk/provisioning/provisioningStore.ts. first_start_at bounds the on-screen first-run PIN
        -- of a kiosk nobody provisioned; provisioned_at is set by kioskctl provision or provisioning.json.
        CREATE TABLE kiosk_provisioning (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          first_start_at INTEGER NOT NULL,
          provisioned_at INTEGER,
          kiosk_name TEXT,
          server_public_key TEXT    -- SPKI PEM (ed25519) that will check signed content-pack manifests
        );
      `);
    },
  },
  {
    version: 9,
    name: 'guide PIN',
    up(db) {
      db.exec(`
        -- The guide PIN (node/kiosk/pinService.ts with table guide_pin): set by the operator, opens the lesson
        -- runner only. Its own attempts and locks, so a guide's typos never lock the operator out.
        CREATE TABLE guide_pin (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          hash TEXT NOT NULL,
          salt TEXT NOT NULL,
          params TEXT NOT NULL,
          failed_attempts INTEGER NOT NULL DEFAULT 0,
          locked_until INTEGER NOT NULL DEFAULT 0,
          lockouts INTEGER NOT NULL DEFAULT 0,
          must_change INTEGER NOT NULL DEFAULT 0
        );
      `);
    },
  },
];
