import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../../node/kiosk/logger';
import { UPLOAD_TOKEN } from '../../../../node/kiosk/secretStore';
import { createServices } from '../../../../node/kiosk/services';
import { tempDir } from '../../../fixtures/upload/kioskHarness';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('services: remote content packs', () => {
  it('asks the station server only with upload on, a token and a provisioned server key', async () => {
    const t = tempDir('remote-packs-');
    const s = createServices({ dataDir: t.dir, appVersion: '1.0.0', runtime: 'web', log: createMemoryLogger(), remotePackPollMs: 0 });
    cleanups.push(t.cleanup, () => s.close());
    expect(await s.remotePacks.checkOnce()).toEqual({ outcome: 'skipped', reason: 'not-provisioned' });

    // A server that answers "nothing assigned" and records who asked.
    const { createServer } = await import('node:http');
    const asked: (string | undefined)[] = [];
    const server = createServer((req, res) => {
      asked.push(req.headers.authorization);
      res.writeHead(204).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => server.close());
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    s.settings.update({ upload: { url, enabled: true, intervalSeconds: 300 } });
    s.secrets.set(UPLOAD_TOKEN, 't'.repeat(40));
    expect(await s.remotePacks.checkOnce()).toEqual({ outcome: 'skipped', reason: 'no-key' });
    const pem = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    s.provisioning.record({ provisionedAt: Date.now(), kioskName: 'door', serverPublicKey: pem });
    expect(await s.remotePacks.checkOnce()).toEqual({ outcome: 'none' });
    expect(asked).toEqual([`Bearer ${'t'.repeat(40)}`]);
  });
});
