import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/Db';
import { verifyPassword } from '../store/users';

export interface ConsoleUser {
  name: string;
  role: 'district' | 'station';
  stationId: string | null;
}

const hash = (s: string): Buffer => createHash('sha256').update(s).digest();
/** A session lasts a working day at most; signing in again is cheap. */
export const SESSION_MS = 12 * 3_600_000;

// Verifying against this when the user does not exist takes as long as a real check, so timing does not reveal names.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export async function signIn(
  db: Queryable,
  name: string,
  password: string,
  now: Date,
): Promise<{ sessionId: string; csrfToken: string; user: ConsoleUser } | null> {
  const rows = await db.query<{ name: string; role: 'district' | 'station'; station_id: string | null; password_hash: string }>(
    'SELECT name, role, station_id, password_hash FROM users WHERE name = $1',
    [name],
  );
  const u = rows[0];
  const ok = await verifyPassword(password, u?.password_hash ?? DUMMY_HASH);
  if (!u || !ok) return null;
  const sessionId = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  await db.query('DELETE FROM sessions WHERE expires_at < $1', [now]);
  await db.query('INSERT INTO sessions (id_hash, user_name, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
    hash(sessionId),
    u.name,
    csrfToken,
    now,
    new Date(now.getTime() + SESSION_MS),
  ]);
  return { sessionId, csrfToken, user: { name: u.name, role: u.role, stationId: u.station_id } };
}

export async function sessionUser(db: Queryable, sessionId: string, now: Date): Promise<(ConsoleUser & { csrfToken: string }) | null> {
  const rows = await db.query<{ name: string; role: 'district' | 'station'; station_id: string | null; csrf_token: string }>(
    `SELECT u.name, u.role, u.station_id, s.csrf_token FROM sessions s JOIN users u ON u.name = s.user_name
      WHERE s.id_hash = $1 AND s.expires_at > $2`,
    [hash(sessionId), now],
  );
  const r = rows[0];
  return r ? { name: r.name, role: r.role, stationId: r.station_id, csrfToken: r.csrf_token } : null;
}

export async function signOut(db: Queryable, sessionId: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE id_hash = $1', [hash(sessionId)]);
}
