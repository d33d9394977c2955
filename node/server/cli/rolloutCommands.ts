import { createHash, createPublicKey } from 'node:crypto';
import type { Db } from '../db/Db';
import { addPack } from '../rollout/addPack';
import { findPack } from '../rollout/findPack';
import { rollbackRollout } from '../rollout/rollbackRollout';
import { listRollouts, rolloutStatus, startRollout } from '../rollout/rolloutStore';
import { signManifest } from '../rollout/signManifest';
import { serverPrivateKey } from '../rollout/signingKey';
import { UsageError } from './usageError';

export const ROLLOUT_USAGE = `  pack push <pack.zip>                              validates (as a kiosk does) and stores a content pack
  rollout start <sha256|id@version> --stations a,b | --kiosks x,y [--wave-size N] [--advance-share 0.8]
            [--stop-failed-share 0.2] [--expires-in-days 30]
  rollout status [<rollout id>]                     one rollout kiosk by kiosk, or the newest rollouts
  rollout rollback <rollout id> [--to <sha256|id@version>]   offers the older pack, signed as a rollback`;

export interface RolloutFlags {
  stations?: string;
  kiosks?: string;
  'wave-size'?: string;
  'advance-share'?: string;
  'stop-failed-share'?: string;
  'expires-in-days'?: string;
  to?: string;
}

const list = (v: string | undefined): string[] =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
const num = (v: string | undefined, flag: string): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UsageError(`${flag} must be a number, not "${v}"`);
  return n;
};
const rolloutId = (v: string | undefined): number => {
  if (!v || !/^\d+$/.test(v)) throw new UsageError('a rollout id (a number; see rollout status) is required');
  return Number(v);
};

/** `pack …` and `rollout …`: content-pack rollout from the command line. Returns what to print (JSON). */
export async function runRolloutCommand(db: Db, dataDir: string, cmd: string, args: string[], f: RolloutFlags): Promise<unknown> {
  switch (cmd) {
    case 'pack push': {
      if (!args[0]) throw new UsageError('the pack zip is required');
      const pack = await addPack(db, dataDir, args[0]);
      // Prove now that offers for it can be signed (the kiosk accepts a pack only with the server's signature).
      const key = await serverPrivateKey(db);
      signManifest(
        {
          format: 1,
          packId: pack.packId,
          version: pack.version,
          sha256: pack.sha256,
          size: pack.size,
          issuedAt: new Date().toISOString(),
          expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
          rollback: false,
        },
        key,
      );
      const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
      return { pack, signingKeySha256: createHash('sha256').update(spki).digest('hex') };
    }
    case 'rollout start': {
      if (!args[0]) throw new UsageError('the pack (sha256 or id@version) is required');
      const stations = list(f.stations);
      const kiosks = list(f.kiosks);
      if (stations.length + kiosks.length === 0) throw new UsageError('name the targets: --stations a,b and/or --kiosks x,y');
      const pack = await findPack(db, args[0]);
      const id = await startRollout(db, {
        sha256: pack.sha256,
        stations,
        kiosks,
        waveSize: num(f['wave-size'], '--wave-size') ?? null,
        advanceShare: num(f['advance-share'], '--advance-share'),
        stopFailedShare: num(f['stop-failed-share'], '--stop-failed-share'),
        expiresInDays: num(f['expires-in-days'], '--expires-in-days'),
      });
      return { rollout: await rolloutStatus(db, id) };
    }
    case 'rollout status':
      return args[0] ? { rollout: await rolloutStatus(db, rolloutId(args[0])) } : { rollouts: await listRollouts(db) };
    case 'rollout rollback': {
      const r = await rollbackRollout(db, rolloutId(args[0]), { to: f.to ?? null });
      return { rollback: r, rollout: await rolloutStatus(db, r.rolloutId) };
    }
    default:
      throw new UsageError(`unknown command "${cmd}"`);
  }
}
