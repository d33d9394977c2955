import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';
import type { Queryable } from '../db/Db';
import { ConflictError, NotFoundError } from './registry';

const scrypt = (password: string, salt: Buffer, keylen: number, o: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) => scryptCb(password, salt, keylen, o, (err, key) => (err ? reject(err) : resolve(key))));

// scrypt with N=2^15, r=8, p=1 (OWASP's password storage cheat sheet minimum is N=2^17 with r=8 or 2^15 with more
// memory: we stay within Node's default 32 MiB maxmem). https://nodejs.org/api/crypto.html#cryptoscryptpassword-salt-keylen-options-callback
const PARAMS = { N: 1 << 15, r: 8, p: 1, keylen: 32 };

export const UserSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, 'lower-case letters, digits, dot, dash, underscore; 2-40 characters'),
    role: z.enum(['district', 'station']),
    stationId: z.string().nullable(),
  })
  .strict()
  .refine((u) => (u.role === 'station') === (u.stationId !== null), 'a station user needs --station, a district user none');

export const PasswordSchema = z.string().min(10, 'at least 10 characters').max(200);

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, PARAMS.keylen, { N: PARAMS.N, r: PARAMS.r, p: PARAMS.p, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !hash) return false;
  const want = Buffer.from(hash, 'base64');
  const got = await scrypt(password, Buffer.from(salt, 'base64'), want.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 64 * 1024 * 1024,
  });
  return timingSafeEqual(want, got);
}

export async function addUser(db: Queryable, user: z.input<typeof UserSchema>, password: string): Promise<void> {
  const u = UserSchema.parse(user);
  const pw = PasswordSchema.parse(password);
  if (u.stationId && (await db.query('SELECT 1 FROM stations WHERE id = $1', [u.stationId])).length === 0)
    throw new NotFoundError(`no station ${u.stationId}`);
  const r = await db.query(
    'INSERT INTO users (name, role, station_id, password_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING RETURNING name',
    [u.name, u.role, u.stationId, await hashPassword(pw)],
  );
  if (r.length === 0) throw new ConflictError(`user ${u.name} already exists`);
}
