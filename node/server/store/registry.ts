import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Queryable } from '../db/Db';

export const IdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes, 2-63 characters');

export class NotFoundError extends Error {}
export class ConflictError extends Error {}

export interface TokenScope {
  tokenId: number;
  kioskId: string;
  stationId: string;
}

export const hashToken = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

export async function addStation(db: Queryable, s: { id: string; name: string; timeZone?: string; districtId?: string }): Promise<void> {
  IdSchema.parse(s.id);
  const tz = z
    .string()
    .min(1)
    .max(64)
    .parse(s.timeZone ?? 'Asia/Shanghai');
  // Let PostgreSQL judge the zone name: an unknown one raises here instead of at the first rollup.
  await db.query('SELECT now() AT TIME ZONE $1', [tz]);
  const r = await db.query(
    'INSERT INTO stations (id, district_id, name, time_zone) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING RETURNING id',
    [s.id, s.districtId ?? 'yangpu', z.string().min(1).max(80).parse(s.name), tz],
  );
  if (r.length === 0) throw new ConflictError(`station ${s.id} already exists`);
}

export async function addKiosk(
  db: Queryable,
  k: { id: string; stationId: string; name: string; profile?: string[] | null },
): Promise<void> {
  IdSchema.parse(k.id);
  const station = await db.query('SELECT 1 FROM stations WHERE id = $1', [k.stationId]);
  if (station.length === 0) throw new NotFoundError(`no station ${k.stationId}`);
  const r = await db.query(
    'INSERT INTO kiosks (id, station_id, name, profile) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING RETURNING id',
    [k.id, k.stationId, z.string().min(1).max(80).parse(k.name), k.profile ?? null],
  );
  if (r.length === 0) throw new ConflictError(`kiosk ${k.id} already exists`);
}

/** A fresh random token (32 bytes, base64url) for `kioskId`; only its SHA-256 is stored. */
export async function issueToken(db: Queryable, kioskId: string): Promise<string> {
  const rows = await db.query<{ station_id: string }>('SELECT station_id FROM kiosks WHERE id = $1', [kioskId]);
  const k = rows[0];
  if (!k) throw new NotFoundError(`no kiosk ${kioskId}`);
  const token = randomBytes(32).toString('base64url');
  await db.query('INSERT INTO tokens (token_hash, kiosk_id, station_id) VALUES ($1, $2, $3)', [hashToken(token), kioskId, k.station_id]);
  return token;
}

/** Revokes every live token of a kiosk; returns how many. */
export async function revokeTokens(db: Queryable, kioskId: string, now = new Date()): Promise<number> {
  const r = await db.query('UPDATE tokens SET revoked_at = $2 WHERE kiosk_id = $1 AND revoked_at IS NULL RETURNING id', [kioskId, now]);
  return r.length;
}

/** The live token with this value, or null. Looked up by its hash, so the comparison is not on the secret itself. */
export async function findToken(db: Queryable, token: string): Promise<TokenScope | null> {
  const rows = await db.query<{ id: number | string; kiosk_id: string; station_id: string }>(
    'SELECT id, kiosk_id, station_id FROM tokens WHERE token_hash = $1 AND revoked_at IS NULL',
    [hashToken(token)],
  );
  const r = rows[0];
  return r ? { tokenId: Number(r.id), kioskId: r.kiosk_id, stationId: r.station_id } : null;
}
