// Benchmark, visitor side: composing a postcard at print resolution (1748 x 1181,
// 148 x 100 mm at 300 dpi) in headless Chromium, and the time from "done" to the QR code on screen.
// 1. The composition code (src/exhibits/postcard/compose/composeCard.ts, bundled with esbuild) on a
//    bare page: in a worker (what the kiosk does) against the baseline on the main thread, and JPEG
//    against PNG; for each, the longest gap between animation frames while it runs (what a visitor
//    would feel as a frozen screen).
// 2. The real kiosk (built web host, KIOSK_DIST or dist/): "done" -> card preview, and "take away"
//    -> QR code visible, on the demo pack.
// Run with `npm run bench -- postcardCompose` after `npm run build`. Prints medians and the machine.
import { spawn } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Page } from '@playwright/test';
import { build } from 'esbuild';

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DEMO = resolve('resources/demo-pack');
const WEBHOST = resolve(process.env.KIOSK_DIST ?? 'dist', 'node/webhost.cjs');

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const line = (label: string, xs: number[], extra = ''): void =>
  console.log(
    `${label.padEnd(52)} median ${median(xs).toFixed(1).padStart(7)} ms   (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)}, n=${xs.length})${extra}`,
  );

/** The bare page: composeCard as a global and as a worker script, and the demo pack's files. */
async function benchServer(): Promise<{ url: string; close: () => void }> {
  const bundle = async (entry: string) =>
    (
      await build({
        stdin: { contents: entry, resolveDir: resolve('src/exhibits/postcard/compose'), loader: 'ts' },
        bundle: true,
        write: false,
        format: 'iife',
        target: 'chrome120',
      })
    ).outputFiles[0]!.text;
  const main = await bundle(`import { composeCard } from './composeCard'; (globalThis as any).composeCard = composeCard;`);
  const worker = await bundle(`import { composeCard } from './composeCard';
    self.onmessage = async (e) => { const t0 = performance.now(); const blob = await composeCard(e.data); self.postMessage({ blob, ms: performance.now() - t0 }); };`);
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/') return res.end('<!doctype html><html><body><script src="/main.js"></script></body></html>');
    if (path === '/main.js' || path === '/worker.js') {
      res.setHeader('content-type', 'text/javascript');
      return res.end(path === '/main.js' ? main : worker);
    }
    if (path.startsWith('/pack/') && !path.includes('..')) {
      try {
        res.setHeader('content-type', path.endsWith('.png') ? 'image/png' : 'image/jpeg');
        return res.end(readFileSync(join(DEMO, path.slice(6))));
      } catch {
        /* 404 below */
      }
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

/** One composition in the page; returns its wall time, encoded size, and the longest frame gap meanwhile. */
async function composeOnce(
  page: Page,
  where: 'worker' | 'main',
  mime: 'image/jpeg' | 'image/png',
): Promise<{ ms: number; bytes: number; gap: number }> {
  return page.evaluate(
    async ({ where, mime }) => {
      const strokes = Array.from({ length: 12 }, (_, k) => ({
        color: '#c8322b',
        width: 0.009,
        points: Array.from({ length: 60 }, (_, i) => ({
          x: 0.1 + i * 0.012,
          y: 0.2 + k * 0.05 + Math.sin(i / 4) * 0.02,
          p: 0.3 + (i % 10) / 20,
        })),
      }));
      const job = {
        picture: `${location.origin}/pack/postcard/scenes/promenade-day.png`,
        mirror: false,
        overlay: `${location.origin}/pack/postcard/frames/stamp.png`,
        window: { x: 0.055, y: 0.081, width: 0.89, height: 0.837 },
        strokes,
        postmark: { station: '秦皇岛路码头 · 杨浦滨江', date: '2026.11.23' },
        qrPngBase64: null,
        mime,
        quality: 0.9,
      };
      let gap = 0;
      let last = performance.now();
      let running = true;
      const tick = (t: number) => {
        gap = Math.max(gap, t - last);
        last = t;
        if (running) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      const t0 = performance.now();
      let blob: Blob;
      if (where === 'main') blob = await (globalThis as unknown as { composeCard: (j: unknown) => Promise<Blob> }).composeCard(job);
      else {
        const w = ((globalThis as unknown as { w?: Worker }).w ??= new Worker('/worker.js'));
        blob = await new Promise<Blob>((r) => {
          w.onmessage = (e: MessageEvent<{ blob: Blob }>) => r(e.data.blob);
          w.postMessage(job);
        });
      }
      const ms = performance.now() - t0;
      await new Promise((r) => requestAnimationFrame(r));
      running = false;
      return { ms, bytes: blob.size, gap };
    },
    { where, mime },
  );
}

async function compositionBench(): Promise<void> {
  const srv = await benchServer();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    // tsx compiles this file with esbuild's keepNames, which wraps named functions in __name().
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await page.goto(srv.url);
    const cases: [string, 'worker' | 'main', 'image/jpeg' | 'image/png'][] = [
      ['compose 1748x1181 in a worker, JPEG q0.9 (kiosk)', 'worker', 'image/jpeg'],
      ['compose on the main thread, JPEG (baseline)', 'main', 'image/jpeg'],
      ['compose in a worker, PNG (baseline)', 'worker', 'image/png'],
    ];
    const results = new Map<string, { ms: number[]; gap: number[]; bytes: number }>();
    for (const [, where, mime] of cases) await composeOnce(page, where, mime); // warm-up
    for (let i = 0; i < RUNS; i++) {
      for (const [label, where, mime] of cases) {
        const r = await composeOnce(page, where, mime);
        const acc = results.get(label) ?? { ms: [], gap: [], bytes: r.bytes };
        acc.ms.push(r.ms);
        acc.gap.push(r.gap);
        results.set(label, acc);
      }
    }
    for (const [label] of cases) {
      const r = results.get(label)!;
      line(label, r.ms, `  size ${(r.bytes / 1024).toFixed(0)} KiB, longest frame gap median ${median(r.gap).toFixed(0)} ms`);
    }
    const w = results.get(cases[0]![0])!;
    const m = results.get(cases[1]![0])!;
    const p = results.get(cases[2]![0])!;
    console.log(
      `ratio: main-thread frame gap / worker frame gap = ${(median(m.gap) / median(w.gap)).toFixed(1)}x; PNG / JPEG compose time = ${(median(p.ms) / median(w.ms)).toFixed(2)}x`,
    );
  } finally {
    await browser.close();
    srv.close();
  }
}

/** Starts the built web host on a fresh data folder (like tests/e2e/fixtures.ts). */
/**
 * The web host, its secret (traded for the nonce it printed, as a page does) and a second launch URL for the page,
 * asked over the IPC channel as scripts/start.mjs does (node/kiosk/webhost/launchChannel.ts).
 */
async function startHost(dataDir: string): Promise<{ launchUrl: string; url: string; secret: string; stop: () => void }> {
  const child = spawn(process.execPath, [WEBHOST], {
    env: { ...process.env, KIOSK_DATA_DIR: dataDir, KIOSK_WEB_PORT: '0', KIOSK_TAKEAWAY_HOST: '127.0.0.1', KIOSK_TAKEAWAY_PORT: '0' },
    stdio: ['ignore', 'pipe', 'ignore', 'ipc'],
  });
  const msg = await new Promise<{ url: string; launchUrl: string }>((ok, fail) => {
    child.once('exit', (c) => fail(new Error(`web host exited with ${c} (built? ${WEBHOST})`)));
    createInterface({ input: child.stdout! }).on('line', (l) => {
      try {
        const m = JSON.parse(l) as { event?: string; url: string; launchUrl: string };
        if (m.event === 'webhost.listening') ok(m);
      } catch {
        /* not the JSON line */
      }
    });
  });
  const nonce = new URLSearchParams(new URL(msg.launchUrl).hash.slice(1)).get('n');
  const session = await fetch(`${msg.url}session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ nonce }),
  });
  const { secret } = ((await session.json()) as { value: { secret: string } }).value;
  const launchUrl = await new Promise<string>((ok) => {
    child.on('message', (m: { launchUrl?: string }) => m.launchUrl && ok(m.launchUrl));
    child.send({ type: 'launchUrl', id: 0 });
  });
  return { url: msg.url, launchUrl, secret, stop: () => child.kill('SIGTERM') };
}

async function kioskBench(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-postcard-ui-'));
  const host = await startHost(dataDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-background-networking'] });
  try {
    await fetch(`${host.url}api/setupPin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kiosk-secret': host.secret },
      body: JSON.stringify({ payload: { pin: '2468' } }),
    });
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.clock.install({ time: '2026-03-18T10:30:00+08:00' });
    await page.goto(host.launchUrl);
    await page.getByTestId('attract').click();
    await page.getByTestId('exhibit-card-postcard').click();
    const toPreview: number[] = [];
    const toQr: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      await page.getByTestId('postcard-start').click();
      await page.getByTestId('postcard-scene').click();
      await page.getByTestId('scene-promenade-day').click();
      await page.getByTestId('frames-next').click();
      const box = (await page.getByTestId('ink-canvas').boundingBox())!;
      for (const y of [0.4, 0.5, 0.6]) {
        await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * y);
        await page.mouse.down();
        await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * y, { steps: 20 });
        await page.mouse.up();
      }
      const t0 = Date.now();
      await page.getByTestId('write-done').click();
      await page.getByTestId('card-preview').waitFor();
      const t1 = Date.now();
      await page.getByTestId('postcard-qr').click();
      await page.getByTestId('postcard-qr-code').waitFor();
      const t2 = Date.now();
      if (i > 0) {
        // Run 0 is the warm-up (worker start, first decode of the pack's pictures).
        toPreview.push(t1 - t0);
        toQr.push(t2 - t1);
      }
      await page.getByTestId('postcard-finished').click();
      await page.getByTestId('postcard-again').click();
    }
    line('kiosk: "done" -> composed card on screen', toPreview);
    line('kiosk: "take away" -> QR code on screen (save + QR)', toQr);
    line(
      'kiosk: "done" -> QR code (sum of the two)',
      toPreview.map((v, i) => v + toQr[i]!),
    );
  } finally {
    await browser.close();
    host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(
    `machine: ${cpus()[0]?.model ?? 'unknown CPU'} x${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; Chromium ${CHROMIUM}`,
  );
  await compositionBench();
  await kioskBench();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
