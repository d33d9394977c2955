import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createAcceptedVersions } from '../../../../../node/kiosk/packs/acceptedVersions';
import { createPackStore, type PackStore } from '../../../../../node/kiosk/packs/packStore';
import { createRemotePackUpdater } from '../../../../../node/kiosk/packs/remotePackUpdater';
import { addPack } from '../../../../../node/server/rollout/addPack';
import { rolloutStatus, startRollout } from '../../../../../node/server/rollout/rolloutStore';
import { serverPublicKey } from '../../../../../node/server/store/serverKeys';
import { issueToken } from '../../../../../node/server/store/registry';
import { writeValidPackZip } from '../../../../fixtures/packs/makePack';
import { startHarness, type Harness } from '../serverHarness';
import { describeEachDb } from '../testDb';

const log = { info: () => undefined, warn: () => undefined, error: () => undefined };

describeEachDb('content-pack rollout, server to real kiosk pack stores', (db) => {
  let work: string;
  let h: Harness;
  let tokens: Record<string, string>;
  beforeEach(async () => {
    work = mkdtempSync(join(tmpdir(), 'rollout-'));
    h = await startHarness(db(), { dataDir: join(work, 'server') });
    tokens = { 'kiosk-a': h.token, 'kiosk-b': await issueToken(db(), 'kiosk-b') };
  });
  afterEach(async () => {
    await h.close();
    rmSync(work, { recursive: true, force: true });
  });

  const stores = new Map<string, PackStore>();
  const kiosk = async (id: string) => {
    const packsDir = join(work, id, 'packs');
    const store = stores.get(packsDir) ?? createPackStore({ packsDir, log, demoPackDir: null });
    stores.set(packsDir, store);
    const key = await serverPublicKey(db());
    const updater = createRemotePackUpdater({
      packsDir,
      store,
      accepted: createAcceptedVersions(packsDir),
      server: () => ({ url: h.server.url, token: tokens[id] as string }),
      publicKeyPem: () => key,
      log,
    });
    return { store, updater };
  };
  const upload = async (version: string, opts: { id?: string } = {}) =>
    addPack(db(), join(work, 'server'), await writeValidPackZip(join(work, `up-${version}.zip`), { id: opts.id ?? 'riverside', version }));

  it('a first wave installs, the next wave opens, and the console sees every kiosk installed', async () => {
    const pack = await upload('1.0.0');
    const id = await startRollout(db(), { sha256: pack.sha256, stations: ['station-x'], firstWave: 1, advanceShare: 1 });
    const a = await kiosk('kiosk-a');
    const b = await kiosk('kiosk-b');
    expect(await b.updater.checkOnce()).toEqual({ outcome: 'none' });
    expect(await a.updater.checkOnce()).toMatchObject({ outcome: 'installed', version: '1.0.0' });
    expect(a.store.active()).toMatchObject({ id: 'riverside', version: '1.0.0' });
    expect(await b.updater.checkOnce()).toMatchObject({ outcome: 'installed', version: '1.0.0' });
    const s = await rolloutStatus(db(), id);
    expect(s.state).toBe('done');
    expect(s.targets.map((t) => [t.kioskId, t.wave, t.status])).toEqual([
      ['kiosk-a', 1, 'installed'],
      ['kiosk-b', 2, 'installed'],
    ]);
    stores.clear();
  });

  it('stops a rollout whose first wave fails, keeps the kiosk on its old pack, and shows the reason', async () => {
    const good = await upload('1.0.0');
    await startRollout(db(), { sha256: good.sha256, kiosks: ['kiosk-a'] });
    const a = await kiosk('kiosk-a');
    await a.updater.checkOnce();
    const next = await upload('1.1.0');
    const id = await startRollout(db(), { sha256: next.sha256, stations: ['station-x'], firstWave: 1 });
    // The stored zip is damaged after upload: the kiosk's SHA-256 check fails.
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(work, 'server', 'packs', `${next.sha256}.zip`), Buffer.alloc(next.size, 1));
    expect(await a.updater.checkOnce()).toMatchObject({ outcome: 'failed', code: 'SHA_MISMATCH' });
    expect(a.store.active()).toMatchObject({ version: '1.0.0' });
    const s = await rolloutStatus(db(), id);
    expect(s.state).toBe('stopped');
    expect(s.targets).toEqual([
      expect.objectContaining({ kioskId: 'kiosk-a', status: 'failed', code: 'SHA_MISMATCH' }),
      expect.objectContaining({ kioskId: 'kiosk-b', status: 'waiting' }),
    ]);
    // A stopped rollout offers nothing more.
    const b = await kiosk('kiosk-b');
    expect(await b.updater.checkOnce()).toEqual({ outcome: 'none' });
    stores.clear();
  });

  it('a rollback the server signs as such takes a kiosk back to a lower version', async () => {
    const v1 = await upload('1.0.0');
    const v2 = await upload('2.0.0');
    const a = await kiosk('kiosk-a');
    await startRollout(db(), { sha256: v2.sha256, kiosks: ['kiosk-a'] });
    await a.updater.checkOnce();
    await startRollout(db(), { sha256: v1.sha256, kiosks: ['kiosk-a'] });
    expect(await a.updater.checkOnce()).toMatchObject({ outcome: 'refused', code: 'DOWNGRADE' });
    await startRollout(db(), { sha256: v1.sha256, kiosks: ['kiosk-a'], rollback: true });
    expect(await a.updater.checkOnce()).toMatchObject({ outcome: 'installed', version: '1.0.0' });
    expect(a.store.active()).toMatchObject({ version: '1.0.0' });
    stores.clear();
  });

  it('refuses a second upload of the same version with other content, and pack downloads by kiosks not offered it', async () => {
    const v1 = await upload('1.0.0');
    await expect(
      addPack(
        db(),
        join(work, 'server'),
        await writeValidPackZip(join(work, 'other.zip'), { id: 'riverside', version: '1.0.0', tagline: 'different' }),
      ),
    ).rejects.toThrow(/already on the server with other content/);
    const res = await fetch(`${h.server.url}/v1/packs/${v1.sha256}.zip`, { headers: { authorization: `Bearer ${h.token}` } });
    expect(res.status).toBe(404);
    await expect(startRollout(db(), { sha256: v1.sha256, stations: ['nowhere'] })).rejects.toThrow(/unknown or empty: nowhere/);
  });
});
