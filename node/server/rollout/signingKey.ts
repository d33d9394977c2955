import type { Queryable } from '../db/Db';
import { serverPublicKey } from '../store/serverKeys';

/** The server's ed25519 private key (PKCS#8 PEM), made on first use together with the public key. */
export async function serverPrivateKey(db: Queryable): Promise<string> {
  await serverPublicKey(db);
  const rows = await db.query<{ private_pem: string }>("SELECT private_pem FROM server_keys WHERE id = 'manifest-signing'");
  return (rows[0] as { private_pem: string }).private_pem;
}
