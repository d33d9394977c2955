import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createAcceptedVersions } from '../../../../../node/kiosk/packs/acceptedVersions';
import { createPackStore } from '../../../../../node/kiosk/packs/packStore';
import { createRemotePackUpdater } from '../../../../../node/kiosk/packs/remotePackUpdater';
import { serverPublicKey } from '../../../../../node/server/store/serverKeys';
import { writeValidPackZip } from '../../../../fixtures/packs/makePack';
import { cli } from '../cliHarness';
import { startHarness, type Harness } from '../serverHarness';
import { describeEachDb } from '../testDb';

const log = { info: () => undefined, warn: () => undefined, error: () => undefined };

describeEachDb('rollout from the command line', (db) => {
  let work: string;
  let h: Harness;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    work = mkdtempSync(join(tmpdir(), 'rollout-cli-'));
    env = { SERVER_DATA_DIR: join(work, 'server') };
    h = await startHarness(db(), { dataDir: join(work, 'server') });
  });
  afterEach(async () => {
    await h.close();
    rmSync(work, { recursive: true, force: true });
  });
  const run = async (argv: string[]) => {
    const r = await cli(db(), argv, { env });
    return { ...r, json: r.code === 0 ? JSON.parse(r.out) : null };
  };
  const push = async (version: string) =>
    run(['pack', 'push', await writeValidPackZip(join(work, `p-${version}.zip`), { id: 'riverside', version })]);

  it('pack push validates as a kiosk does and refuses a broken zip with the reason, storing nothing', async () => {
    writeFileSync(join(work, 'broken.zip'), 'not a zip at all');
    const bad = await run(['pack', 'push', join(work, 'broken.zip')]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^server: /);
    expect(await db().query('SELECT * FROM packs')).toEqual([]);
    const ok = await push('1.0.0');
    expect(ok.code).toBe(0);
    expect(ok.json.pack).toMatchObject({ packId: 'riverside', version: '1.0.0', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(ok.json.signingKeySha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await run(['pack', 'push'])).code).toBe(64);
  });

  it('rollout start makes waves of --wave-size, status shows each kiosk, and bad targets are refused', async () => {
    const { json } = await push('1.0.0');
    const started = await run([
      'rollout',
      'start',
      'riverside@1.0.0',
      '--stations',
      'station-x,station-y',
      '--wave-size',
      '2',
      '--advance-share',
      '0.5',
      '--stop-failed-share',
      '0.3',
    ]);
    expect(started.code).toBe(0);
    expect(
      started.json.rollout.targets.map((t: { kioskId: string; wave: number; status: string }) => [t.kioskId, t.wave, t.status]),
    ).toEqual([
      ['kiosk-a', 1, 'offered'],
      ['kiosk-b', 1, 'offered'],
      ['kiosk-c', 2, 'waiting'],
    ]);
    const one = await run(['rollout', 'status', String(started.json.rollout.id)]);
    expect(one.json.rollout).toMatchObject({ sha256: json.pack.sha256, state: 'running', rollback: false });
    const all = await run(['rollout', 'status']);
    expect(all.json.rollouts).toEqual([expect.objectContaining({ id: started.json.rollout.id, counts: { offered: 2, waiting: 1 } })]);
    expect((await run(['rollout', 'start', 'riverside@9.9.9', '--kiosks', 'kiosk-a'])).err).toMatch(/no pack "riverside@9.9.9"/);
    expect((await run(['rollout', 'start', 'riverside@1.0.0', '--kiosks', 'kiosk-zz'])).err).toMatch(/unknown or empty: kiosk-zz/);
    expect((await run(['rollout', 'start', 'riverside@1.0.0'])).code).toBe(64);
    expect((await run(['rollout', 'start', 'riverside@1.0.0', '--kiosks', 'kiosk-a', '--advance-share', 'lots'])).code).toBe(64);
  });

  it('rollout rollback takes a real kiosk back to the pack it ran before, signed as a rollback', async () => {
    const packsDir = join(work, 'kiosk-a', 'packs');
    const store = createPackStore({ packsDir, log, demoPackDir: null });
    const key = await serverPublicKey(db());
    const updater = createRemotePackUpdater({
      packsDir,
      store,
      accepted: createAcceptedVersions(packsDir),
      server: () => ({ url: h.server.url, token: h.token }),
      publicKeyPem: () => key,
      log,
    });
    await push('1.0.0');
    await run(['rollout', 'start', 'riverside@1.0.0', '--kiosks', 'kiosk-a']);
    expect(await updater.checkOnce()).toMatchObject({ outcome: 'installed', version: '1.0.0' });
    await push('1.1.0');
    const second = await run(['rollout', 'start', 'riverside@1.1.0', '--kiosks', 'kiosk-a']);
    expect(await updater.checkOnce()).toMatchObject({ outcome: 'installed', version: '1.1.0' });

    const rb = await run(['rollout', 'rollback', String(second.json.rollout.id)]);
    expect(rb.code).toBe(0);
    expect(rb.json.rollback).toMatchObject({ pack: { version: '1.0.0' }, kiosks: ['kiosk-a'] });
    expect(rb.json.rollout).toMatchObject({ rollback: true, version: '1.0.0', state: 'running' });
    expect((await run(['rollout', 'status', String(second.json.rollout.id)])).json.rollout).toMatchObject({
      state: 'stopped',
      stopReason: `rolled back by rollout ${rb.json.rollback.rolloutId}`,
    });
    expect(await updater.checkOnce()).toMatchObject({ outcome: 'installed', version: '1.0.0' });
    expect(store.active()).toMatchObject({ version: '1.0.0' });
    expect((await run(['rollout', 'status', String(rb.json.rollback.rolloutId)])).json.rollout).toMatchObject({ state: 'done' });
    // Nothing older to go back to from the first rollout.
    expect((await run(['rollout', 'rollback', String(rb.json.rollback.rolloutId - 2)])).err).toMatch(/name one with --to/);
  });
});
