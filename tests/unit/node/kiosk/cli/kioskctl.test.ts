import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { bundleEntry } from '../../../../fixtures/upload/bundleEntry';
import { runKioskctl } from '../../../../../node/kiosk/cli/kioskctl';
import { createMemoryLogger } from '../../../../../node/kiosk/logger';
import { createServices } from '../../../../../node/kiosk/services';
import { makeReceiver, tempDir, TOKEN } from '../../../../fixtures/upload/kioskHarness';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('kioskctl', () => {
  it('records test counts, shows the outbox, uploads now and prints health', async () => {
    const t = tempDir('kioskctl-');
    cleanups.push(t.cleanup);
    const s = createServices({ dataDir: join(t.dir, 'k'), appVersion: '1.0.0', runtime: 'web', log: createMemoryLogger() });
    cleanups.push(() => s.close());
    expect(await runKioskctl(s, ['record', 'smile.entry.visitors', '5'])).toEqual({
      recorded: { metric: 'smile.entry.visitors', amount: 5 },
      backlog: 1,
    });
    await runKioskctl(s, ['record', 'session.started']);
    const ob = (await runKioskctl(s, ['outbox'])) as { backlog: number; rows: { metric: string; revision: number; hour: string }[] };
    expect(ob.backlog).toBe(2);
    expect(ob.rows.map((r) => r.metric).sort()).toEqual(['session.started', 'smile.entry.visitors']);
    await expect(runKioskctl(s, ['record', 'visitor.face'])).rejects.toThrow(/unknown metric "visitor.face"/);
    await expect(runKioskctl(s, ['record', 'session.started', '0'])).rejects.toThrow(/amount must be/);
    await expect(runKioskctl(s, ['frobnicate'])).rejects.toThrow(/unknown command: frobnicate/);
    expect(await runKioskctl(s, ['upload-now'])).toMatchObject({ ok: false, skipped: 'disabled' });
    const rx = await makeReceiver(join(t.dir, 'rx.db'));
    cleanups.push(rx.close);
    s.settings.update({ upload: { url: rx.receiver.url, enabled: true, intervalSeconds: 60 } });
    s.secrets.set('upload.token', TOKEN);
    expect(await runKioskctl(s, ['upload-now'])).toMatchObject({ ok: true, sentBuckets: 2, backlog: 0 });
    expect(rx.store.totals()).toEqual({ 'session.started': 1, 'smile.entry.visitors': 5 });
    expect(await runKioskctl(s, ['health'])).toMatchObject({ appVersion: '1.0.0', uploadBacklog: 0 });
  });

  it('runs as a program and prints JSON on stdout', () => {
    const t = tempDir('kioskctl-run-');
    cleanups.push(t.cleanup);
    const main = bundleEntry('node/kiosk/cli/kioskctl.ts');
    cleanups.push(main.remove);
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [main.file, ...args], { env: { ...process.env, KIOSK_DATA_DIR: t.dir }, encoding: 'utf8' });
    const rec = run('record', 'exhibit.postcard.opened', '2');
    expect(rec.status, rec.stderr).toBe(0);
    expect(JSON.parse(rec.stdout)).toEqual({ recorded: { metric: 'exhibit.postcard.opened', amount: 2 }, backlog: 1 });
  }, 15_000);
});
