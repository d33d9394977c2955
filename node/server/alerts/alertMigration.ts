import type { Migration } from '../db/migrations';

/**
 * Fleet alert events: one row per raised or cleared alert (never one per check), with what each delivery (webhook,
 * e-mail) answered. What is alerting now is the newest event of each (kind, kiosk, subject) when it is `raised`,
 * so a restarted server neither repeats an alert nor forgets one.
 */
export const ALERT_MIGRATION: Migration = {
  id: 11,
  name: 'fleet alert events',
  sql: `
    CREATE TABLE alert_events (
      id bigserial PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('kiosk_down', 'camera_error', 'backlog_high', 'disk_low')),
      station_id text NOT NULL,
      kiosk_id text NOT NULL,
      subject text NOT NULL,
      transition text NOT NULL CHECK (transition IN ('raised', 'cleared')),
      at timestamptz NOT NULL,
      since timestamptz NOT NULL,
      detail text NOT NULL,
      deliveries jsonb NOT NULL DEFAULT '[]'
    );
    CREATE INDEX alert_events_key ON alert_events (kind, kiosk_id, subject, id DESC);
    CREATE INDEX alert_events_at ON alert_events (at);
  `,
};
