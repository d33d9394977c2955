import type { Queryable } from '../db/Db';
import { NotFoundError } from '../store/registry';
import type { StoredPack } from './addPack';

/** An uploaded pack named by its SHA-256 (hex, 64 characters) or as `<pack id>@<version>`. */
export async function findPack(db: Queryable, ref: string): Promise<StoredPack> {
  const at = ref.lastIndexOf('@');
  const rows = /^[0-9a-f]{64}$/.test(ref)
    ? await db.query<{ sha256: string; pack_id: string; version: string; size: string | number; title: string }>(
        'SELECT sha256, pack_id, version, size, title FROM packs WHERE sha256 = $1',
        [ref],
      )
    : at > 0
      ? await db.query<{ sha256: string; pack_id: string; version: string; size: string | number; title: string }>(
          'SELECT sha256, pack_id, version, size, title FROM packs WHERE pack_id = $1 AND version = $2',
          [ref.slice(0, at), ref.slice(at + 1)],
        )
      : [];
  const p = rows[0];
  if (!p) throw new NotFoundError(`no pack "${ref}" on the server (name it by its SHA-256 or as <id>@<version>; upload it with pack push)`);
  return { sha256: p.sha256, packId: p.pack_id, version: p.version, size: Number(p.size), title: p.title };
}
