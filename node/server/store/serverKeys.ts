import { generateKeyPairSync } from 'node:crypto';
import type { Queryable } from '../db/Db';

/**
 * The server's ed25519 key pair, made once and kept in the database (`server_keys`, read only by the server's
 * role), so a PostgreSQL-backed server and its backups carry it along. Returns the public key as SPKI PEM.
 * https://nodejs.org/api/crypto.html#cryptogeneratekeypairsynctype-options
 */
export async function serverPublicKey(db: Queryable): Promise<string> {
  const existing = await db.query<{ public_pem: string }>("SELECT public_pem FROM server_keys WHERE id = 'manifest-signing'");
  if (existing[0]) return existing[0].public_pem;
  const { publicKey, privateKey } = generateKeyPairSync('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  // Two first starts racing: the first insert wins and both read it back.
  await db.query("INSERT INTO server_keys (id, public_pem, private_pem) VALUES ('manifest-signing', $1, $2) ON CONFLICT (id) DO NOTHING", [
    publicKey,
    privateKey,
  ]);
  const rows = await db.query<{ public_pem: string }>("SELECT public_pem FROM server_keys WHERE id = 'manifest-signing'");
  return (rows[0] as { public_pem: string }).public_pem;
}
