import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PackReport } from '../../../../../common/packRollout';
import type { RolloutManifest } from '../../../../../common/pack/signedManifest';
import { createAcceptedVersions } from '../../../../../node/kiosk/packs/acceptedVersions';
import { createPackStore, type PackStore } from '../../../../../node/kiosk/packs/packStore';
import { createRemotePackUpdater } from '../../../../../node/kiosk/packs/remotePackUpdater';
import { signManifest } from '../../../../../node/server/rollout/signManifest';
import { writeValidPackZip } from '../../../../fixtures/packs/makePack';

const TOKEN = 'k'.repeat(40);
const keys = () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    pub: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    priv: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
};
const serverKey = keys();
const NOW = Date.parse('2026-12-06T10:00:00Z');
const log = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A stand-in for the server's rollout endpoints: one offer, one zip, ranges honoured, optional cut connection. */
interface FakeServer {
  url: string;
  offer: { signed: ReturnType<typeof signManifest>; download: string } | null;
  zip: Buffer;
  /** Cut the next download after this many bytes. */
  cutAfter: number | null;
  ranges: (string | null)[];
  reports: PackReport[];
  downloads: number;
  close(): Promise<void>;
}

async function startServer(): Promise<FakeServer> {
  const state = { offer: null, zip: Buffer.alloc(0), cutAfter: null, ranges: [], reports: [], downloads: 0 } as unknown as FakeServer;
  const body = (req: IncomingMessage) =>
    new Promise<string>((r) => {
      let s = '';
      req.on('data', (c) => (s += c)).on('end', () => r(s));
    });
  const server: Server = createServer(async (req, res) => {
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return void res.writeHead(401).end();
    if (req.url === '/v1/packs/offer') {
      if (!state.offer) return void res.writeHead(204).end();
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(state.offer));
    }
    if (req.url === '/v1/packs/report' && req.method === 'POST') {
      state.reports.push(JSON.parse(await body(req)) as PackReport);
      return void res.writeHead(204).end();
    }
    if (req.url?.startsWith('/v1/packs/') && req.url.endsWith('.zip')) {
      state.downloads++;
      const range = req.headers.range ?? null;
      state.ranges.push(range);
      const from = range ? Number(/^bytes=(\d+)-$/.exec(range)?.[1]) : 0;
      const part = state.zip.subarray(from);
      res.writeHead(range ? 206 : 200, {
        'content-length': part.length,
        ...(range ? { 'content-range': `bytes ${from}-${state.zip.length - 1}/${state.zip.length}` } : {}),
      });
      if (state.cutAfter !== null) {
        const cut = state.cutAfter;
        state.cutAfter = null;
        res.write(part.subarray(0, cut), () => setTimeout(() => res.socket?.destroy(), 20));
        return;
      }
      return void res.end(part);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise<void>((r) => server.close(() => r()));
  return state;
}

let work: string;
let srv: FakeServer;
let store: PackStore;
beforeEach(async () => {
  work = mkdtempSync(join(tmpdir(), 'remote-pack-'));
  srv = await startServer();
  store = createPackStore({ packsDir: join(work, 'packs'), log, demoPackDir: null });
});
afterEach(async () => {
  await srv.close();
  rmSync(work, { recursive: true, force: true });
});

const updater = (publicKeyPem = serverKey.pub) =>
  createRemotePackUpdater({
    packsDir: join(work, 'packs'),
    store,
    accepted: createAcceptedVersions(join(work, 'packs')),
    server: () => ({ url: srv.url, token: TOKEN }),
    publicKeyPem: () => publicKeyPem,
    log,
    now: () => NOW,
  });

async function offer(version: string, over: Partial<RolloutManifest> = {}, zipOpts: { id?: string } = {}): Promise<RolloutManifest> {
  const zipPath = await writeValidPackZip(join(work, `offer-${version}-${Math.random()}.zip`), { id: zipOpts.id ?? 'riverside', version });
  srv.zip = readFileSync(zipPath);
  const m: RolloutManifest = {
    format: 1,
    packId: 'riverside',
    version,
    sha256: createHash('sha256').update(srv.zip).digest('hex'),
    size: srv.zip.length,
    issuedAt: '2026-12-06T09:00:00Z',
    expiresAt: '2026-12-07T09:00:00Z',
    rollback: false,
    ...over,
  };
  srv.offer = { signed: signManifest(m, serverKey.priv), download: `/v1/packs/${m.sha256}.zip` };
  return m;
}

describe('remotePackUpdater', () => {
  it('does nothing when nothing is assigned', async () => {
    expect(await updater().checkOnce()).toEqual({ outcome: 'none' });
  });

  it('installs a signed pack, reports it, and then is up to date', async () => {
    await offer('1.0.0');
    const r = await updater().checkOnce();
    expect(r).toMatchObject({ outcome: 'installed', packId: 'riverside', version: '1.0.0' });
    expect(store.active()).toMatchObject({ id: 'riverside', version: '1.0.0' });
    expect(srv.reports).toEqual([expect.objectContaining({ packId: 'riverside', version: '1.0.0', status: 'installed' })]);
    expect(await updater().checkOnce()).toMatchObject({ outcome: 'up-to-date' });
    expect(srv.downloads).toBe(1);
    // Nothing is left behind in the download folder once the pack is in the store.
    expect(readdirSync(join(work, 'packs', 'downloads'))).toEqual([]);
  });

  it('resumes a broken download from where it stopped', async () => {
    const m = await offer('1.0.0');
    srv.cutAfter = Math.floor(m.size / 2);
    const first = await updater().checkOnce();
    expect(first.outcome).toBe('failed');
    expect(store.active()).toBeNull();
    const second = await updater().checkOnce();
    expect(second).toMatchObject({ outcome: 'installed', version: '1.0.0' });
    expect(srv.ranges).toEqual([null, `bytes=${Math.floor(m.size / 2)}-`]);
  });

  it('refuses a manifest not signed by the provisioned key and downloads nothing', async () => {
    await offer('1.0.0');
    const r = await updater(keys().pub).checkOnce();
    expect(r).toMatchObject({ outcome: 'refused', code: 'BAD_SIGNATURE' });
    expect(srv.downloads).toBe(0);
    expect(srv.reports).toEqual([expect.objectContaining({ status: 'refused', code: 'BAD_SIGNATURE' })]);
  });

  it('keeps the old pack when the zip does not match the signed hash', async () => {
    await offer('1.0.0');
    await updater().checkOnce();
    await offer('1.1.0');
    srv.zip = Buffer.from(srv.zip).fill(7, 100, 200);
    const r = await updater().checkOnce();
    expect(r).toMatchObject({ outcome: 'failed', code: 'SHA_MISMATCH' });
    expect(store.active()).toMatchObject({ version: '1.0.0' });
    expect(srv.reports.at(-1)).toMatchObject({ status: 'failed', code: 'SHA_MISMATCH', version: '1.1.0' });
  });

  it('keeps the old pack when the signed zip is not a valid pack, with the validator reason', async () => {
    await offer('1.0.0');
    await updater().checkOnce();
    const bad = join(work, 'bad.zip');
    writeFileSync(bad, 'PK not really a zip');
    srv.zip = readFileSync(bad);
    const m: RolloutManifest = {
      format: 1,
      packId: 'riverside',
      version: '2.0.0',
      sha256: createHash('sha256').update(srv.zip).digest('hex'),
      size: srv.zip.length,
      issuedAt: '2026-12-06T09:00:00Z',
      expiresAt: '2026-12-07T09:00:00Z',
      rollback: false,
    };
    srv.offer = { signed: signManifest(m, serverKey.priv), download: `/v1/packs/${m.sha256}.zip` };
    const r = await updater().checkOnce();
    expect(r).toMatchObject({ outcome: 'failed', code: 'INVALID_PACK' });
    expect(store.active()).toMatchObject({ version: '1.0.0' });
    expect(srv.reports.at(-1)?.reason).toBeTruthy();
  });

  it('refuses a signed zip that holds another pack than the manifest names, and keeps the old one', async () => {
    await offer('1.0.0');
    await updater().checkOnce();
    await offer('1.2.0', {}, { id: 'someone-else' });
    const r = await updater().checkOnce();
    expect(r).toMatchObject({ outcome: 'failed', code: 'INVALID_PACK' });
    expect(store.active()).toMatchObject({ id: 'riverside', version: '1.0.0' });
  });

  it('refuses a downgrade, but installs a downgrade the server signed as a rollback', async () => {
    await offer('1.2.0');
    await updater().checkOnce();
    await offer('1.1.0');
    expect(await updater().checkOnce()).toMatchObject({ outcome: 'refused', code: 'DOWNGRADE' });
    expect(store.active()).toMatchObject({ version: '1.2.0' });
    await offer('1.1.0', { rollback: true });
    expect(await updater().checkOnce()).toMatchObject({ outcome: 'installed', version: '1.1.0' });
    // The highest accepted version stays 1.2.0: a later unsigned-as-rollback 1.1.5 is still a downgrade.
    await offer('1.1.5');
    expect(await updater().checkOnce()).toMatchObject({ outcome: 'refused', code: 'DOWNGRADE' });
  });
});
