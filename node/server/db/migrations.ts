/**
 * The schema, as numbered migrations applied in order and recorded in `schema_migrations`. Plain PostgreSQL 15 SQL,
 * the same text for PGlite and for a real server. Never edit a migration once released: add the next one.
 */
import { ALERT_MIGRATION } from '../alerts/alertMigration';
import { ROLLOUT_MIGRATION } from '../rollout/rolloutMigration';

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'district, stations, kiosks, tokens, buckets, daily rollups, heartbeats, users, server keys',
    sql: `
      CREATE TABLE districts (
        id text PRIMARY KEY,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      INSERT INTO districts (id, name) VALUES ('yangpu', '杨浦区 · Yangpu District');

      CREATE TABLE stations (
        id text PRIMARY KEY,
        district_id text NOT NULL REFERENCES districts (id),
        name text NOT NULL,
        -- Daily rollups are local days of the station (IANA zone name, e.g. Asia/Shanghai).
        time_zone text NOT NULL DEFAULT 'Asia/Shanghai',
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE kiosks (
        id text PRIMARY KEY,
        station_id text NOT NULL REFERENCES stations (id),
        name text NOT NULL,
        profile text[],
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (id, station_id)
      );

      -- Only the SHA-256 of a token is kept; a token writes for exactly one kiosk of one station.
      CREATE TABLE tokens (
        id bigserial PRIMARY KEY,
        token_hash bytea NOT NULL UNIQUE,
        kiosk_id text NOT NULL,
        station_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        FOREIGN KEY (kiosk_id, station_id) REFERENCES kiosks (id, station_id)
      );
      CREATE INDEX tokens_kiosk ON tokens (kiosk_id);

      -- Hourly buckets: the highest revision of each (station, kiosk, metric, hour) wins.
      CREATE TABLE buckets (
        station_id text NOT NULL,
        kiosk_id text NOT NULL,
        metric text NOT NULL,
        hour timestamptz NOT NULL,
        value bigint NOT NULL CHECK (value >= 0),
        revision bigint NOT NULL CHECK (revision >= 1),
        received_at timestamptz NOT NULL,
        PRIMARY KEY (station_id, kiosk_id, metric, hour),
        FOREIGN KEY (kiosk_id, station_id) REFERENCES kiosks (id, station_id)
      );
      CREATE INDEX buckets_station_hour ON buckets (station_id, hour);

      -- Sums per station-local day, kept in the same transaction as the buckets that change them, so a district's
      -- year is read from about 365 rows per station and metric instead of 24 times as many hourly rows.
      CREATE TABLE daily_totals (
        station_id text NOT NULL REFERENCES stations (id),
        day date NOT NULL,
        metric text NOT NULL,
        kiosk_id text NOT NULL,
        value bigint NOT NULL,
        PRIMARY KEY (station_id, day, metric, kiosk_id)
      );

      -- Idempotency keys are remembered with the answer they got, in the transaction that stored the batch.
      CREATE TABLE idempotency_keys (
        kiosk_id text NOT NULL,
        key text NOT NULL,
        body_hash text NOT NULL,
        status integer NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (kiosk_id, key)
      );
      CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

      CREATE TABLE heartbeats (
        id bigserial PRIMARY KEY,
        station_id text NOT NULL,
        kiosk_id text NOT NULL,
        received_at timestamptz NOT NULL,
        sent_at timestamptz NOT NULL,
        body jsonb NOT NULL,
        FOREIGN KEY (kiosk_id, station_id) REFERENCES kiosks (id, station_id)
      );
      CREATE INDEX heartbeats_kiosk_received ON heartbeats (kiosk_id, received_at DESC);

      CREATE TABLE users (
        name text PRIMARY KEY,
        role text NOT NULL CHECK (role IN ('district', 'station')),
        station_id text REFERENCES stations (id),
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((role = 'station') = (station_id IS NOT NULL))
      );

      -- The server's ed25519 key pair (signs content-pack manifests; the public half goes into provisioning files).
      CREATE TABLE server_keys (
        id text PRIMARY KEY,
        public_pem text NOT NULL,
        private_pem text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    id: 2,
    name: 'console sessions',
    sql: `
      -- Only the SHA-256 of the session cookie is kept; the CSRF token is sent back in a header on every change.
      CREATE TABLE sessions (
        id_hash bytea PRIMARY KEY,
        user_name text NOT NULL REFERENCES users (name) ON DELETE CASCADE,
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX sessions_expires ON sessions (expires_at);
    `,
  },
  {
    id: 3,
    name: 'station hourly and daily rollups',
    sql: `
      -- The sums per station over its kiosks, by hour and by station-local day, kept in the ingest transaction beside
      -- daily_totals: the station page's hours and heat map and the district page read one row per station, hour
      -- (or day) and metric, instead of summing one per kiosk (a station of 50 kiosks: 50 times fewer rows; a
      -- district month of 20 stations is about 2,400 rows instead of 120,000 scanned out of 1.5 million a year).
      CREATE TABLE station_hourly_totals (
        station_id text NOT NULL REFERENCES stations (id),
        hour timestamptz NOT NULL,
        metric text NOT NULL,
        value bigint NOT NULL,
        PRIMARY KEY (station_id, hour, metric)
      );
      INSERT INTO station_hourly_totals (station_id, hour, metric, value)
        SELECT station_id, hour, metric, sum(value) FROM buckets GROUP BY station_id, hour, metric;
      CREATE TABLE station_daily_totals (
        station_id text NOT NULL REFERENCES stations (id),
        day date NOT NULL,
        metric text NOT NULL,
        value bigint NOT NULL,
        PRIMARY KEY (station_id, day, metric)
      );
      CREATE INDEX station_daily_totals_day ON station_daily_totals (day);
      INSERT INTO station_daily_totals (station_id, day, metric, value)
        SELECT station_id, day, metric, sum(value) FROM daily_totals GROUP BY station_id, day, metric;
    `,
  },
  ROLLOUT_MIGRATION,
  ALERT_MIGRATION,
];
