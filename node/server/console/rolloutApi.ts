import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import {
  RollbackRequestSchema,
  StartRolloutRequestSchema,
  type ApiRefusal,
  type PackList,
  type Rollback,
  type RolloutStatus,
  type RolloutSummary,
  type StoredPack,
} from '../../../common/consoleRolloutApi';
import { PackError } from '../../kiosk/packs/packProblem';
import type { Db } from '../db/Db';
import { BodyTooLargeError, readBody } from '../http/readBody';
import { receiveFile } from '../http/receiveFile';
import { HttpError, issuesOf, send } from '../http/respond';
import { addPack } from '../rollout/addPack';
import { findPack } from '../rollout/findPack';
import { rollbackRollout } from '../rollout/rollbackRollout';
import { listRollouts, rolloutStatus, startRollout } from '../rollout/rolloutStore';
import { ConflictError, NotFoundError } from '../store/registry';
import type { ConsoleUser } from './sessions';

/** Default largest pack upload: the demo pack with its videos is about 150 MB. */
export const DEFAULT_MAX_PACK_BYTES = 512 * 1024 * 1024;

/**
 * The console's content-pack rollout, for district accounts only: upload a pack zip (validated as a kiosk would,
 * stored under its SHA-256), start a rollout in waves, follow it kiosk by kiosk, roll it back. Returns false for
 * paths it does not serve.
 */
export function createRolloutApi(o: { db: Db; now: () => number; dataDir: string | null; maxPackBytes: number }) {
  const json = async (req: IncomingMessage): Promise<unknown> => {
    try {
      return JSON.parse((await readBody(req, 64 * 1024)).toString('utf8'));
    } catch (err) {
      if (err instanceof BodyTooLargeError) throw new HttpError(413, err.message);
      throw new HttpError(400, 'body is not JSON');
    }
  };
  const parse = <T extends z.ZodType>(schema: T, v: unknown): z.infer<T> => {
    const p = schema.safeParse(v);
    if (!p.success) throw new HttpError(400, 'invalid request', { issues: issuesOf(p.error) });
    return p.data;
  };
  /** The rollout code's refusals as the 4xx a console can show. */
  const mapped = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof NotFoundError) throw new HttpError(404, err.message);
      if (err instanceof ConflictError) throw new HttpError(409, err.message);
      if (err instanceof PackError)
        throw new HttpError(422, 'the pack was refused', { problems: err.problems } satisfies Partial<ApiRefusal>);
      if (err instanceof z.ZodError) throw new HttpError(400, 'invalid request', { issues: issuesOf(err) });
      throw err;
    }
  };

  const uploadPack = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!o.dataDir) throw new HttpError(503, 'this server has no data folder for packs');
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim();
    if (type !== 'application/zip') throw new HttpError(415, 'send the pack as the request body with Content-Type: application/zip');
    const dir = mkdtempSync(join(tmpdir(), 'server-upload-'));
    try {
      try {
        await receiveFile(req, join(dir, 'pack.zip'), o.maxPackBytes);
      } catch (err) {
        if (err instanceof BodyTooLargeError)
          throw new HttpError(413, `a pack may be at most ${o.maxPackBytes} bytes`, {
            maxBytes: o.maxPackBytes,
          } satisfies Partial<ApiRefusal>);
        throw err;
      }
      const pack = await mapped(() => addPack(o.db, o.dataDir as string, join(dir, 'pack.zip'), new Date(o.now())));
      send(res, 201, { pack } satisfies { pack: StoredPack });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  return async (
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    user: (changing: boolean) => Promise<ConsoleUser>,
  ): Promise<boolean> => {
    const route = `${req.method} ${path}`;
    const one = /^\/rollouts\/(\d{1,15})(\/rollback)?$/.exec(path);
    if (!(route === 'POST /packs' || route === 'GET /packs' || route === 'POST /rollouts' || route === 'GET /rollouts' || one))
      return false;
    const u = await user(req.method !== 'GET');
    if (u.role !== 'district') throw new HttpError(403, 'content-pack rollout is for district accounts');
    if (route === 'POST /packs') await uploadPack(req, res);
    else if (route === 'GET /packs') {
      const rows = await o.db.query<{
        sha256: string;
        pack_id: string;
        version: string;
        size: string | number;
        title: string;
        uploaded_at: Date;
      }>('SELECT sha256, pack_id, version, size, title, uploaded_at FROM packs ORDER BY uploaded_at DESC, pack_id, version');
      send(res, 200, {
        packs: rows.map((p) => ({
          sha256: p.sha256,
          packId: p.pack_id,
          version: p.version,
          size: Number(p.size),
          title: p.title,
          uploadedAt: new Date(p.uploaded_at).toISOString(),
        })),
      } satisfies PackList);
    } else if (route === 'POST /rollouts') {
      const b = parse(StartRolloutRequestSchema, await json(req));
      const id = await mapped(async () => {
        const pack = await findPack(o.db, b.pack);
        return startRollout(
          o.db,
          {
            sha256: pack.sha256,
            stations: b.stations,
            kiosks: b.kiosks,
            waveSize: b.waveSize,
            advanceShare: b.advanceShare,
            stopFailedShare: b.stopFailedShare,
            expiresInDays: b.expiresInDays,
          },
          new Date(o.now()),
        );
      });
      send(res, 201, { rollout: await rolloutStatus(o.db, id) } satisfies { rollout: RolloutStatus });
    } else if (route === 'GET /rollouts') send(res, 200, { rollouts: await listRollouts(o.db) } satisfies { rollouts: RolloutSummary[] });
    else if (one && req.method === 'GET' && !one[2])
      send(res, 200, { rollout: await mapped(() => rolloutStatus(o.db, Number(one[1]))) } satisfies { rollout: RolloutStatus });
    else if (one && req.method === 'POST' && one[2]) {
      const b = parse(RollbackRequestSchema, await json(req));
      const r = await mapped(() => rollbackRollout(o.db, Number(one[1]), { to: b.to, now: new Date(o.now()) }));
      send(res, 201, { rollback: r, rollout: await rolloutStatus(o.db, r.rolloutId) } satisfies {
        rollback: Rollback;
        rollout: RolloutStatus;
      });
    } else throw new HttpError(405, `${req.method} is not allowed on ${path}`);
    return true;
  };
}
