import { z } from 'zod';
import type { RolloutStatus, RolloutSummary, RolloutTargetStatus } from '../../../common/consoleRolloutApi';
import type { PackReport } from '../../../common/packRollout';
import type { RolloutManifest } from '../../../common/pack/signedManifest';
import type { Db, Queryable } from '../db/Db';
import { NotFoundError } from '../store/registry';

export const StartRolloutSchema = z
  .object({
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    stations: z.array(z.string()).max(500).default([]),
    kiosks: z.array(z.string()).max(5000).default([]),
    /** Kiosks in the first wave; the rest follow in one more wave. null: everyone at once. */
    firstWave: z.number().int().min(1).nullable().default(null),
    /** Waves of this many kiosks each (wave 1 first, wave 2 when wave 1 succeeded, …); overrides firstWave. */
    waveSize: z.number().int().min(1).nullable().default(null),
    advanceShare: z.number().gt(0).max(1).default(0.8),
    stopFailedShare: z.number().gt(0).max(1).default(0.2),
    rollback: z.boolean().default(false),
    expiresInDays: z.number().int().min(1).max(365).default(30),
  })
  .strict()
  .refine((r) => r.stations.length + r.kiosks.length > 0, { message: 'name at least one station or kiosk' });
export type StartRollout = z.input<typeof StartRolloutSchema>;

/**
 * Starts a rollout of an uploaded pack to stations and/or kiosks. Kiosks are ordered by station and id; the first
 * `firstWave` are offered the pack at once, the rest wait for the first wave to succeed. A kiosk's older open
 * offers are superseded, so each kiosk has at most one pack on offer.
 */
export async function startRollout(db: Db, input: StartRollout, now = new Date()): Promise<number> {
  const r = StartRolloutSchema.parse(input);
  return db.transaction(async (tx) => {
    const pack = await tx.query('SELECT 1 FROM packs WHERE sha256 = $1', [r.sha256]);
    if (!pack[0]) throw new NotFoundError(`no pack ${r.sha256} on the server`);
    const kiosks = await tx.query<{ id: string; station_id: string }>(
      'SELECT id, station_id FROM kiosks WHERE station_id = ANY($1::text[]) OR id = ANY($2::text[]) ORDER BY station_id, id',
      [r.stations, r.kiosks],
    );
    const unknown = [
      ...r.kiosks.filter((k) => !kiosks.some((x) => x.id === k)),
      ...r.stations.filter((s) => !kiosks.some((x) => x.station_id === s)),
    ];
    if (unknown.length) throw new NotFoundError(`unknown or empty: ${unknown.join(', ')}`);
    const expires = new Date(now.getTime() + r.expiresInDays * 86_400_000);
    const rows = await tx.query<{ id: string | number }>(
      `INSERT INTO rollouts (sha256, rollback, advance_share, stop_failed_share, state, created_at, expires_at) VALUES ($1, $2, $3, $4, 'running', $5, $6) RETURNING id`,
      [r.sha256, r.rollback, r.advanceShare, r.stopFailedShare, now, expires],
    );
    const id = Number(rows[0]?.id);
    await tx.query(
      `UPDATE rollout_targets SET status = 'superseded', updated_at = $2 WHERE kiosk_id = ANY($1::text[]) AND status IN ('waiting', 'offered')`,
      [kiosks.map((k) => k.id), now],
    );
    for (const [i, k] of kiosks.entries()) {
      const wave = r.waveSize !== null ? Math.floor(i / r.waveSize) + 1 : r.firstWave === null || i < r.firstWave ? 1 : 2;
      await tx.query(
        'INSERT INTO rollout_targets (rollout_id, kiosk_id, station_id, wave, status, updated_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [id, k.id, k.station_id, wave, wave === 1 ? 'offered' : 'waiting', now],
      );
    }
    return id;
  });
}

/** What a kiosk is offered now, if anything: the manifest to sign (the caller signs it with the server key). */
export async function offerFor(db: Queryable, kioskId: string, now = new Date()): Promise<RolloutManifest | null> {
  const rows = await db.query<{
    sha256: string;
    pack_id: string;
    version: string;
    size: string | number;
    rollback: boolean;
    created_at: Date;
    expires_at: Date;
  }>(
    `SELECT p.sha256, p.pack_id, p.version, p.size, r.rollback, r.created_at, r.expires_at
       FROM rollout_targets t JOIN rollouts r ON r.id = t.rollout_id JOIN packs p ON p.sha256 = r.sha256
      WHERE t.kiosk_id = $1 AND t.status = 'offered' AND r.state = 'running' AND r.expires_at > $2
      ORDER BY r.id DESC LIMIT 1`,
    [kioskId, now],
  );
  const o = rows[0];
  if (!o) return null;
  return {
    format: 1,
    packId: o.pack_id,
    version: o.version,
    sha256: o.sha256,
    size: Number(o.size),
    issuedAt: now.toISOString(),
    expiresAt: new Date(o.expires_at).toISOString(),
    rollback: o.rollback,
  };
}

/** Whether a kiosk may download this zip: only one it is (or was) offered. */
export async function mayDownload(db: Queryable, kioskId: string, sha256: string): Promise<boolean> {
  const rows = await db.query(
    'SELECT 1 FROM rollout_targets t JOIN rollouts r ON r.id = t.rollout_id WHERE t.kiosk_id = $1 AND r.sha256 = $2 AND t.status <> $3 LIMIT 1',
    [kioskId, sha256, 'waiting'],
  );
  return rows.length > 0;
}

