import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * `npm start` on a machine like this one: the Electron binary is not installed and there is no display.
 * The launcher must say so in one line, run the web host instead, print the URL, and that URL must
 * serve the kiosk.
 */
test('npm start falls back to the web host in one line and prints a working URL', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-start-'));
  const env = { ...process.env, KIOSK_DATA_DIR: dataDir, DISPLAY: '', WAYLAND_DISPLAY: '' };
  const child = spawn(process.execPath, [resolve('scripts/start.mjs')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  try {
    const url = await new Promise<string>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no URL within 20 s; got:\n${lines.join('\n')}`)), 20_000);
      child.once('exit', (code) => fail(new Error(`launcher exited with ${code}:\n${lines.join('\n')}`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        lines.push(line);
        const m = /open this URL in a browser on this PC within a minute \(it works once\): (\S+)/.exec(line);
        if (m) {
          clearTimeout(timer);
          done(m[1] as string);
        }
      });
    });
    const fallback = lines.filter((l) => l.startsWith('Electron cannot start here'));
    expect(fallback).toHaveLength(1);
    expect(fallback[0]).toMatch(/running the web host with Chromium in kiosk mode instead\.$/);
    // A single-use launch nonce, never the secret (common/webHostSession.ts).
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#n=[A-Za-z0-9_-]{43}$/);
    await page.goto(url);
    // A fresh data folder: the kiosk asks for a new operator PIN first.
    await expect(page.getByTestId('setup')).toBeVisible();
    // The page traded the nonce for the secret; the launcher printed neither the secret nor anything that still works.
    const secret = await page.evaluate(() => sessionStorage.getItem('kiosk.webhost.secret'));
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(lines.join('\n')).not.toContain(secret);
    const again = await fetch(new URL('/session', url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ nonce: new URL(url).hash.slice(3) }),
    });
    expect(again.status).toBe(403);
    // A reload goes on with the secret kept in sessionStorage.
    await page.reload();
    await expect(page.getByTestId('setup')).toBeVisible();
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    rmSync(dataDir, { recursive: true, force: true });
  }
});
