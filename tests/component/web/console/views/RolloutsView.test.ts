import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../../../../web/console/api';
import { createConsoleI18n } from '../../../../../web/console/i18n';
import RolloutsView from '../../../../../web/console/views/RolloutsView.vue';
import { fakeConsoleApi, session } from '../fakeConsoleApi';

const SHA_1 = 'a'.repeat(64);
const SHA_2 = 'b'.repeat(64);
const pack = (sha256: string, version: string) => ({ sha256, packId: 'riverside', version, size: 2048, title: '滨江 · Riverside' });
const kiosk = (kioskId: string, stationId: string, name: string) => ({
  kioskId,
  stationId,
  name,
  lastHeartbeatAt: null,
  silentForSeconds: null,
  appVersion: null,
  contentPack: null,
  cameras: [],
  uploadBacklog: null,
  freeDiskBytes: null,
  restarts: null,
});
const target = (kioskId: string, wave: number, status: string, code: string | null = null, reason: string | null = null) => ({
  kioskId,
  stationId: 'qhd-wharf',
  wave,
  status,
  code,
  reason,
  updatedAt: '2026-12-01T02:00:00.000Z',
});
const rollout7 = {
  id: 7,
  sha256: SHA_2,
  packId: 'riverside',
  version: '1.1.0',
  rollback: false,
  state: 'stopped',
  stopReason: '1 of 2 kiosks failed or refused the pack',
  targets: [target('entry-a', 1, 'installed'), target('exit-b', 1, 'refused', 'BAD_SIGNATURE', 'the manifest signature does not verify')],
};

function district() {
  return fakeConsoleApi({
    'GET /me': session('district'),
    'GET /packs': { body: { packs: [{ ...pack(SHA_2, '1.1.0'), uploadedAt: '2026-12-01T01:00:00.000Z' }] } },
    'GET /rollouts': {
      body: {
        rollouts: [
          {
            id: 7,
            sha256: SHA_2,
            packId: 'riverside',
            version: '1.1.0',
            rollback: false,
            state: 'stopped',
            stopReason: null,
            createdAt: '2026-12-01T02:00:00.000Z',
            counts: { installed: 1, refused: 1 },
          },
        ],
      },
    },
    'GET /fleet': {
      body: {
        kiosks: [kiosk('entry-a', 'qhd-wharf', '入口屏'), kiosk('exit-b', 'qhd-wharf', '出口屏'), kiosk('bridge-c', 'yp-bridge', '大桥屏')],
      },
    },
    'GET /rollouts/7': { body: { rollout: rollout7 } },
  });
}

async function mountPage() {
  await api.restore();
  const w = mount(RolloutsView, { global: { plugins: [createConsoleI18n('en')] } });
  await flushPromises();
  return w;
}
const chooseFile = (input: HTMLInputElement, file: File) => Object.defineProperty(input, 'files', { value: [file], configurable: true });

