import { afterEach, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Provisioning } from '../../../../../common/provisioning';
import { runKioskctl } from '../../../../../node/kiosk/cli/kioskctl';
import { createMemoryLogger } from '../../../../../node/kiosk/logger';
import { hashPinSync } from '../../../../../node/kiosk/pinService';
import { FIRST_RUN_WINDOW_MS } from '../../../../../node/kiosk/provisioning/provisioningStore';
import { createFileSecretStore, UPLOAD_TOKEN, type SecretStore } from '../../../../../node/kiosk/secretStore';
import { createServices, type ServiceOptions, type Services } from '../../../../../node/kiosk/services';
import { tempDir } from '../../../../fixtures/upload/kioskHarness';

// Envelope values are checked field by field below; a loose type keeps the assertions readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

const T0 = Date.UTC(2026, 11, 6, 2, 0);
const SERVER_KEY = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
const TOKEN = 'station-token-abcdefghijklmnop';

function provisioningFile(over: Partial<Provisioning> = {}): Provisioning {
  return {
    format: 1,
    stationId: 'yangpu-riverside',
    kioskId: 'entrance-smile',
    kioskName: '入口微笑屏 · entrance smile screen',
    operatorPin: { oneTimePin: '90817263' },
    upload: { url: 'https://counts.example.org/v', token: TOKEN },
    timeZone: 'Asia/Shanghai',
    profile: ['smile', 'history'],
    serverPublicKey: SERVER_KEY,
    ...over,
  };
}

function kiosk(clock: { t: number }, dataDir?: string, extra: Partial<ServiceOptions> = {}) {
  let dir = dataDir;
  if (!dir) {
    const t = tempDir('provision-');
    cleanups.push(t.cleanup);
    dir = join(t.dir, 'kiosk');
  }
  const log = createMemoryLogger();
  const s = createServices({ dataDir: dir, appVersion: '1.0.0', runtime: 'web', log, now: () => clock.t, ...extra });
  cleanups.push(() => s.close());
  const call = (m: string, payload: unknown = {}, operatorToken?: string) =>
    s.dispatcher.dispatch(m, operatorToken ? { payload, operatorToken } : { payload }) as Promise<{
      ok: boolean;
      value?: Loose;
      error?: Loose;
    }>;
  return { s, dir, log, call };
}

/** What a provisioning touches, to compare before and after a refused one. */
function snapshot(s: Services): unknown {
  return {
    settings: s.settings.get(),
    stored: s.db.prepare('SELECT json FROM settings').get(),
    pin: s.db.prepare('SELECT * FROM operator_pin').all(),
    provisioning: s.provisioning.get(),
    token: s.secrets.get(UPLOAD_TOKEN),
  };
}

