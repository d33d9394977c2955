import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PackError } from '../../../../../node/kiosk/packs/packProblem';
import { createPackStore, PackStoreError, type PackStoreOptions } from '../../../../../node/kiosk/packs/packStore';
import { writeValidPack, writeValidPackZip } from '../../../../fixtures/packs/makePack';
import { rawZip } from '../../../../fixtures/packs/rawZip';

let work: string;
let packsDir: string;
let clock: number;
const logged: string[] = [];
const log = {
  info: (e: string) => void logged.push(e),
  warn: (e: string) => void logged.push(e),
  error: (e: string) => void logged.push(e),
};
const open = (extra: Partial<PackStoreOptions> = {}) => createPackStore({ packsDir, log, now: () => clock, ...extra });

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'pack-store-'));
  packsDir = join(work, 'data', 'packs');
  clock = 1_800_000_000_000;
  logged.length = 0;
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const stagingLeft = () => readdirSync(join(packsDir, 'staging'));
const zip = (name: string, opts: { id?: string; version?: string; tagline?: string } = {}) => writeValidPackZip(join(work, name), opts);

describe('packStore', () => {
  it('has no active pack on a fresh data folder without a demo pack', () => {
    const store = open({ demoPackDir: join(work, 'missing-demo') });
    expect(store.activeDir()).toBeNull();
    expect(store.active()).toBeNull();
    expect(store.list()).toEqual([]);
  });

  it('uses the demo pack in place when nothing is installed', async () => {
    const demo = await writeValidPack(join(work, 'demo-pack'), { id: 'demo', version: '0.1.0' });
    const store = open({ demoPackDir: demo });
    expect(store.activeDir()).toBe(demo);
    expect(store.active()?.id).toBe('demo');
    expect(store.list()).toEqual([
      expect.objectContaining({ key: 'builtin', id: 'demo', version: '0.1.0', active: true, builtin: true, previous: false }),
    ]);
  });

  it('installs a zip atomically, keeps the previous pack, rolls back and forth, and notifies', async () => {
    const demo = await writeValidPack(join(work, 'demo-pack'), { id: 'demo' });
    const store = open({ demoPackDir: demo });
    let changes = 0;
    store.onChange(() => changes++);
    const rev0 = store.revision();
    const entry = await store.install(await zip('a.zip', { id: 'pack-a', version: '2.0.0' }));
    expect(entry).toMatchObject({ id: 'pack-a', version: '2.0.0', active: true, builtin: false });
    expect(store.activeDir()).toBe(join(packsDir, 'store', entry.key));
    expect(existsSync(join(store.activeDir()!, 'wharf/en.opus'))).toBe(true);
    expect(store.revision()).toBe(rev0 + 1);
    expect(changes).toBe(1);
    expect(stagingLeft()).toEqual([]);
    expect(store.list().map((e) => [e.id, e.active, e.previous])).toEqual([
      ['pack-a', true, false],
      ['demo', false, true],
    ]);

    expect(store.rollback()).toMatchObject({ key: 'builtin', active: true });
    expect(store.activeKey()).toBe('builtin');
    expect(store.rollback().key).toBe(entry.key);
    expect(store.activate('builtin').active).toBe(true);
    expect(() => store.activate('nope@1.0.0~x')).toThrow(PackStoreError);
    expect(changes).toBe(4);
  });

  it('refuses an invalid pack with every problem and leaves the active pack exactly as it was', async () => {
    const store = open();
    const first = await store.install(await zip('a.zip', { id: 'pack-a' }));
    const pointerBefore = readFileSync(join(packsDir, 'active.json'));
    const storeBefore = readdirSync(join(packsDir, 'store'));
    const src = join(work, 'bad');
    await writeValidPack(src, { id: 'pack-b' });
    const m = JSON.parse(readFileSync(join(src, 'manifest.json'), 'utf8'));
    m.title.en = '';
    m.assets[0].sha256 = '0'.repeat(64);
    writeFileSync(join(src, 'manifest.json'), JSON.stringify(m));
    const err = await store.install(src).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PackError);
    expect((err as PackError).problems.map((p) => `${p.file} ${p.path}`)).toEqual([
      'manifest.json title.en',
      'attract.jpg assets[0].sha256',
    ]);
    expect(readFileSync(join(packsDir, 'active.json'))).toEqual(pointerBefore);
    expect(readdirSync(join(packsDir, 'store'))).toEqual(storeBefore);
    expect(store.activeKey()).toBe(first.key);
    expect(stagingLeft()).toEqual([]);
  });

  it('refuses a hostile archive without touching the active pack', async () => {
    const store = open();
    const first = await store.install(await zip('a.zip'));
    const evil = join(work, 'evil.zip');
    writeFileSync(
      evil,
      rawZip([
        { name: 'manifest.json', data: Buffer.from('{}') },
        { name: '../../escape.png', data: Buffer.from('x') },
      ]),
    );
    await expect(store.install(evil)).rejects.toThrow(/path contains "\.\."/);
    expect(store.activeKey()).toBe(first.key);
    expect(existsSync(join(packsDir, 'escape.png')) || existsSync(join(work, 'data', 'escape.png'))).toBe(false);
    expect(stagingLeft()).toEqual([]);
  });

  it('installs from a folder (a USB stick) and notices installs made by another process', async () => {
    const kiosk = open();
    const cli = open();
    const entry = await cli.install(await writeValidPack(join(work, 'usb', 'pack'), { id: 'from-usb' }));
    expect(kiosk.activeKey()).toBe(entry.key); // first look at the pointer
    const rev = kiosk.revision();
    let changed = 0;
    kiosk.onChange(() => changed++);
    const second = await cli.install(await zip('b.zip', { id: 'second' }));
    expect(kiosk.activeKey()).toBe(entry.key); // checked at most every 500 ms
    clock += 1000;
    expect(kiosk.activeKey()).toBe(second.key);
    expect(kiosk.revision()).toBe(rev + 1);
    expect(changed).toBe(1);
  });

  it('keeps the active, the previous and the two latest other packs', async () => {
    const store = open();
    const keys: string[] = [];
    for (let i = 0; i < 6; i++) {
      clock += 1000;
      keys.push((await store.install(await zip(`p${i}.zip`, { id: `pack-${i}` }))).key);
    }
    expect(readdirSync(join(packsDir, 'store')).sort()).toEqual(keys.slice(2).sort());
    expect(store.list().map((e) => e.id)).toEqual(['pack-5', 'pack-4', 'pack-3', 'pack-2']);
  });

  it('falls back to the previous pack when the active one is damaged on disk, and survives a corrupt pointer', async () => {
    const demo = await writeValidPack(join(work, 'demo-pack'), { id: 'demo' });
    const store = open({ demoPackDir: demo });
    const a = await store.install(await zip('a.zip', { id: 'pack-a' }));
    const b = await store.install(await zip('b.zip', { id: 'pack-b' }));
    writeFileSync(join(packsDir, 'store', b.key, 'manifest.json'), '{broken');
    expect(open({ demoPackDir: demo }).activeKey()).toBe(a.key);
    writeFileSync(join(packsDir, 'active.json'), 'not json');
    expect(open({ demoPackDir: demo }).activeKey()).toBe('builtin');
    expect(logged).toContain('packs.pointer_unreadable');
  });

  it('serves a preview folder read-only', async () => {
    const dir = await writeValidPack(join(work, 'preview'), { id: 'preview-pack' });
    const store = open({ overrideDir: dir });
    expect(store.activeDir()).toBe(dir);
    expect(store.active()?.id).toBe('preview-pack');
    await expect(store.install(dir)).rejects.toThrow(/previewing/);
  });

  describe('a kill -9 in the middle of an install', { timeout: 90_000 }, () => {
    const child = fileURLToPath(new URL('../../../../fixtures/packs/installChild.ts', import.meta.url));
    const run = (source: string, step: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', child, packsDir, source, step], { encoding: 'utf8', timeout: 60_000 });

    it.each(['staged', 'validated', 'stored'])(
      'after "%s" leaves the old pack active after restart, with staging cleaned',
      async (step) => {
        const store = open();
        const old = await store.install(await zip('old.zip', { id: 'old-pack' }));
        const pointer = readFileSync(join(packsDir, 'active.json'));
        const r = run(await zip('new.zip', { id: 'new-pack' }), step);
        expect(r.signal).toBe('SIGKILL');
        expect(r.stdout).toContain(`step ${step}`);
        expect(r.stdout).not.toContain('installed');
        if (step !== 'stored') expect(stagingLeft().length).toBe(1); // the dead process's staging is still there...
        const restarted = open();
        expect(stagingLeft()).toEqual([]); // ...until the next start
        expect(restarted.activeKey()).toBe(old.key);
        expect(restarted.active()?.id).toBe('old-pack');
        expect(readFileSync(join(packsDir, 'active.json'))).toEqual(pointer);
      },
    );

    it('after "activated" the new pack is active after restart (the pointer is the switch)', async () => {
      const store = open();
      const old = await store.install(await zip('old.zip', { id: 'old-pack' }));
      const r = run(await zip('new.zip', { id: 'new-pack' }), 'activated');
      expect(r.signal).toBe('SIGKILL');
      const restarted = open();
      expect(restarted.active()?.id).toBe('new-pack');
      expect(restarted.list().find((e) => e.previous)?.key).toBe(old.key);
    });
  });
});
