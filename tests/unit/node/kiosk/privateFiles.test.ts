import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createServices, type Services } from '../../../../node/kiosk/services';
import { createFileLogger } from '../../../../node/kiosk/logger';
import { UPLOAD_TOKEN } from '../../../../node/kiosk/secretStore';
import { makeTempDir } from '../../../fixtures/tempDir';

const mode = (p: string): string => (statSync(p).mode & 0o777).toString(8);

// POSIX modes only: on Windows the user profile's ACL protects the data folder (privateFiles.ts).
describe.runIf(process.platform !== 'win32')('data folder modes (owner only, whatever the umask)', () => {
  let oldUmask = 0;
  let cleanup = (): void => {};
  let services: Services | null = null;
  beforeEach(() => {
    // The most permissive umask: without explicit chmods every file would be 0666 (folders 0777).
    oldUmask = process.umask(0);
  });
  afterEach(() => {
    services?.close();
    services = null;
    process.umask(oldUmask);
    cleanup();
  });

  it('the folder, database with its WAL and shared memory, logs and secrets, after start, a WAL write and a log rotation', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const clock = { t: Date.UTC(2026, 11, 6, 23, 0) };
    const root = join(t.dir, 'kiosk');
    const s = createServices({
      dataDir: root,
      appVersion: '1.0.0',
      runtime: 'web',
      now: () => clock.t,
      log: createFileLogger(join(root, 'logs'), { echo: false, now: () => clock.t }),
    });
    services = s;
    for (const dir of [root, s.paths.logs, s.paths.packs, s.paths.postcards]) expect(mode(dir)).toBe('700');
    s.counter.record('session.started', 1, clock.t);
    for (const suffix of ['', '-wal', '-shm']) {
      expect(existsSync(s.paths.database + suffix)).toBe(true);
      expect(mode(s.paths.database + suffix)).toBe('600');
    }
    s.secrets.set(UPLOAD_TOKEN, 'token-0123456789-abcdefghij');
    expect(mode(join(root, 'secrets.json'))).toBe('600');
    clock.t += 2 * 3_600_000; // the next UTC day: a new log file
    s.log.info('test.next_day');
    const logs = readdirSync(s.paths.logs);
    expect(logs).toEqual(['kiosk-2026-12-06.log', 'kiosk-2026-12-07.log']);
    for (const name of logs) expect(mode(join(s.paths.logs, name))).toBe('600');
  });

  it('tightens what an older version left readable by everyone', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const root = join(t.dir, 'kiosk');
    const log = (): ReturnType<typeof createFileLogger> => createFileLogger(join(root, 'logs'), { echo: false });
    const first = createServices({ dataDir: root, appVersion: '1.0.0', runtime: 'web', log: log() });
    first.secrets.set(UPLOAD_TOKEN, 'token-0123456789-abcdefghij');
    first.close();
    const logFile = join(root, 'logs', readdirSync(join(root, 'logs'))[0] as string);
    for (const p of [root, join(root, 'logs')]) chmodSync(p, 0o755);
    for (const p of [join(root, 'kiosk.db'), join(root, 'secrets.json'), logFile]) chmodSync(p, 0o644);
    services = createServices({ dataDir: root, appVersion: '1.0.0', runtime: 'web', log: log() });
    expect(mode(root)).toBe('700');
    expect(mode(join(root, 'logs'))).toBe('700');
    for (const p of [join(root, 'kiosk.db'), join(root, 'secrets.json'), logFile]) expect(mode(p)).toBe('600');
  });
});