describe('kioskctl provision', () => {
  it('applies ids, name, time zone, profile, upload URL and token and the server key; a one-time PIN must be changed', async () => {
    const clock = { t: T0 };
    const { s, dir, call } = kiosk(clock);
    const file = join(dir, '..', 'entrance.json');
    writeFileSync(file, JSON.stringify(provisioningFile()));
    const out = await runKioskctl(s, ['provision', file]);
    expect(JSON.stringify(out)).not.toContain(TOKEN);
    expect(JSON.stringify(out)).not.toContain('90817263');
    expect(s.settings.get()).toMatchObject({
      stationId: 'yangpu-riverside',
      kioskId: 'entrance-smile',
      timeZone: 'Asia/Shanghai',
      exhibits: ['smile', 'history'],
      upload: { url: 'https://counts.example.org/v', enabled: true },
    });
    expect(s.secrets.get(UPLOAD_TOKEN)).toBe(TOKEN);
    expect(s.provisioning.get()).toEqual({
      provisionedAt: T0,
      kioskName: '入口微笑屏 · entrance smile screen',
      serverPublicKey: SERVER_KEY,
    });
    expect((await call('getKioskState')).value).toMatchObject({ pinSet: true, setupPinAllowed: false, stationId: 'yangpu-riverside' });
    // Inside the first-run window, yet provisioned: the screen cannot set a PIN.
    expect((await call('setupPin', { pin: '1234' })).error).toMatchObject({ code: 'FORBIDDEN', reason: 'provisioning-required' });
    const signIn = await call('unlockOperator', { pin: '90817263' });
    expect(signIn.value).toMatchObject({ mustChangePin: true });
    // Until the one-time PIN is changed, that is all its session can do.
    expect((await call('getSettings', {}, signIn.value.token)).error).toMatchObject({ code: 'FORBIDDEN', reason: 'pin-change-required' });
    expect((await call('updateUploadSettings', { url: 'https://elsewhere.example' }, signIn.value.token)).error?.code).toBe('FORBIDDEN');
    expect((await call('changePin', { currentPin: '90817263', newPin: '5724' }, signIn.value.token)).ok).toBe(true);
    expect((await call('getSettings', {}, signIn.value.token)).ok).toBe(true);
    expect((await call('unlockOperator', { pin: '5724' })).value).toMatchObject({ mustChangePin: false });
  });

  it('takes a PIN hash (the file never holds the PIN) and no upload: the URL and any token go', async () => {
    const clock = { t: T0 };
    const { s, dir, call } = kiosk(clock);
    s.settings.update({ upload: { url: 'https://old.example.org', enabled: true, intervalSeconds: 300 } });
    s.secrets.set(UPLOAD_TOKEN, 'old-token-0123456789');
    const file = join(dir, '..', 'hash.json');
    writeFileSync(
      file,
      JSON.stringify(
        provisioningFile({ operatorPin: { hash: hashPinSync('246813') }, upload: null, profile: null, serverPublicKey: null }),
      ),
    );
    await runKioskctl(s, ['provision', file]);
    expect(s.settings.get().upload).toMatchObject({ url: null, enabled: false });
    expect(s.settings.get().exhibits).toEqual(['history', 'panorama', 'postcard', 'smile']);
    expect(s.secrets.isSet(UPLOAD_TOKEN)).toBe(false);
    expect((await call('unlockOperator', { pin: '246813' })).value).toMatchObject({ mustChangePin: false });
  });

  it('refuses a bad file with every problem named, changing nothing', async () => {
    const clock = { t: T0 };
    const { s, dir } = kiosk(clock);
    const before = snapshot(s);
    const bad = async (content: unknown, pattern: RegExp): Promise<void> => {
      const file = join(dir, '..', 'bad.json');
      writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
      await expect(runKioskctl(s, ['provision', file])).rejects.toThrow(pattern);
      expect(snapshot(s)).toEqual(before);
    };
    await bad('{"format":1,', /not JSON/);
    // A broken file's text (maybe the token) never reaches the message, which goes to logs and terminals.
    const leaky = join(dir, '..', 'leaky.json');
    writeFileSync(leaky, `{"upload":{"token":${TOKEN}}}`);
    const err = await runKioskctl(s, ['provision', leaky]).then(
      () => null,
      (e: Error) => e.message,
    );
    expect(err).toMatch(/^not JSON/);
    expect(err).not.toContain(TOKEN.slice(0, 8));
    await bad({ ...provisioningFile(), kioskId: 'Entrance Smile' }, /kioskId: lower-case letters/);
    await bad(provisioningFile({ timeZone: 'Mars/Olympus' }), /timeZone: unknown IANA time zone/);
    await bad(provisioningFile({ profile: ['smile', 'roulette'] }), /exhibits\[1\]/);
    await bad(provisioningFile({ upload: { url: 'http://counts.example.org', token: TOKEN } }), /upload.url: an https:\/\/ URL/);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    await bad(provisioningFile({ serverPublicKey: ec }), /serverPublicKey: an ed25519 key is needed/);
    await bad(provisioningFile({ serverPublicKey: 'not a key' }), /serverPublicKey: not a public key/);
    const h = hashPinSync('246813');
    await bad(
      provisioningFile({ operatorPin: { hash: { ...h, params: { ...h.params, keylen: 64 } } } }),
      /operatorPin.hash.hash: must decode to 64 bytes/,
    );
  });

  it('is never half-applied: when the last step (the token) fails, settings, PIN and record stay as they were', async () => {
    const clock = { t: T0 };
    const t = tempDir('provision-fail-');
    cleanups.push(t.cleanup);
    const real = createFileSecretStore(join(t.dir, 'secrets.json'));
    const failing: SecretStore = {
      ...real,
      protection: real.protection,
      set: () => {
        throw new Error('disk full');
      },
    };
    const { s, dir } = kiosk(clock, join(t.dir, 'kiosk'), { upload: { secrets: failing } });
    const before = snapshot(s);
    const file = join(dir, '..', 'p.json');
    writeFileSync(file, JSON.stringify(provisioningFile()));
    await expect(runKioskctl(s, ['provision', file])).rejects.toThrow(/disk full/);
    expect(snapshot(s)).toEqual(before);
    expect(s.pin.isSet()).toBe(false);
  });
});

