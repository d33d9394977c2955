import { hourToWire, type BucketBatch, type Heartbeat, type WireBucket } from '../../../common/uploadProtocol';
import type { Db, Queryable } from '../db/Db';
import type { TokenScope } from './registry';

export interface StoredAnswer {
  status: number;
  body: string;
  replayed: boolean;
}

/** How far one batch may move a bucket's revision above the one held (a kiosk adds one per count). */
export const DEFAULT_MAX_REVISION_JUMP = 1_000_000;

export class RevisionJumpError extends Error {
  constructor(readonly offenders: { metric: string; hour: string; held: number; revision: number }[]) {
    super(`revision jumps by more than allowed for ${offenders.length} bucket(s)`);
  }
}

const keyOf = (metric: string, hourMs: number): string => `${metric}|${hourMs}`;

/**
 * Looks up an idempotency key inside the transaction: the stored answer (same body), 'mismatch' (other body) or null.
 * Keys are scoped by kiosk and by kind, so two kiosks never share one.
 */
async function recall(tx: Queryable, kioskId: string, key: string, bodyHash: string): Promise<StoredAnswer | 'mismatch' | null> {
  const rows = await tx.query<{ body_hash: string; status: number; body: string }>(
    'SELECT body_hash, status, body FROM idempotency_keys WHERE kiosk_id = $1 AND key = $2',
    [kioskId, key],
  );
  const r = rows[0];
  if (!r) return null;
  return r.body_hash === bodyHash ? { status: r.status, body: r.body, replayed: true } : 'mismatch';
}

/**
 * Stores a batch for the token's kiosk: in ONE transaction it takes the kiosk's advisory lock (so two uploads of
 * one kiosk, e.g. a retry racing the original, run one after the other), answers a known idempotency key from its
 * record, keeps the highest revision of each bucket, adds the value differences to the daily rollups and records
 * the key with its answer. A revision that jumps more than `maxRevisionJump` above the one held refuses the whole
 * batch (nothing stored).
 */
export async function storeBatch(
  db: Db,
  scope: TokenScope,
  batch: BucketBatch,
  idem: { key: string; bodyHash: string },
  opts: { now: Date; maxRevisionJump?: number },
): Promise<StoredAnswer | 'mismatch'> {
  const maxJump = opts.maxRevisionJump ?? DEFAULT_MAX_REVISION_JUMP;
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`kiosk:${scope.kioskId}`]);
    const prior = await recall(tx, scope.kioskId, `buckets:${idem.key}`, idem.bodyHash);
    if (prior) return prior;

    const accepted = await applyBuckets(tx, scope, batch.buckets, opts.now, maxJump);
    const answer = { status: 200, body: JSON.stringify({ accepted }), replayed: false };
    await remember(tx, scope.kioskId, `buckets:${idem.key}`, idem.bodyHash, answer, opts.now);
    return answer;
  });
}

/**
 * Keeps the highest revision of each bucket of one kiosk and adds the value differences to the daily rollups; the
 * caller holds the transaction (and the kiosk's lock). Returns, per input bucket, the revision now held.
 */
