import type { Migration } from '../db/migrations';

/**
 * Content-pack rollout: uploaded packs (the zip stays on disk in the server's data folder, named by its SHA-256;
 * the database holds what it is), rollouts to stations or kiosks in waves, and each kiosk's state in a rollout.
 */
export const ROLLOUT_MIGRATION: Migration = {
  id: 10,
  name: 'content packs, rollouts in waves, per-kiosk rollout state',
  sql: `
    CREATE TABLE packs (
      sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      pack_id text NOT NULL,
      version text NOT NULL,
      size bigint NOT NULL CHECK (size > 0),
      title text NOT NULL,
      uploaded_at timestamptz NOT NULL,
      UNIQUE (pack_id, version)
    );

    CREATE TABLE rollouts (
      id bigserial PRIMARY KEY,
      sha256 text NOT NULL REFERENCES packs (sha256),
      -- A rollback may go below the version kiosks already run; the kiosk accepts that only when signed as such.
      rollback boolean NOT NULL,
      -- The next wave opens when this share of the open waves' kiosks installed the pack …
      advance_share real NOT NULL CHECK (advance_share > 0 AND advance_share <= 1),
      -- … and the rollout stops when this share of them failed or refused it.
      stop_failed_share real NOT NULL CHECK (stop_failed_share > 0 AND stop_failed_share <= 1),
      state text NOT NULL CHECK (state IN ('running', 'stopped', 'done')),
      stop_reason text,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL
    );

    CREATE TABLE rollout_targets (
      rollout_id bigint NOT NULL REFERENCES rollouts (id),
      kiosk_id text NOT NULL,
      station_id text NOT NULL,
      wave integer NOT NULL CHECK (wave >= 1),
      status text NOT NULL CHECK (status IN ('waiting', 'offered', 'installed', 'failed', 'refused', 'superseded')),
      code text,
      reason text,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (rollout_id, kiosk_id),
      FOREIGN KEY (kiosk_id, station_id) REFERENCES kiosks (id, station_id)
    );
    CREATE INDEX rollout_targets_kiosk ON rollout_targets (kiosk_id, status);
  `,
};
