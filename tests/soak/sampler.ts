import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SmileStatusView } from '../../common/smileStatus';
import type { HostClient } from './hostClient';
import { webGlCounts, type SoakBrowser } from './kioskBrowser';
import { kioskRenderer, memoryDump, type MemoryDump } from './memoryDump';
import type { Sample } from './Sample';

const MB = 1024 * 1024;
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const mb = (bytes: number | null | undefined) => (bytes == null ? null : round(bytes / MB));

function rssBytes(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0; // gone meanwhile
  }
}

/** Every process under `root` (Chromium's browser, GPU, renderer and utility processes), from /proc's parent links. */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      /* exited */
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    for (const c of children.get(pid) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}

export function folderBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) total += folderBytes(p);
    else if (e.isFile()) total += statSync(p).size;
  }
  return total;
}

const fileBytes = (p: string) => (existsSync(p) ? statSync(p).size : 0);

/**
 * The web host's V8 heap, from a Node diagnostic report it writes on SIGUSR2 (started with --report-on-signal:
 * https://nodejs.org/api/report.html), so the host needs no extra code for the soak. Not after a forced GC.
 */
async function hostHeapBytes(pid: number, reportDir: string): Promise<number | null> {
  const before = new Set(readdirSync(reportDir));
  process.kill(pid, 'SIGUSR2');
  for (let i = 0; i < 50; i++) {
    await new Promise((r) => setTimeout(r, 200));
    const file = readdirSync(reportDir).find((f) => !before.has(f) && f.endsWith('.json'));
    if (!file) continue;
    try {
      const report = JSON.parse(readFileSync(join(reportDir, file), 'utf8')) as { javascriptHeap: { usedMemory: number } };
      rmSync(join(reportDir, file));
      return report.javascriptHeap.usedMemory;
    } catch {
      /* still being written */
    }
  }
  return null;
}

export interface SamplerContext {
  kiosk: SoakBrowser;
  host: HostClient;
  dataDir: string;
  reportDir: string;
  startedAt: number;
  /** Take a memory-infra dump with each sample (about a second) for the renderer's Oilpan and array buffers. */
  memoryDumps: boolean;
}

export async function cameraStatus(host: HostClient): Promise<SmileStatusView> {
  return host.asOperator<SmileStatusView>('getSmileStatus');
}

/** One sample, and the memory dump it was taken from (null without `memoryDumps`), for the soak to keep. */
export async function takeSample(c: SamplerContext): Promise<{ sample: Sample; dump: MemoryDump | null }> {
  const { cdp, page } = c.kiosk;
  // A rendered frame first (a screenshot of one pixel forces one): until the page next renders, Blink's animation
  // timeline still holds the CSS animations of the screen that just left (the history list's cards fading in, the
  // screen's own fade-out), and through them that screen's detached DOM, past any forced GC. Sampled right after a
  // passer-by left the history list, the attract screen read 193 nodes instead of 122 now and then.
  await cdp.send('Page.captureScreenshot', { format: 'jpeg', quality: 10, clip: { x: 0, y: 0, width: 1, height: 1, scale: 1 } });
  // Twice: the first pass can leave objects whose finalizers free more (https://chromedevtools.github.io/devtools-protocol/tot/HeapProfiler/#method-collectGarbage).
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  const dom = (await cdp.send('Memory.getDOMCounters')) as { nodes: number; jsEventListeners: number };
  const gl = await webGlCounts(page);
  // After the page's own counts: the dump takes a second or more, in which the page runs on and makes garbage (the
  // listeners of its requests) that the counts above would take in. A deterministic dump collects garbage in every
  // process first, the camera workers' heaps included.
  const dump = c.memoryDumps ? await memoryDump(c.kiosk.browser) : null;
  const renderer = dump ? kioskRenderer(dump) : null;
  const status = await cameraStatus(c.host);
  const cam = (role: string) => status.report?.cameras.find((x) => x.role === role);
  const hostPid = c.host.running.child.pid!;
  const chromiumRss = descendants(process.pid)
    .filter((pid) => pid !== hostPid && !descendants(hostPid).includes(pid))
    .reduce((sum, pid) => sum + rssBytes(pid), 0);
  const db = new Database(join(c.dataDir, 'kiosk.db'), { readonly: true, fileMustExist: true });
  let outbox = 0;
  try {
    outbox = (db.prepare('SELECT COUNT(*) AS n FROM upload_outbox').get() as { n: number }).n;
  } finally {
    db.close();
  }
  const hostHeap = await hostHeapBytes(hostPid, c.reportDir);
  const sample: Sample = {
    minute: round((Date.now() - c.startedAt) / 60_000),
    rendererHeapMB: round(heap.usedSize / MB),
    domNodes: dom.nodes,
    listeners: dom.jsEventListeners,
    glTextures: gl.textures,
    glBuffers: gl.buffers,
    glPrograms: gl.programs,
    tensorsEntry: cam('entry')?.numTensors ?? null,
    tensorsExit: cam('exit')?.numTensors ?? null,
    wasmEntryMB: mb(cam('entry')?.wasmMemoryBytes),
    wasmExitMB: mb(cam('exit')?.wasmMemoryBytes),
    framesEntry: cam('entry')?.framesProcessed ?? 0,
    framesExit: cam('exit')?.framesProcessed ?? 0,
    visitorsEntry: cam('entry')?.visitors ?? 0,
    visitorsExit: cam('exit')?.visitors ?? 0,
    chromiumRssMB: round(chromiumRss / MB),
    hostRssMB: round(rssBytes(hostPid) / MB),
    hostHeapMB: hostHeap === null ? null : round(hostHeap / MB),
    hostFds: readdirSync(`/proc/${hostPid}/fd`).length,
    dbMB: round(fileBytes(join(c.dataDir, 'kiosk.db')) / MB, 3),
    walMB: round(fileBytes(join(c.dataDir, 'kiosk.db-wal')) / MB, 3),
    logsMB: round(folderBytes(join(c.dataDir, 'logs')) / MB, 3),
    postcardsMB: round(folderBytes(join(c.dataDir, 'postcards')) / MB, 3),
    outbox,
    oilpanMB: renderer?.oilpanMB ?? null,
    oilpanLiveMB: renderer?.oilpanLiveMB ?? null,
    arrayBuffersMB: renderer?.arrayBuffersMB ?? null,
  };
  return { sample, dump };
}
