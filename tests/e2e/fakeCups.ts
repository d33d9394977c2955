import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { test } from './fixtures';

/**
 * A stand-in CUPS for the web host's printing (node/kiosk/postcards/cupsPrinter.ts): shell scripts named `lp`,
 * `lpstat`, `cancel`… in a temporary folder put first on PATH, with that folder in FAKE_CUPS_DIR for the scripts'
 * own state files. Registers beforeAll/afterAll in the calling spec or describe block; the web host of each test is
 * spawned with this environment (tests/e2e/fixtures.ts). Returns the folder (valid from beforeAll on).
 */
export function useFakeCups(scripts: Record<string, string>): { dir(): string } {
  let dir = '';
  const saved = { PATH: process.env.PATH, FAKE_CUPS_DIR: process.env.FAKE_CUPS_DIR };
  test.beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fake-cups-'));
    for (const [name, body] of Object.entries(scripts)) {
      writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
      chmodSync(join(dir, name), 0o755);
    }
    process.env.PATH = `${dir}${delimiter}${saved.PATH ?? ''}`;
    process.env.FAKE_CUPS_DIR = dir;
  });
  test.afterAll(() => {
    process.env.PATH = saved.PATH;
    if (saved.FAKE_CUPS_DIR === undefined) delete process.env.FAKE_CUPS_DIR;
    else process.env.FAKE_CUPS_DIR = saved.FAKE_CUPS_DIR;
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir: () => dir };
}