/**
 * Records a kiosk's report on its current offer and moves the rollout on: the next wave opens when `advance_share`
 * of the open waves installed the pack; the rollout stops when `stop_failed_share` of them failed or refused it;
 * it is done when every kiosk installed it.
 */
export async function recordReport(db: Db, kioskId: string, report: PackReport, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    // A refusal names no pack (nothing in an unverified manifest is trusted): it concerns the current offer.
    const target = await tx.query<{ rollout_id: string | number }>(
      `SELECT t.rollout_id FROM rollout_targets t JOIN rollouts r ON r.id = t.rollout_id
        WHERE t.kiosk_id = $1 AND t.status IN ('offered', 'failed', 'refused', 'installed') AND ($2 = '' OR r.sha256 = $2)
        ORDER BY r.id DESC LIMIT 1`,
      [kioskId, report.sha256],
    );
    if (!target[0]) return;
    const rolloutId = Number(target[0].rollout_id);
    await tx.query(
      'UPDATE rollout_targets SET status = $3, code = $4, reason = $5, updated_at = $6 WHERE rollout_id = $1 AND kiosk_id = $2',
      [rolloutId, kioskId, report.status, report.code, report.reason, now],
    );
    await advance(tx, rolloutId, now);
  });
}

async function advance(tx: Queryable, rolloutId: number, now: Date): Promise<void> {
  const [r] = await tx.query<{ advance_share: number; stop_failed_share: number; state: string }>(
    'SELECT advance_share, stop_failed_share, state FROM rollouts WHERE id = $1',
    [rolloutId],
  );
  if (!r || r.state !== 'running') return;
  const counts = await tx.query<{ status: string; n: string | number }>(
    "SELECT status, count(*) AS n FROM rollout_targets WHERE rollout_id = $1 AND status <> 'superseded' GROUP BY status",
    [rolloutId],
  );
  const n = (s: string) => Number(counts.find((c) => c.status === s)?.n ?? 0);
  const open = n('offered') + n('installed') + n('failed') + n('refused');
  const failed = n('failed') + n('refused');
  if (open > 0 && failed / open >= r.stop_failed_share) {
    await tx.query("UPDATE rollouts SET state = 'stopped', stop_reason = $2 WHERE id = $1", [
      rolloutId,
      `${failed} of ${open} kiosks failed or refused the pack`,
    ]);
    return;
  }
  if (n('waiting') > 0 && open > 0 && n('installed') / open >= r.advance_share) {
    await tx.query(
      "UPDATE rollout_targets SET status = 'offered', updated_at = $2 WHERE rollout_id = $1 AND status = 'waiting' AND wave = (SELECT min(wave) FROM rollout_targets WHERE rollout_id = $1 AND status = 'waiting')",
      [rolloutId, now],
    );
    return;
  }
  if (n('waiting') === 0 && n('offered') === 0 && failed === 0)
    await tx.query("UPDATE rollouts SET state = 'done' WHERE id = $1", [rolloutId]);
}

export async function rolloutStatus(db: Queryable, rolloutId: number): Promise<RolloutStatus> {
  const [r] = await db.query<{
    id: string | number;
    sha256: string;
    pack_id: string;
    version: string;
    rollback: boolean;
    state: RolloutStatus['state'];
    stop_reason: string | null;
  }>(
    'SELECT r.id, r.sha256, p.pack_id, p.version, r.rollback, r.state, r.stop_reason FROM rollouts r JOIN packs p ON p.sha256 = r.sha256 WHERE r.id = $1',
    [rolloutId],
  );
  if (!r) throw new NotFoundError(`no rollout ${rolloutId}`);
  const targets = await db.query<{
    kiosk_id: string;
    station_id: string;
    wave: number;
    status: RolloutTargetStatus;
    code: string | null;
    reason: string | null;
    updated_at: Date;
  }>(
    'SELECT kiosk_id, station_id, wave, status, code, reason, updated_at FROM rollout_targets WHERE rollout_id = $1 ORDER BY station_id, kiosk_id',
    [rolloutId],
  );
  return {
    id: Number(r.id),
    sha256: r.sha256,
    packId: r.pack_id,
    version: r.version,
    rollback: r.rollback,
    state: r.state,
    stopReason: r.stop_reason,
    targets: targets.map((t) => ({
      kioskId: t.kiosk_id,
      stationId: t.station_id,
      wave: t.wave,
      status: t.status,
      code: t.code,
      reason: t.reason,
      updatedAt: new Date(t.updated_at).toISOString(),
    })),
  };
}

/** The newest rollouts first, each with its kiosks counted per status. */
export async function listRollouts(db: Queryable, limit = 50): Promise<RolloutSummary[]> {
  const rows = await db.query<{
    id: string | number;
    sha256: string;
    pack_id: string;
    version: string;
    rollback: boolean;
    state: RolloutStatus['state'];
    stop_reason: string | null;
    created_at: Date;
    counts: Record<string, number> | string | null;
  }>(
    `SELECT r.id, r.sha256, p.pack_id, p.version, r.rollback, r.state, r.stop_reason, r.created_at,
            (SELECT json_object_agg(status, n) FROM (SELECT status, count(*)::int AS n FROM rollout_targets WHERE rollout_id = r.id GROUP BY status) c) AS counts
       FROM rollouts r JOIN packs p ON p.sha256 = r.sha256 ORDER BY r.id DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    sha256: r.sha256,
    packId: r.pack_id,
    version: r.version,
    rollback: r.rollback,
    state: r.state,
    stopReason: r.stop_reason,
    createdAt: new Date(r.created_at).toISOString(),
    counts: (typeof r.counts === 'string' ? JSON.parse(r.counts) : r.counts) ?? {},
  }));
}