describe('provisioning.json in the data folder', () => {
  it('is applied at start and deleted', async () => {
    const t = tempDir('provision-file-');
    cleanups.push(t.cleanup);
    const dir = join(t.dir, 'kiosk');
    mkdirSync(dir);
    writeFileSync(join(dir, 'provisioning.json'), JSON.stringify(provisioningFile()));
    const { s, log } = kiosk({ t: T0 }, dir);
    expect(existsSync(join(dir, 'provisioning.json'))).toBe(false);
    expect(s.settings.get().kioskId).toBe('entrance-smile');
    expect(s.secrets.get(UPLOAD_TOKEN)).toBe(TOKEN);
    expect(s.pin.mustChange()).toBe(true);
    expect(log.lines.find((l) => l.event === 'provisioning.applied')).toMatchObject({ kioskId: 'entrance-smile', pin: 'one-time' });
  });

  it('an invalid one is logged with its problems, kept for the installer, and the kiosk stays unprovisioned', async () => {
    const t = tempDir('provision-file-bad-');
    cleanups.push(t.cleanup);
    const dir = join(t.dir, 'kiosk');
    mkdirSync(dir);
    writeFileSync(join(dir, 'provisioning.json'), JSON.stringify(provisioningFile({ timeZone: 'Nowhere/Place' })));
    const { s, log, call } = kiosk({ t: T0 }, dir);
    expect(existsSync(join(dir, 'provisioning.json'))).toBe(true);
    const line = log.lines.find((l) => l.event === 'provisioning.invalid');
    expect(line).toMatchObject({ level: 'error', issues: [{ path: 'timeZone', message: 'unknown IANA time zone' }] });
    expect(JSON.stringify(line)).not.toContain(TOKEN);
    expect(s.provisioning.get()).toBeNull();
    expect(s.pin.isSet()).toBe(false);
    expect(s.secrets.isSet(UPLOAD_TOKEN)).toBe(false);
    expect(s.settings.get().kioskId).not.toBe('entrance-smile');
    expect((await call('getKioskState')).value).toMatchObject({ pinSet: false, setupPinAllowed: true });
  });
});

describe('the on-screen first-run PIN', () => {
  it('only within the first minutes after the first start, counted from the first start across restarts', async () => {
    const clock = { t: T0 };
    const first = kiosk(clock);
    expect((await first.call('getKioskState')).value.setupPinAllowed).toBe(true);
    first.s.close();
    clock.t = T0 + FIRST_RUN_WINDOW_MS - 1;
    const again = kiosk(clock, first.dir);
    expect((await again.call('getKioskState')).value.setupPinAllowed).toBe(true);
    clock.t = T0 + FIRST_RUN_WINDOW_MS;
    expect((await again.call('getKioskState')).value).toMatchObject({ pinSet: false, setupPinAllowed: false });
    const refused = await again.call('setupPin', { pin: '1234' });
    expect(refused.error).toMatchObject({ code: 'FORBIDDEN', reason: 'provisioning-required' });
    expect(refused.error.message).toMatch(/kioskctl -- provision/);
    expect(again.s.pin.isSet()).toBe(false);
  });

  it('sets the PIN within the window, once', async () => {
    const clock = { t: T0 };
    const { call } = kiosk(clock);
    clock.t += 60_000;
    expect((await call('setupPin', { pin: '1234' })).ok).toBe(true);
    expect((await call('getKioskState')).value).toMatchObject({ pinSet: true, setupPinAllowed: false });
    expect((await call('setupPin', { pin: '9999' })).error.code).toBe('PIN_ALREADY_SET');
  });
});
