#!/usr/bin/env node
// `npm start`: runs the kiosk in Electron; where Electron cannot start (no display, or its binary is not downloaded
// and cannot be: see findElectron.mjs), says so in one line and runs the web host with Chromium in kiosk/app mode
// instead, or prints the URL where no Chromium or no display exists. `--web` skips the Electron attempt.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { findElectron } from './findElectron.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = new Set(process.argv.slice(2));

/** The electron package's folder, without loading it (its main module downloads the binary). */
function electronPackageDir() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

function hasDisplay() {
  if (process.platform !== 'linux') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

/** Tries Electron; resolves false if it is missing or exits at once (no display, missing libraries). */
async function tryElectron() {
  // No display: Electron could not show anything, so no download is attempted either.
  if (!hasDisplay()) return { ok: false, reason: 'no display ($DISPLAY / $WAYLAND_DISPLAY unset)' };
  const found = await findElectron({ pkgDir: electronPackageDir() });
  if (!found.bin) return { ok: false, reason: found.reason };
  const bin = found.bin;
  return new Promise((resolve) => {
    const child = spawn(bin, [root], { stdio: 'inherit', env: process.env });
    const timer = setTimeout(() => resolve({ ok: true, child }), 5000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? { ok: true, child: null } : { ok: false, reason: `Electron exited with code ${code} at start` });
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: `Electron failed to start: ${err.message}` });
    });
  });
}

function findChromium() {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/snap/bin/chromium',
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ].filter(Boolean);
  return candidates.find((c) => existsSync(c)) ?? null;
}

function hasCamera() {
  if (process.platform !== 'linux') return true; // let the browser find it
  try {
    return readdirSync('/dev').some((n) => /^video\d+$/.test(n));
  } catch {
    return false;
  }
}

let nextRequest = 0;
/**
 * A fresh launch URL from the web host: its nonce works once and for a minute (common/webHostSession.ts), so each
 * browser start needs its own. Asked over the IPC channel, which no other process can read (unlike a command line).
 */
function freshLaunchUrl(child) {
  const id = nextRequest++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error('the web host did not answer for a launch URL'));
    }, 10_000);
    function onMessage(msg) {
      if (msg?.type !== 'launchUrl' || msg.id !== id || typeof msg.launchUrl !== 'string') return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(msg.launchUrl);
    }
    child.on('message', onMessage);
    child.send({ type: 'launchUrl', id });
  });
}

function startWebHost() {
  return new Promise((resolve, reject) => {
    // The IPC channel (https://nodejs.org/api/child_process.html#optionsstdio) carries fresh launch URLs (launchChannel.ts).
    const child = spawn(process.execPath, [join(root, 'dist', 'node', 'webhost.cjs')], {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      env: process.env,
    });
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      try {
        const msg = JSON.parse(line);
        if (msg.event === 'webhost.listening') resolve({ child, ...msg });
      } catch {
        process.stdout.write(`${line}\n`);
      }
    });
    child.once('exit', (code) => reject(new Error(`the web host exited with code ${code}`)));
  });
}

function launchChromium(chromium, host, launchUrl) {
  const profile = join(host.dataDir, 'chromium-profile');
  mkdirSync(profile, { recursive: true });
  // The command line is readable by every local account (/proc/<pid>/cmdline): it carries a launch nonce that the
  // page spends within a second of starting, never the web host's secret.
  const flags = [
    `--app=${launchUrl}`,
    '--kiosk',
    `--user-data-dir=${profile}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-translate',
    '--disable-features=Translate,TouchpadOverscrollHistoryNavigation',
    '--disable-pinch',
    '--overscroll-history-navigation=0',
    '--autoplay-policy=no-user-gesture-required',
    // The kiosk page is the only page this browser shows; it asks for the camera for the smile meter and postcards.
    '--use-fake-ui-for-media-stream',
  ];
  if (!hasCamera()) {
    // No camera on this PC: a simulated one, so the camera exhibits can still be tried.
    flags.push('--use-fake-device-for-media-stream');
    const demo = process.env.KIOSK_FAKE_CAMERA_Y4M;
    if (demo && existsSync(demo)) flags.push(`--use-file-for-fake-video-capture=${demo}`);
    console.log('No camera found: using a simulated camera.');
  }
  return spawn(chromium, flags, { stdio: 'ignore' });
}

async function runWeb(reason) {
  if (reason) console.log(`Electron cannot start here (${reason}); running the web host with Chromium in kiosk mode instead.`);
  const host = await startWebHost();
  const stop = () => {
    host.child.kill('SIGTERM');
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const chromium = findChromium();
  if (!chromium || !hasDisplay()) {
    console.log(
      `${chromium ? 'No display' : 'No Chromium found'}: open this URL in a browser on this PC within a minute (it works once): ${host.launchUrl}`,
    );
    if (process.stdin.isTTY) {
      console.log('Press Enter for a new URL.');
      createInterface({ input: process.stdin }).on('line', () => {
        freshLaunchUrl(host.child).then(
          (url) => console.log(`Open within a minute: ${url}`),
          (err) => console.log(err.message),
        );
      });
    }
    return;
  }
  // Relaunch the browser if it exits, at most 5 times in 10 minutes (the same budget as Electron's crash recovery).
  const restarts = [];
  const run = (launchUrl) => {
    const browser = launchChromium(chromium, host, launchUrl);
    browser.once('exit', () => {
      const now = Date.now();
      while (restarts.length && now - restarts[0] > 600_000) restarts.shift();
      if (restarts.length >= 5) {
        console.log(`Chromium keeps exiting; the kiosk is still served at ${host.url} (npm start again for a launch URL)`);
        return;
      }
      restarts.push(now);
      freshLaunchUrl(host.child).then(run, (err) => console.log(`Chromium not restarted: ${err.message}`));
    });
  };
  console.log(`Kiosk running in Chromium (${chromium}); data folder ${host.dataDir}`);
  run(host.launchUrl);
}

if (args.has('--web')) {
  await runWeb(null);
} else {
  const r = await tryElectron();
  if (!r.ok) await runWeb(r.reason);
}