export async function applyBuckets(
  tx: Queryable,
  scope: { kioskId: string; stationId: string },
  buckets: readonly WireBucket[],
  now: Date,
  maxJump: number,
): Promise<{ kioskId: string; metric: string; hour: string; revision: number }[]> {
  // One winner per bucket within the batch (ON CONFLICT may not touch one row twice in a statement).
  const wanted = new Map<string, { metric: string; hourMs: number; value: number; revision: number }>();
  for (const b of buckets) {
    const hourMs = Date.parse(b.hour);
    const k = keyOf(b.metric, hourMs);
    const prev = wanted.get(k);
    if (!prev || b.revision > prev.revision) wanted.set(k, { metric: b.metric, hourMs, value: b.value, revision: b.revision });
  }
  const list = [...wanted.values()];
  const held = new Map<string, { value: number; revision: number }>();
  const old = await tx.query<{ metric: string; hour: Date; value: number; revision: number }>(
    `SELECT b.metric, b.hour, b.value, b.revision FROM buckets b
       JOIN unnest($3::text[], $4::timestamptz[]) AS w(metric, hour) ON b.metric = w.metric AND b.hour = w.hour
      WHERE b.station_id = $1 AND b.kiosk_id = $2`,
    [scope.stationId, scope.kioskId, list.map((w) => w.metric), list.map((w) => new Date(w.hourMs).toISOString())],
  );
  for (const o of old) held.set(keyOf(o.metric, new Date(o.hour).getTime()), { value: Number(o.value), revision: Number(o.revision) });

  const offenders = list.flatMap((w) => {
    const h = held.get(keyOf(w.metric, w.hourMs))?.revision ?? 0;
    return w.revision - h > maxJump ? [{ metric: w.metric, hour: hourToWire(w.hourMs), held: h, revision: w.revision }] : [];
  });
  if (offenders.length > 0) throw new RevisionJumpError(offenders.slice(0, 20));

  const winners = list.filter((w) => w.revision > (held.get(keyOf(w.metric, w.hourMs))?.revision ?? 0));
  if (winners.length > 0) {
    const cols = [
      winners.map((w) => w.metric),
      winners.map((w) => new Date(w.hourMs).toISOString()),
      winners.map((w) => w.value),
      winners.map((w) => w.revision),
      winners.map((w) => w.value - (held.get(keyOf(w.metric, w.hourMs))?.value ?? 0)),
    ];
    await tx.query(
      `INSERT INTO buckets (station_id, kiosk_id, metric, hour, value, revision, received_at)
       SELECT $1, $2, w.metric, w.hour, w.value, w.revision, $7
         FROM unnest($3::text[], $4::timestamptz[], $5::int8[], $6::int8[]) AS w(metric, hour, value, revision)
       ON CONFLICT (station_id, kiosk_id, metric, hour) DO UPDATE
         SET value = excluded.value, revision = excluded.revision, received_at = excluded.received_at
         WHERE excluded.revision > buckets.revision`,
      [scope.stationId, scope.kioskId, cols[0], cols[1], cols[2], cols[3], now],
    );
    // The value differences go into the rollups: the kiosk's per day, the station's per hour and per day. The
    // station's rows are shared by its kiosks' uploads, so every upload locks them in one order (the station's hours,
    // then its days, each sorted), and two uploads of one station wait for each other but never deadlock; that is
    // also why these are separate statements and not one with data-modifying WITH parts, whose order is unspecified
    // (https://www.postgresql.org/docs/15/queries-with.html#QUERIES-WITH-MODIFYING). The day is the station's local
    // day (https://www.postgresql.org/docs/15/functions-datetime.html#FUNCTIONS-DATETIME-ZONECONVERT). Both day
    // rollups take the same sums, so they are added up once, before any rollup row is locked; as text, so that
    // neither driver turns a day into a Date of its own time zone or a sum into a rounded number.
    const deltas = [scope.stationId, cols[0], cols[1], cols[4]];
    const days = await tx.query<{ day: string; metric: string; delta: string }>(
      `SELECT to_char((w.hour AT TIME ZONE s.time_zone)::date, 'YYYY-MM-DD') AS day, w.metric, sum(w.delta)::text AS delta
         FROM unnest($2::text[], $3::timestamptz[], $4::int8[]) AS w(metric, hour, delta)
         JOIN stations s ON s.id = $1
        GROUP BY 1, 2 ORDER BY 1, 2`,
      deltas,
    );
    const dayDeltas = [scope.stationId, days.map((d) => d.day), days.map((d) => d.metric), days.map((d) => d.delta)];
    const perDay = `SELECT g.day, g.metric, g.delta FROM unnest($2::date[], $3::text[], $4::int8[]) AS g(day, metric, delta)
        ORDER BY g.day, g.metric`;
    await tx.query(
      `INSERT INTO daily_totals (station_id, day, metric, kiosk_id, value)
       SELECT $1, day, metric, $5, delta FROM (${perDay}) g
       ON CONFLICT (station_id, day, metric, kiosk_id) DO UPDATE SET value = daily_totals.value + excluded.value`,
      [...dayDeltas, scope.kioskId],
    );
    await tx.query(
      `INSERT INTO station_hourly_totals (station_id, hour, metric, value)
       SELECT $1, w.hour, w.metric, w.delta FROM unnest($2::text[], $3::timestamptz[], $4::int8[]) AS w(metric, hour, delta)
        ORDER BY w.hour, w.metric
       ON CONFLICT (station_id, hour, metric) DO UPDATE SET value = station_hourly_totals.value + excluded.value`,
      deltas,
    );
    await tx.query(
      `INSERT INTO station_daily_totals (station_id, day, metric, value)
       SELECT $1, day, metric, delta FROM (${perDay}) g
       ON CONFLICT (station_id, day, metric) DO UPDATE SET value = station_daily_totals.value + excluded.value`,
      dayDeltas,
    );
  }
  return buckets.map((b) => {
    const hourMs = Date.parse(b.hour);
    const k = keyOf(b.metric, hourMs);
    const holds = Math.max(held.get(k)?.revision ?? 0, wanted.get(k)?.revision ?? 0);
    return { kioskId: b.kioskId, metric: b.metric, hour: hourToWire(hourMs), revision: holds };
  });
}

async function remember(tx: Queryable, kioskId: string, key: string, bodyHash: string, a: StoredAnswer, now: Date): Promise<void> {
  await tx.query('INSERT INTO idempotency_keys (kiosk_id, key, body_hash, status, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    kioskId,
    key,
    bodyHash,
    a.status,
    a.body,
    now,
  ]);
}

/** Stores one heartbeat (history per kiosk) and its idempotency key in one transaction. */
export async function storeHeartbeat(
  db: Db,
  scope: TokenScope,
  hb: Heartbeat,
  idem: { key: string; bodyHash: string },
  now: Date,
): Promise<StoredAnswer | 'mismatch'> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`kiosk:${scope.kioskId}`]);
    const prior = await recall(tx, scope.kioskId, `heartbeat:${idem.key}`, idem.bodyHash);
    if (prior) return prior;
    await tx.query('INSERT INTO heartbeats (station_id, kiosk_id, received_at, sent_at, body) VALUES ($1, $2, $3, $4, $5)', [
      scope.stationId,
      scope.kioskId,
      now,
      hb.sentAt,
      JSON.stringify(hb),
    ]);
    const answer = { status: 200, body: JSON.stringify({ received: true }), replayed: false };
    await remember(tx, scope.kioskId, `heartbeat:${idem.key}`, idem.bodyHash, answer, now);
    return answer;
  });
}

/** Forgets idempotency keys older than `maxAgeMs` (a kiosk retries for hours, not weeks). */
export async function pruneIdempotencyKeys(db: Db, now: Date, maxAgeMs = 14 * 86_400_000): Promise<number> {
  const r = await db.query('DELETE FROM idempotency_keys WHERE created_at < $1 RETURNING 1', [new Date(now.getTime() - maxAgeMs)]);
  return r.length;
}
