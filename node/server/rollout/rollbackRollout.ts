import type { Rollback, StoredPack } from '../../../common/consoleRolloutApi';
import type { Db } from '../db/Db';
import { ConflictError, NotFoundError } from '../store/registry';
import { findPack } from './findPack';
import { startRollout } from './rolloutStore';

export type { Rollback };

/**
 * Rolls a rollout back: every kiosk it reached (offered, installed, failed or refused; not those still waiting) is
 * offered an older pack in a new rollout whose manifests the server signs as a rollback, the only way a kiosk takes
 * a version below the one it runs. The older pack is `to` (SHA-256 or id@version) or, by default, the pack that the
 * newest earlier rollout installed on any of those kiosks. The rolled-back rollout is stopped.
 */
export async function rollbackRollout(db: Db, rolloutId: number, o: { to?: string | null; now?: Date } = {}): Promise<Rollback> {
  const now = o.now ?? new Date();
  const [r] = await db.query<{ sha256: string }>('SELECT sha256 FROM rollouts WHERE id = $1', [rolloutId]);
  if (!r) throw new NotFoundError(`no rollout ${rolloutId}`);
  const reached = (
    await db.query<{ kiosk_id: string }>(
      "SELECT kiosk_id FROM rollout_targets WHERE rollout_id = $1 AND status IN ('offered', 'installed', 'failed', 'refused') ORDER BY kiosk_id",
      [rolloutId],
    )
  ).map((t) => t.kiosk_id);
  if (reached.length === 0) throw new ConflictError(`rollout ${rolloutId} reached no kiosk: stop it instead of rolling it back`);
  let pack: StoredPack;
  if (o.to) {
    pack = await findPack(db, o.to);
  } else {
    const [prev] = await db.query<{ sha256: string }>(
      `SELECT r.sha256 FROM rollouts r JOIN rollout_targets t ON t.rollout_id = r.id
        WHERE r.id < $1 AND r.sha256 <> $2 AND t.status = 'installed' AND t.kiosk_id = ANY($3::text[])
        ORDER BY r.id DESC LIMIT 1`,
      [rolloutId, r.sha256, reached],
    );
    if (!prev)
      throw new NotFoundError(
        `no earlier pack was installed on the kiosks of rollout ${rolloutId}: name one with --to <sha256|id@version>`,
      );
    pack = await findPack(db, prev.sha256);
  }
  if (pack.sha256 === r.sha256) throw new ConflictError(`rollout ${rolloutId} already carries ${pack.packId}@${pack.version}`);
  const id = await startRollout(db, { sha256: pack.sha256, kiosks: reached, rollback: true }, now);
  await db.query("UPDATE rollouts SET state = 'stopped', stop_reason = $2 WHERE id = $1 AND state <> 'stopped'", [
    rolloutId,
    `rolled back by rollout ${id}`,
  ]);
  return { rolloutId: id, pack, kiosks: reached };
}
