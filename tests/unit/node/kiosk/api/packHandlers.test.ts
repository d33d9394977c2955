import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../../../node/kiosk/logger';
import { createServices, type Services } from '../../../../../node/kiosk/services';
import { writeValidPack, writeValidPackZip } from '../../../../fixtures/packs/makePack';
import { makeTempDir } from '../../../../fixtures/tempDir';

let services: Services;
let dir: string;
let cleanup: () => void;
beforeEach(async () => {
  const t = makeTempDir();
  dir = t.dir;
  cleanup = t.cleanup;
  const demo = await writeValidPack(join(dir, 'demo'), { id: 'demo', tagline: 'Demo tagline' });
  services = createServices({
    dataDir: join(dir, 'data'),
    appVersion: '9.9.9',
    runtime: 'web',
    log: createMemoryLogger(),
    packs: { demoPackDir: demo, overrideDir: null },
  });
});
afterEach(() => {
  services.close();
  cleanup();
});

const operator = async (): Promise<string> => {
  await services.pin.setInitial('2468');
  return services.sessions.open().token;
};

describe('pack channels', () => {
  it('gives any screen the active pack (the demo pack on a fresh kiosk) with its base URL and revision', async () => {
    const r = await services.dispatcher.dispatch('getActivePack', { payload: {} });
    expect(r).toMatchObject({
      ok: true,
      value: { key: 'builtin', baseUrl: '/pack/', revision: 0, manifest: { id: 'demo', attract: { tagline: { en: 'Demo tagline' } } } },
    });
    expect(await services.dispatcher.dispatch('getPackRevision', { payload: {} })).toEqual({
      ok: true,
      value: { revision: 0, key: 'builtin' },
    });
  });

  it('keeps listing, import, activation and rollback for the operator', async () => {
    const d = services.dispatcher;
    for (const m of ['listPacks', 'importPack', 'activatePack', 'rollbackPack']) {
      expect(await d.dispatch(m, { payload: {} })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
  });

  it('imports a zip, swaps the active pack (new revision), activates and rolls back', async () => {
    const token = await operator();
    const d = services.dispatcher;
    const zip = await writeValidPackZip(join(dir, 'new.zip'), { id: 'new-pack', tagline: 'New tagline' });
    const imported = await d.dispatch('importPack', { payload: { path: zip }, operatorToken: token });
    expect(imported).toMatchObject({ ok: true, value: { id: 'new-pack', active: true, builtin: false } });
    expect(await d.dispatch('getActivePack', { payload: {} })).toMatchObject({
      ok: true,
      value: { revision: 1, manifest: { id: 'new-pack' } },
    });
    const list = await d.dispatch('listPacks', { payload: {}, operatorToken: token });
    expect(list).toMatchObject({
      ok: true,
      value: {
        previewing: false,
        packs: [
          { id: 'new-pack', active: true },
          { key: 'builtin', previous: true },
        ],
      },
    });

    expect(await d.dispatch('rollbackPack', { payload: {}, operatorToken: token })).toMatchObject({
      ok: true,
      value: { key: 'builtin', active: true },
    });
    expect(await d.dispatch('getPackRevision', { payload: {} })).toMatchObject({ ok: true, value: { revision: 2, key: 'builtin' } });
    const key = (imported as { value: { key: string } }).value.key;
    expect(await d.dispatch('activatePack', { payload: { key }, operatorToken: token })).toMatchObject({
      ok: true,
      value: { key, active: true },
    });
    expect(await d.dispatch('activatePack', { payload: { key: 'ghost@1.0.0~x' }, operatorToken: token })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('answers a refused pack with PACK_INVALID and every problem with its file and JSON path', async () => {
    const token = await operator();
    const src = await writeValidPack(join(dir, 'bad'), { id: 'bad-pack' });
    writeFileSync(join(src, 'manifest.json'), JSON.stringify({ schemaVersion: 2 }));
    const r = await services.dispatcher.dispatch('importPack', { payload: { path: src }, operatorToken: token });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('PACK_INVALID');
    expect(r.error.issues).toEqual(
      expect.arrayContaining([
        { file: 'manifest.json', path: 'schemaVersion', message: 'Invalid input: expected 1' },
        { file: 'manifest.json', path: 'assets', message: expect.stringContaining('expected array') },
        { file: 'manifest.json', path: 'id', message: 'Invalid input: expected string, received undefined' },
      ]),
    );
    expect(await services.dispatcher.dispatch('getPackRevision', { payload: {} })).toEqual({
      ok: true,
      value: { revision: 0, key: 'builtin' },
    });
    expect(
      await services.dispatcher.dispatch('importPack', { payload: { path: join(dir, 'missing.zip') }, operatorToken: token }),
    ).toMatchObject({
      ok: false,
      error: { code: 'PACK_INVALID', issues: [{ file: 'missing.zip', path: '', message: 'does not exist or cannot be read' }] },
    });
  });
});
