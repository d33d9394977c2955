import { createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { ProvisioningSchema } from '../../../../common/provisioning';
import type { RunningServer } from '../../../../node/server/http/startServer';
import { dailyTotals, listHeartbeats, totals } from '../../../../node/server/store/reads';
import { findToken } from '../../../../node/server/store/registry';
import { verifyPassword } from '../../../../node/server/store/users';
import { cli } from './cliHarness';
import { heartbeat, post } from './serverHarness';
import { describeEachDb } from './testDb';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'server-cli-'));
  cleanups.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
};

describeEachDb('server command line', (db) => {
  it('adds a station and a kiosk and prints a provisioning file the kiosk schema accepts, with a working token', async () => {
    expect((await cli(db(), ['station', 'add', 'qhd-wharf', '--name', '秦皇岛路码头'])).code).toBe(0);
    const r = await cli(db(), [
      'kiosk',
      'add',
      'kiosk-entry',
      '--station',
      'qhd-wharf',
      '--name',
      '入口微笑屏',
      '--profile',
      'smile,history',
      '--one-time-pin',
    ]);
    expect(r).toMatchObject({ code: 0, err: '' });
    const file = ProvisioningSchema.parse(JSON.parse(r.out));
    expect(file).toMatchObject({
      stationId: 'qhd-wharf',
      kioskId: 'kiosk-entry',
      kioskName: '入口微笑屏',
      timeZone: 'Asia/Shanghai',
      profile: ['smile', 'history'],
    });
    expect(file.upload?.url).toBe('https://counts.example.org/riverside');
    expect(file.operatorPin).toEqual({ oneTimePin: expect.stringMatching(/^\d{8}$/) });
    expect(createPublicKey(file.serverPublicKey as string).asymmetricKeyType).toBe('ed25519');
    expect(await findToken(db(), file.upload?.token as string)).toMatchObject({ kioskId: 'kiosk-entry', stationId: 'qhd-wharf' });
    // The token is stored only hashed.
    const stored = await db().query<{ h: string }>("SELECT encode(token_hash, 'hex') AS h FROM tokens");
    expect(JSON.stringify(stored)).not.toContain(file.upload?.token);
    // One server key for every kiosk.
    const second = await cli(db(), ['kiosk', 'add', 'kiosk-exit', '--station', 'qhd-wharf', '--name', 'exit', '--one-time-pin']);
    expect(JSON.parse(second.out).serverPublicKey).toBe(file.serverPublicKey);
  });

  it('takes a PIN hash from a file, writes the file 0600 with --out, and refuses bad input storing nothing', async () => {
    const d = tmp();
    await cli(db(), ['station', 'add', 'qhd-wharf', '--name', 'Wharf']);
    const pin = join(d, 'pin.json');
    writeFileSync(
      pin,
      JSON.stringify({ algorithm: 'scrypt', hash: 'a'.repeat(44), salt: 'b'.repeat(24), params: { N: 16384, r: 8, p: 1, keylen: 32 } }),
    );
    const out = join(d, 'kiosk.json');
    expect(
      (await cli(db(), ['kiosk', 'add', 'kiosk-one', '--station', 'qhd-wharf', '--name', 'one', '--pin-hash-from', pin, '--out', out]))
        .code,
    ).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(ProvisioningSchema.parse(JSON.parse(readFileSync(out, 'utf8'))).operatorPin).toMatchObject({ hash: { algorithm: 'scrypt' } });
    const both = await cli(db(), [
      'kiosk',
      'add',
      'kiosk-two',
      '--station',
      'qhd-wharf',
      '--name',
      'two',
      '--pin-hash-from',
      pin,
      '--one-time-pin',
    ]);
    expect(both.code).toBe(64);
    const badProfile = await cli(db(), [
      'kiosk',
      'add',
      'kiosk-two',
      '--station',
      'qhd-wharf',
      '--name',
      'two',
      '--one-time-pin',
      '--profile',
      'smile,karaoke',
    ]);
    expect(badProfile).toMatchObject({ code: 64, err: expect.stringMatching(/karaoke/) });
    const noStation = await cli(db(), ['kiosk', 'add', 'kiosk-two', '--station', 'nowhere', '--name', 'two', '--one-time-pin']);
    expect(noStation).toMatchObject({ code: 1, err: expect.stringMatching(/no station nowhere/) });
    const noUrl = await cli(db(), ['kiosk', 'add', 'kiosk-two', '--station', 'qhd-wharf', '--name', 'two', '--one-time-pin'], {
      env: { SERVER_PUBLIC_URL: '' },
    });
    expect(noUrl.code).toBe(64);
    expect(await db().query("SELECT id FROM kiosks WHERE id = 'kiosk-two'")).toEqual([]);
    expect((await cli(db(), ['station', 'add', 'Bad Id', '--name', 'x'])).code).toBe(1);
    expect((await cli(db(), ['station', 'add', 'qhd-wharf', '--name', 'again'])).err).toMatch(/already exists/);
  });

  it("revokes a kiosk's tokens, after which the server refuses them", async () => {
    await cli(db(), ['station', 'add', 'qhd-wharf', '--name', 'Wharf']);
    const file = ProvisioningSchema.parse(
      JSON.parse((await cli(db(), ['kiosk', 'add', 'kiosk-entry', '--station', 'qhd-wharf', '--name', 'e', '--one-time-pin'])).out),
    );
    let server: RunningServer | null = null;
    expect((await cli(db(), ['serve', '--port', '0'], { onServing: (s) => (server = s) })).code).toBe(0);
    const s = server as unknown as RunningServer;
    cleanups.push(() => s.close());
    const hb = JSON.stringify(heartbeat({ stationId: 'qhd-wharf', kioskId: 'kiosk-entry' }));
    expect((await post(s.url, '/v1/heartbeat', hb, 'hb-revoke-1', file.upload?.token as string)).status).toBe(200);
    expect(JSON.parse((await cli(db(), ['token', 'revoke', 'kiosk-entry'])).out)).toEqual({ kiosk: 'kiosk-entry', revoked: 1 });
    expect((await post(s.url, '/v1/heartbeat', hb, 'hb-revoke-2', file.upload?.token as string)).status).toBe(401);
  });

  it('adds users with an scrypt password read from stdin', async () => {
    await cli(db(), ['station', 'add', 'qhd-wharf', '--name', 'Wharf']);
    expect(
      (await cli(db(), ['user', 'add', 'li.wei', '--role', 'station', '--station', 'qhd-wharf'], { stdin: 'correct horse battery\n' }))
        .code,
    ).toBe(0);
    expect((await cli(db(), ['user', 'add', 'district-admin', '--role', 'district'], { stdin: 'another long secret\n' })).code).toBe(0);
    const rows = await db().query<{ name: string; password_hash: string }>('SELECT name, password_hash FROM users ORDER BY name');
    expect(rows.map((r) => r.name)).toEqual(['district-admin', 'li.wei']);
    expect(rows[1]?.password_hash).toMatch(/^scrypt\$/);
    expect(await verifyPassword('correct horse battery', rows[1]?.password_hash as string)).toBe(true);
    expect(await verifyPassword('wrong password!', rows[1]?.password_hash as string)).toBe(false);
    expect((await cli(db(), ['user', 'add', 'short', '--role', 'district'], { stdin: 'short\n' })).err).toMatch(/at least 10/);
    expect((await cli(db(), ['user', 'add', 'nostation', '--role', 'station'], { stdin: 'long enough password\n' })).code).toBe(1);
    expect((await db().query('SELECT name FROM users')).length).toBe(2);
  });

  it("imports the old SQLite receiver's buckets and heartbeats once, however often it runs", async () => {
    const file = join(tmp(), 'receiver.db');
    const old = new Database(file);
    // The old reference receiver's schema.
    old.exec(`
      CREATE TABLE buckets (station_id TEXT NOT NULL, kiosk_id TEXT NOT NULL, metric TEXT NOT NULL, hour_start INTEGER NOT NULL, value INTEGER NOT NULL, revision INTEGER NOT NULL, received_at INTEGER NOT NULL, PRIMARY KEY (station_id, kiosk_id, metric, hour_start)) WITHOUT ROWID;
      CREATE TABLE heartbeats (id INTEGER PRIMARY KEY AUTOINCREMENT, station_id TEXT NOT NULL, kiosk_id TEXT NOT NULL, received_at INTEGER NOT NULL, json TEXT NOT NULL);`);
    const ins = old.prepare('INSERT INTO buckets VALUES (?, ?, ?, ?, ?, ?, ?)');
    const t0 = Date.UTC(2026, 2, 1);
    old.transaction(() => {
      for (let h = 0; h < 1500; h += 1) ins.run('qhd-wharf', 'kiosk-old', 'session.started', t0 + h * 3_600_000, 2, 3, t0);
      ins.run('qhd-wharf', 'kiosk-old2', 'smile.entry.visitors', t0, 5, 1, t0);
    })();
    old
      .prepare('INSERT INTO heartbeats (station_id, kiosk_id, received_at, json) VALUES (?, ?, ?, ?)')
      .run('qhd-wharf', 'kiosk-old', t0, JSON.stringify(heartbeat({ stationId: 'qhd-wharf', kioskId: 'kiosk-old' })));
    old.close();
    const first = await cli(db(), ['import-sqlite', file]);
    expect(JSON.parse(first.out)).toEqual({
      stationsCreated: ['qhd-wharf'],
      kiosksCreated: ['kiosk-old', 'kiosk-old2'],
      buckets: 1501,
      heartbeatsAdded: 1,
    });
    const again = await cli(db(), ['import-sqlite', file]);
    expect(JSON.parse(again.out)).toMatchObject({ stationsCreated: [], kiosksCreated: [], heartbeatsAdded: 0 });
    expect(await totals(db())).toEqual({ 'session.started': 3000, 'smile.entry.visitors': 5 });
    const days = await dailyTotals(db(), { fromDay: '2026-01-01', toDay: '2027-01-01' });
    expect(days.filter((d) => d.metric === 'session.started').reduce((a, d) => a + d.value, 0)).toBe(3000);
    expect(await listHeartbeats(db())).toHaveLength(1);
    expect(JSON.parse((await cli(db(), ['totals', '--kiosk', 'kiosk-old2'])).out)).toEqual({ totals: { 'smile.entry.visitors': 5 } });
  });

  it('says what it expects for an unknown command', async () => {
    const r = await cli(db(), ['frobnicate', 'now']);
    expect(r.code).toBe(64);
    expect(r.err).toMatch(/unknown command "frobnicate now"[\s\S]*kiosk add/);
  });
});
