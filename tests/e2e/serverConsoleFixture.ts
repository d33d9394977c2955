import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { runCli } from '../../node/server/cli/runCli';
import type { Db } from '../../node/server/db/Db';
import { migrate } from '../../node/server/db/migrate';
import { openPgliteDb } from '../../node/server/db/openPgliteDb';
import type { RunningServer } from '../../node/server/http/startServer';
import { pgliteTemplateFile } from '../fixtures/server/pgliteTemplate';

export interface ConsoleServer {
  url: string;
  db: Db;
  /** The upload token of each kiosk, from the provisioning file `kiosk add` printed. */
  tokens: Record<string, string>;
  close(): Promise<void>;
}

/** Runs one command of the server's command line against `db`; fails with its stderr unless it exits 0. */
export async function cli(db: Db, argv: string[], stdin = ''): Promise<string> {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    out: (t) => (out += t),
    err: (t) => (err += t),
    readStdin: async () => stdin,
    env: { SERVER_PUBLIC_URL: 'https://counts.example.org' },
    db,
  });
  if (code !== 0) throw new Error(`server ${argv.join(' ')} exited ${code}: ${err}`);
  return out;
}

export const DISTRICT = ['district.lead', 'district password 1'] as const;
export const STATION = ['li.wei', 'station password 1'] as const;

/** The fleet the console specs start from: two stations, three kiosks, a district account and a station account. */
export const FLEET = {
  stations: [
    ['qhd-wharf', '秦皇岛路码头'],
    ['yp-bridge', '杨浦大桥'],
  ] as [string, string][],
  kiosks: [
    ['entry-a', 'qhd-wharf', '入口微笑屏'],
    ['exit-b', 'qhd-wharf', '出口互动屏'],
    ['bridge-c', 'yp-bridge', '大桥服务屏'],
  ] as [string, string, string][],
  users: [
    [DISTRICT[0], 'district', null, DISTRICT[1]],
    [STATION[0], 'station', 'qhd-wharf', STATION[1]],
  ] as [string, 'district' | 'station', string | null, string][],
};

/**
 * The real station and district server (its `serve` command) on PGlite in a temp data folder, serving the console
 * built by `npm run build` (dist/console). The folder starts from the cached empty cluster the server's unit tests
 * use (tests/fixtures/server/pgliteTemplate.ts): PGlite's own initdb takes tens of seconds on a busy machine.
 * Stations, kiosks and users are added through the command line, as an operator would.
 */
export async function startConsoleServer(setup: {
  stations: [string, string][];
  kiosks: [string, string, string][];
  users: [string, 'district' | 'station', string | null, string][];
  /** More environment for `serve` (e.g. ALERT_INTERVAL_SECONDS); SERVER_DATA_DIR is the temp folder (uploaded packs). */
  env?: Record<string, string>;
}): Promise<ConsoleServer> {
  const dir = mkdtempSync(join(tmpdir(), 'server-console-e2e-'));
  const db = await openPgliteDb(join(dir, 'pgdata'), { loadDataDir: new Blob([readFileSync(resolve(await pgliteTemplateFile()))]) });
  await migrate(db);
  for (const [id, name] of setup.stations) await cli(db, ['station', 'add', id, '--name', name]);
  const tokens: Record<string, string> = {};
  for (const [id, station, name] of setup.kiosks) {
    const file = JSON.parse(await cli(db, ['kiosk', 'add', id, '--station', station, '--name', name, '--one-time-pin'])) as {
      upload: { token: string };
    };
    tokens[id] = file.upload.token;
  }
  for (const [name, role, station, password] of setup.users)
    await cli(db, ['user', 'add', name, '--role', role, ...(station ? ['--station', station] : [])], `${password}\n`);
  let server: RunningServer | null = null;
  const code = await runCli(['serve', '--port', '0'], {
    out: () => undefined,
    err: () => undefined,
    readStdin: async () => '',
    env: { SERVER_DATA_DIR: dir, ...setup.env },
    db,
    onServing: (s) => (server = s),
  });
  if (code !== 0 || !server) throw new Error('the server did not start');
  const running = server as RunningServer;
  return {
    url: running.url,
    db,
    tokens,
    close: async () => {
      await running.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let key = 0;
/** POSTs to the kiosk upload API with a kiosk's token, as the kiosk's uploader does; fails unless 200. */
export async function upload(url: string, path: '/v1/buckets' | '/v1/heartbeat', token: string, body: unknown): Promise<void> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'idempotency-key': `e2e-console-${process.pid}-${(key += 1)}`,
    },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
}

/**
 * Signs in on the console's sign-in form, opening `path` of the hash router first (the page the sign-in leads on to);
 * done once the header names the account.
 */
export async function signIn(page: Page, url: string, [name, password]: readonly [string, string], path = ''): Promise<void> {
  await page.goto(`${url}/console/${path ? `#${path}` : ''}`);
  await page.getByTestId('login-name').fill(name);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('signed-in-as')).toContainText(name);
}

/** The page's serious and critical axe-core findings against WCAG 2.1 A and AA, one line each (rule: elements). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * The `consolePage` fixture of the console specs: the test's page, and the test fails on a CSP violation, an uncaught
 * page error or any console error except the failed loads `refusals` matches (Chromium logs each 4xx answer as one,
 * and the specs ask for some on purpose).
 */
export function consolePageFixture(refusals: RegExp) {
  return async ({ page }: { page: Page }, use: (page: Page) => Promise<void>): Promise<void> => {
    const problems: string[] = [];
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`),
      );
    });
    page.on('console', (m) => m.type() === 'error' && !refusals.test(m.text()) && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await use(page);
    expect(problems).toEqual([]);
  };
}