describe('RolloutsView', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => vi.unstubAllGlobals());

  it('lists the packs, the rollouts with their kiosks per status, and the fleet to choose from', async () => {
    district();
    const w = await mountPage();
    expect(w.get('[data-testid="pack-row-riverside@1.1.0"]').text()).toContain('2 KB');
    expect(w.get('[data-testid="rollout-row-7"] [data-testid="cell-counts"]').text()).toBe('installed 1 · refused 1');
    expect(w.get('[data-testid="rollout-row-7"] [data-testid="cell-state"]').text()).toBe('stopped');
    expect(w.findAll('[data-testid^="rollout-station-"]').map((c) => c.attributes('data-testid'))).toEqual([
      'rollout-station-qhd-wharf',
      'rollout-station-yp-bridge',
    ]);
    expect(w.get('[data-testid="rollout-start"]').text()).toContain('qhd-wharf (2 kiosks)');
    expect(w.findAll('[data-testid^="rollout-kiosk-"]')).toHaveLength(3);
  });

  it('uploads the chosen zip with the CSRF token, shows the stored pack, and lists the packs again', async () => {
    const fake = district();
    fake.answers['POST /packs'] = { status: 201, body: { pack: pack(SHA_1, '1.2.0') } };
    const w = await mountPage();
    const file = new File([new Uint8Array([80, 75, 3, 4])], 'riverside-1.2.0.zip', { type: 'application/zip' });
    chooseFile(w.get('[data-testid="pack-file"]').element as HTMLInputElement, file);
    fake.sent.length = 0;
    await w.get('[data-testid="pack-upload"] form').trigger('submit');
    await flushPromises();
    const post = fake.sent.find((r) => r.method === 'POST')!;
    expect(post).toMatchObject({ path: '/packs', headers: { 'content-type': 'application/zip', 'x-csrf-token': 'csrf-1' } });
    expect(post.body).toBe(file);
    expect(w.get('[data-testid="pack-upload-done"]').text()).toContain('Uploaded riverside 1.2.0 (2 KB).');
    expect(w.get('[data-testid="pack-upload-done"]').text()).toContain(SHA_1);
    expect(fake.sent.filter((r) => r.path === '/packs' && r.method === 'GET')).toHaveLength(1);
  });

  it("says why an upload was refused: too large, not a zip, or the validator's problems one by one", async () => {
    const fake = district();
    const w = await mountPage();
    const submit = async () => {
      await w.get('[data-testid="pack-upload"] form').trigger('submit');
      await flushPromises();
    };
    await submit();
    expect(w.get('[data-testid="pack-upload-error"]').text()).toBe('Choose a .zip file first.');
    chooseFile(w.get('[data-testid="pack-file"]').element as HTMLInputElement, new File(['x'], 'p.zip'));

    fake.answers['POST /packs'] = { status: 413, body: { error: 'a pack may be at most 2097152 bytes', maxBytes: 2 * 1024 * 1024 } };
    await submit();
    expect(w.get('[data-testid="pack-upload-error"]').text()).toBe('The pack is too large: the server takes at most 2 MB.');

    fake.answers['POST /packs'] = { status: 415, body: { error: 'send the pack as the request body with Content-Type: application/zip' } };
    await submit();
    expect(w.get('[data-testid="pack-upload-error"]').text()).toBe('The server takes packs as .zip files only.');

    fake.answers['POST /packs'] = {
      status: 422,
      body: {
        error: 'the pack was refused',
        problems: [
          { file: 'manifest.json', path: 'version', message: 'riverside 1.0.0 is already on the server with other content' },
          { file: 'p.zip', path: '', message: 'not a zip archive' },
        ],
      },
    };
    await submit();
    expect(w.get('[data-testid="pack-upload-error"]').text()).toBe('The pack was refused (2 problem(s)):');
    expect(w.findAll('[data-testid="pack-problems"] li').map((l) => l.text())).toEqual([
      'manifest.json version: riverside 1.0.0 is already on the server with other content',
      'p.zip: not a zip archive',
    ]);
    expect(w.find('[data-testid="pack-upload-done"]').exists()).toBe(false);
  });

  it("starts a rollout with the form's choices as the POST body, then shows it kiosk by kiosk; 400 and 404 say why", async () => {
    const fake = district();
    const w = await mountPage();
    await w.get('[data-testid="rollout-submit"]').trigger('submit');
    expect(w.get('[data-testid="rollout-start-error"]').text()).toBe('Choose a pack.');
    await w.get('[data-testid="rollout-pack"]').setValue(SHA_2);
    await w.get('[data-testid="rollout-submit"]').trigger('submit');
    expect(w.get('[data-testid="rollout-start-error"]').text()).toBe('Choose at least one station or kiosk.');

    await w.get('[data-testid="rollout-station-yp-bridge"]').setValue(true);
    await w.get('[data-testid="rollout-kiosk-entry-a"]').setValue(true);
    await w.get('[data-testid="rollout-wave"]').setValue('1');
    await w.get('[data-testid="rollout-advance"]').setValue('90');
    await w.get('[data-testid="rollout-expires"]').setValue('7');
    fake.answers['POST /rollouts'] = {
      status: 400,
      body: { error: 'invalid request', issues: [{ path: 'stopFailedShare', message: 'Too big: expected number to be <=1' }] },
    };
    await w.get('.rollout-form').trigger('submit');
    await flushPromises();
    expect(w.get('[data-testid="rollout-start-error"]').text()).toBe('Invalid request: invalid request');
    expect(w.get('[data-testid="rollout-start"] .problems').text()).toBe('stopFailedShare: Too big: expected number to be <=1');
    const post = fake.sent.find((r) => r.method === 'POST' && r.path === '/rollouts')!;
    expect(post.headers).toMatchObject({ 'content-type': 'application/json', 'x-csrf-token': 'csrf-1' });
    expect(JSON.parse(String(post.body))).toEqual({
      pack: SHA_2,
      stations: ['yp-bridge'],
      kiosks: ['entry-a'],
      waveSize: 1,
      advanceShare: 0.9,
      stopFailedShare: 0.2,
      expiresInDays: 7,
    });

    fake.answers['POST /rollouts'] = { status: 404, body: { error: 'unknown or empty: yp-bridge' } };
    await w.get('.rollout-form').trigger('submit');
    await flushPromises();
    expect(w.get('[data-testid="rollout-start-error"]').text()).toBe('Cannot start: unknown or empty: yp-bridge');

    const started = {
      ...rollout7,
      id: 8,
      state: 'running',
      stopReason: null,
      targets: [target('entry-a', 1, 'offered'), target('bridge-c', 2, 'waiting')],
    };
    fake.answers['POST /rollouts'] = { status: 201, body: { rollout: started } };
    await w.get('.rollout-form').trigger('submit');
    await flushPromises();
    expect(w.get('[data-testid="rollout-started"]').text()).toBe('Started rollout #8 (2 kiosks).');
    expect(w.get('[data-testid="target-row-entry-a"] [data-testid="cell-status"]').text()).toBe('offered');
    expect(w.get('[data-testid="target-row-bridge-c"] [data-testid="cell-wave"]').text()).toBe('2');
    expect(w.get('[data-testid="target-row-bridge-c"] [data-testid="cell-status"]').text()).toBe('waiting');
    // The choices are cleared, and the rollouts are read again.
    expect((w.get('[data-testid="rollout-kiosk-entry-a"]').element as HTMLInputElement).checked).toBe(false);
    expect(fake.sent.filter((r) => r.method === 'GET' && r.path === '/rollouts')).toHaveLength(2);
  });

  it("shows a rollout's kiosks with the error code and reason, and rolls it back only once confirmed; 409 is nothing to go back to", async () => {
    const fake = district();
    const w = await mountPage();
    await w.get('[data-testid="rollout-show-7"]').trigger('click');
    await flushPromises();
    const refused = w.get('[data-testid="target-row-exit-b"]');
    expect(refused.get('[data-testid="cell-status"]').text()).toBe('refused');
    expect(refused.get('[data-testid="cell-code"]').text()).toBe('BAD_SIGNATURE');
    expect(refused.get('[data-testid="cell-reason"]').text()).toBe('the manifest signature does not verify');
    expect(w.get('[data-testid="target-row-entry-a"] [data-testid="cell-code"]').text()).toBe('—');
    expect(w.get('[data-testid="rollout-detail"]').text()).toContain('Stopped: 1 of 2 kiosks failed or refused the pack');

    fake.answers['POST /rollouts/7/rollback'] = { status: 409, body: { error: 'rollout 7 already carries riverside@1.1.0' } };
    await w.get('[data-testid="rollback-start"]').trigger('click');
    expect(fake.sent.some((r) => r.method === 'POST')).toBe(false);
    await w.get('[data-testid="rollback-cancel"]').trigger('click');
    expect(w.find('[data-testid="rollback-confirm"]').exists()).toBe(false);
    await w.get('[data-testid="rollback-start"]').trigger('click');
    await w.get('[data-testid="rollback-confirm"]').trigger('click');
    await flushPromises();
    expect(w.get('[data-testid="rollback-error"]').text()).toBe('Nothing to go back to: rollout 7 already carries riverside@1.1.0');
    const first = fake.sent.find((r) => r.method === 'POST')!;
    expect(first).toMatchObject({ path: '/rollouts/7/rollback', headers: { 'x-csrf-token': 'csrf-1' } });
    expect(JSON.parse(String(first.body))).toEqual({ to: null });

    const back = { ...rollout7, id: 9, sha256: SHA_1, version: '1.0.0', rollback: true, state: 'running', stopReason: null };
    back.targets = [target('entry-a', 1, 'offered'), target('exit-b', 1, 'offered')];
    fake.answers['POST /rollouts/7/rollback'] = {
      status: 201,
      body: { rollback: { rolloutId: 9, pack: pack(SHA_1, '1.0.0'), kiosks: ['entry-a', 'exit-b'] }, rollout: back },
    };
    await w.get('[data-testid="rollback-to"]').setValue(SHA_2);
    await w.get('[data-testid="rollback-confirm"]').trigger('click');
    await flushPromises();
    expect(JSON.parse(String(fake.sent.filter((r) => r.method === 'POST')[1]!.body))).toEqual({ to: SHA_2 });
    expect(w.get('[data-testid="rollback-done"]').text()).toBe('Rolled back: rollout #9 offers riverside 1.0.0 to 2 kiosk(s).');
    expect(w.get('[data-testid="rollout-detail"] h2').text()).toBe('Rollout #9: riverside 1.0.0');
  });

  it("shows the server's 403 to a station account politely, with nothing else on the page", async () => {
    fakeConsoleApi({
      'GET /me': session('station'),
      'GET /packs': { status: 403, body: { error: 'content-pack rollout is for district accounts' } },
      'GET /rollouts': { status: 403, body: { error: 'content-pack rollout is for district accounts' } },
      'GET /fleet': { body: { kiosks: [] } },
    });
    const w = await mountPage();
    expect(w.get('[data-testid="page-error"]').text()).toBe('This account may not see this page.');
    expect(w.find('[data-testid="pack-upload"]').exists()).toBe(false);
  });
});
