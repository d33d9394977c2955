import { afterEach, expect, it } from 'vitest';
import { ProvisioningSchema } from '../../../../common/provisioning';
import { createMemoryLogger } from '../../../../node/kiosk/logger';
import { UPLOAD_TOKEN } from '../../../../node/kiosk/secretStore';
import { createServices, type Services } from '../../../../node/kiosk/services';
import type { RunningServer } from '../../../../node/server/http/startServer';
import { listBuckets, listHeartbeats, totals } from '../../../../node/server/store/reads';
import { kioskBucketMap, seed, tempDir } from '../../../fixtures/upload/kioskHarness';
import { cli } from './cliHarness';
import { describeEachDb } from './testDb';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describeEachDb('a kiosk provisioned by `kiosk add` uploading to the server', (db) => {
  it('uploads every bucket and a heartbeat, and the server totals equal the kiosk totals', async () => {
    let server: RunningServer | null = null;
    await cli(db(), ['serve', '--port', '0'], { onServing: (s) => (server = s) });
    const s = server as unknown as RunningServer;
    cleanups.push(() => s.close());
    await cli(db(), ['station', 'add', 'qhd-wharf', '--name', '秦皇岛路码头']);
    const added = await cli(db(), [
      'kiosk',
      'add',
      'kiosk-entry',
      '--station',
      'qhd-wharf',
      '--name',
      '入口',
      '--profile',
      'smile,history',
      '--one-time-pin',
      '--public-url',
      s.url,
    ]);
    const file = ProvisioningSchema.parse(JSON.parse(added.out));

    const t = tempDir('kiosk-to-server-');
    cleanups.push(t.cleanup);
    const kiosk: Services = createServices({ dataDir: t.dir, appVersion: '9.9.9-test', runtime: 'web', log: createMemoryLogger() });
    cleanups.push(() => kiosk.close());
    // What taking the provisioning file amounts to, through the kiosk's own settings and secret store.
    kiosk.settings.update({
      stationId: file.stationId,
      kioskId: file.kioskId,
      timeZone: file.timeZone,
      exhibits: (file.profile ?? kiosk.settings.get().exhibits) as ReturnType<Services['settings']['get']>['exhibits'],
      upload: { url: file.upload?.url ?? null, enabled: true, intervalSeconds: 30 },
    });
    kiosk.secrets.set(UPLOAD_TOKEN, file.upload?.token as string);
    seed(kiosk, 300); // 1,200 buckets: three batches of 500

    const result = await kiosk.uploader.uploadNow();
    expect(result).toMatchObject({ ok: true, batches: 3, backlog: 0, heartbeatSent: true });
    const kioskMap = kioskBucketMap(kiosk);
    const serverMap = new Map((await listBuckets(db())).map((b) => [`${b.kioskId}|${b.metric}|${b.hour}`, b.value]));
    expect(serverMap).toEqual(kioskMap);
    const kioskTotals: Record<string, number> = {};
    for (const [k, v] of kioskMap) {
      const metric = k.split('|')[1] as string;
      kioskTotals[metric] = (kioskTotals[metric] ?? 0) + v;
    }
    expect(await totals(db(), { stationId: 'qhd-wharf' })).toEqual(kioskTotals);
    expect((await listHeartbeats(db(), { kioskId: 'kiosk-entry' }))[0]).toMatchObject({ appVersion: '9.9.9-test', uploadBacklog: 0 });

    // More counts later: only the changed buckets go, and the totals still agree.
    kiosk.counter.record('session.started', 5, Date.UTC(2026, 2, 1, 2, 10));
    expect(await kiosk.uploader.uploadNow()).toMatchObject({ ok: true, sentBuckets: 1 });
    expect((await totals(db()))['session.started']).toBe((kioskTotals['session.started'] as number) + 5);
  });
});
