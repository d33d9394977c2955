import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeValidPack } from '../../../../fixtures/packs/makePack';
import { rawZip } from '../../../../fixtures/packs/rawZip';

const CLI = fileURLToPath(new URL('../../../../../node/kiosk/cli/pack.ts', import.meta.url));
let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'pack-cli-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const env = () => ({ ...process.env, KIOSK_DATA_DIR: join(work, 'data'), KIOSK_DEMO_PACK_DIR: join(work, 'no-demo') });
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8', env: env(), timeout: 60_000 });

describe('npm run pack', { timeout: 90_000 }, () => {
  it('prints the usage and exits 2 without a command or with an unknown one', () => {
    const r = cli();
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage: npm run pack -- <command>');
    expect(cli('frobnicate', work).status).toBe(2);
    expect(cli('validate', join(work, 'nope')).stderr).toContain('no such file or folder');
  });

  it('validate: exit 0 for a valid folder, 1 with every problem (file and JSON path) for a broken one', async () => {
    const dir = await writeValidPack(join(work, 'pack'));
    const ok = cli('validate', dir);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('✔ test-pack@1.0.0 is valid (7 files)');

    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    m.history.stories[0].era = { 'zh-CN': '1919年' };
    m.history.stories[0].cover = 'missing.png';
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
    writeFileSync(join(dir, 'wharf/p1.png'), 'not a png');
    const bad = cli('validate', dir);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('✖ 5 problems:');
    expect(bad.stderr).toMatch(/wharf\/p1\.png assets\[2\]\.sha256: has sha256 [0-9a-f]{64}; the manifest says [0-9a-f]{64}/);
    expect(bad.stderr).toContain('manifest.json history.stories[0].era.en: Invalid input: expected string, received undefined');
    expect(bad.stderr).toContain('manifest.json history.stories[0].cover: "missing.png" is not listed in assets');
    expect(bad.stderr).toMatch(/wharf\/p1\.png assets\[2\]\.bytes: is 9 bytes; the manifest says \d+/);
    expect(bad.stderr).toContain('wharf/p1.png assets[2]: the file is not a PNG image (wrong signature)');

    const json = cli('validate', dir, '--json');
    expect(json.status).toBe(1);
    const parsed = JSON.parse(json.stdout) as { ok: boolean; problems: { file: string; path: string }[] };
    expect(parsed.ok).toBe(false);
    expect(parsed.problems).toContainEqual(expect.objectContaining({ file: 'manifest.json', path: 'history.stories[0].cover' }));
  });

  it('validate: refuses a hostile zip with a clear message', () => {
    const zip = join(work, 'evil.zip');
    writeFileSync(
      zip,
      rawZip([
        { name: 'manifest.json', data: Buffer.from('{}') },
        { name: 'x/../../../etc/evil.png', data: Buffer.from('x') },
      ]),
    );
    const r = cli('validate', zip);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('x/../../../etc/evil.png: path contains ".."');
  });

  it('build: fills sizes and checksums, writes a zip that validates and installs; an invalid pack writes no zip', async () => {
    const dir = await writeValidPack(join(work, 'pack'));
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    delete m.assets;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
    writeFileSync(join(dir, 'draft-notes.txt'), 'not for visitors');
    const out = join(work, 'out.zip');
    const r = cli('build', dir, '--out', out);
    expect(r.stdout).toContain(`✔ wrote ${out} (test-pack@1.0.0, 6 assets`);
    expect(r.stderr).toContain('left out: draft-notes.txt (nothing references it)');
    expect(r.status).toBe(0);
    const assets = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).assets as { path: string; bytes: number; sha256: string }[];
    expect(assets.find((a) => a.path === 'wharf/cover.png')).toEqual(
      expect.objectContaining({
        bytes: readFileSync(join(dir, 'wharf/cover.png')).length,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    );
    expect(cli('validate', out).status).toBe(0);

    const inst = cli('install', out);
    expect(inst.status).toBe(0);
    expect(inst.stdout).toContain('✔ installed test-pack@1.0.0');
    const pointer = JSON.parse(readFileSync(join(work, 'data', 'packs', 'active.json'), 'utf8'));
    expect(pointer.active).toMatch(/^test-pack@1\.0\.0~/);

    writeFileSync(join(dir, 'wharf/cover.png'), 'broken');
    const bad = cli('build', dir, '--out', join(work, 'bad.zip'));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('✖ no zip written');
    expect(existsSync(join(work, 'bad.zip'))).toBe(false);
  });

  it('install: an invalid pack exits 1 with its problems and leaves the active pack as it was', async () => {
    const good = await writeValidPack(join(work, 'good'));
    expect(cli('install', good).status).toBe(0);
    const before = readFileSync(join(work, 'data', 'packs', 'active.json'), 'utf8');
    const bad = await writeValidPack(join(work, 'bad'), { id: 'bad-pack' });
    writeFileSync(join(bad, 'attract.jpg'), 'nope');
    const r = cli('install', bad);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('attract.jpg assets[0]');
    expect(readFileSync(join(work, 'data', 'packs', 'active.json'), 'utf8')).toBe(before);
  });

  it('preview: serves the folder as the active pack over the web host without installing it', async () => {
    const dir = await writeValidPack(join(work, 'pack'), { id: 'preview-me' });
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'preview', dir], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let buf = '';
        child.stdout.on('data', (d: Buffer) => {
          buf += d.toString();
          const first = buf.split('\n').find((l) => l.startsWith('{'));
          if (first) resolve(first);
        });
        child.once('exit', (code) => reject(new Error(`preview exited ${code}`)));
      });
      const { url, launchUrl } = JSON.parse(line) as { url: string; launchUrl: string };
      // The printed link carries a single-use nonce, traded for the secret as the page does.
      const nonce = new URLSearchParams(new URL(launchUrl).hash.slice(1)).get('n');
      const session = await fetch(`${url}session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ nonce }),
      });
      const { secret } = ((await session.json()) as { value: { secret: string } }).value;
      expect(line).not.toContain(secret);
      const file = await fetch(`${url}pack/wharf/cover.png`);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await file.arrayBuffer())).toEqual(readFileSync(join(dir, 'wharf/cover.png')));
      const ranged = await fetch(`${url}pack/wharf/zh.mp3`, { headers: { range: 'bytes=0-9' } });
      expect(ranged.status).toBe(206);
      expect((await ranged.arrayBuffer()).byteLength).toBe(10);
      expect((await fetch(`${url}pack/../manifest.json`)).status).toBe(404);
      const api = await fetch(`${url}api/getActivePack`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-kiosk-secret': secret },
        body: JSON.stringify({ payload: {} }),
      });
      const body = (await api.json()) as { ok: boolean; value: { key: string; baseUrl: string; manifest: { id: string } } };
      expect(body.value).toMatchObject({ key: 'preview', baseUrl: '/pack/', manifest: { id: 'preview-me' } });
      expect(existsSync(join(work, 'data', 'packs', 'active.json'))).toBe(false);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  });
});
