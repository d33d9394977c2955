import type { Browser } from '@playwright/test';

export interface TraceEvent {
  ph: string;
  pid: number;
  name: string;
  args?: {
    name?: string;
    dumps?: { allocators?: Record<string, { attrs?: Record<string, { value?: string }> }> };
  };
}

/**
 * MB per allocator per process, keyed "<process name> <pid>"; an allocator's parts down to two levels under it
 * (`partition_alloc/partitions/buffer`, `blink_gc/main/heap`) are rows of their own.
 */
export type MemoryDump = Record<string, Record<string, number>>;

/**
 * Chromium's own memory accounting, one dump per process and top-level allocator (partition_alloc, malloc, blink_gc,
 * v8, media, gpu, ...) in MB, taken through the DevTools protocol's tracing with the memory-infra category
 * (https://chromium.googlesource.com/chromium/src/+/main/docs/memory-infra/README.md,
 * https://chromedevtools.github.io/devtools-protocol/tot/Tracing/#method-requestMemoryDump).
 */
export async function memoryDump(browser: Browser): Promise<MemoryDump> {
  const cdp = await browser.newBrowserCDPSession();
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (p) => events.push(...(p.value as unknown as TraceEvent[])));
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  try {
    await cdp.send('Tracing.start', {
      traceConfig: {
        includedCategories: ['disabled-by-default-memory-infra'],
        memoryDumpConfig: { triggers: [] } as unknown as Record<string, string>,
      },
      transferMode: 'ReportEvents',
    });
    await cdp.send('Tracing.requestMemoryDump', { deterministic: true, levelOfDetail: 'detailed' });
    await cdp.send('Tracing.end');
    await complete;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
  return dumpFromTrace(events);
}

/**
 * A part named after one instance (`cache_0x1634006C1000`, `segment_60`, `__764deac39317d12b`, a shared memory GUID):
 * new names each dump, so they cannot be compared between two dumps.
 */
const INSTANCE = /0x[0-9a-f]|^__|^[0-9a-f]{12,}$|_-?\d+$/i;

/**
 * `blink_gc/main/heap/<space>/pages/<page>/types/<type name> (<type index>)`: the main thread's Oilpan objects of
 * one type on one page.
 */
const OILPAN_TYPE = /^blink_gc\/main\/heap\/[^/]+\/pages\/[^/]+\/types\/(.+?)(?: \(0x[0-9a-f]+\))?$/i;

/**
 * The allocators' sizes from memory-infra's trace events (for the main thread's Oilpan heap also its committed and
 * pooled sizes, its live objects, and its live objects by type, as `blink_gc/main/types/<type name>`): process names
 * from the `M` events, dumps from the `v` ones.
 */
export function dumpFromTrace(events: TraceEvent[]): MemoryDump {
  const names = new Map<number, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'process_name' && e.args?.name) names.set(e.pid, e.args.name);
  const out: MemoryDump = {};
  const mb = (hex: string) => parseInt(hex, 16) / 1024 / 1024;
  const round = (x: number) => Math.round(x * 100) / 100;
  for (const e of events) {
    const allocators = e.ph === 'v' ? e.args?.dumps?.allocators : undefined;
    if (!allocators) continue;
    const row: Record<string, number> = {};
    const types: Record<string, number> = {};
    for (const [path, dump] of Object.entries(allocators)) {
      // Oilpan's live objects by type, summed over its pages (a detailed dump lists them per page).
      const type = OILPAN_TYPE.exec(path);
      if (type) {
        const bytes = dump.attrs?.allocated_objects_size?.value;
        if (bytes) types[type[1]!] = (types[type[1]!] ?? 0) + mb(bytes);
        continue;
      }
      if (path === 'blink_gc/main/heap')
        for (const attr of ['committed_size', 'allocated_objects_size', 'pooled_size']) {
          const v = dump.attrs?.[attr]?.value;
          if (v) row[`${path}:${attr}`] = round(mb(v));
        }
      const size = dump.attrs?.size?.value;
      const parts = path.split('/');
      if (parts.length > 3 || parts.slice(1).some((p) => INSTANCE.test(p)) || !size) continue;
      row[path] = round(mb(size));
    }
    for (const [name, size] of Object.entries(types)) row[`blink_gc/main/types/${name}`] = Math.round(size * 10000) / 10000;
    out[`${names.get(e.pid) ?? 'process'} ${e.pid}`] = row;
  }
  return out;
}

/** Per process present in both dumps, each allocator's MB then and now, largest growth first (over 0.5 MB only). */
export function dumpGrowth(warm: MemoryDump, end: MemoryDump): Array<{ process: string; allocator: string; warm: number; end: number }> {
  const rows: Array<{ process: string; allocator: string; warm: number; end: number }> = [];
  for (const [process, after] of Object.entries(end)) {
    const before = warm[process];
    if (!before) continue;
    for (const [allocator, mb] of Object.entries(after)) {
      const was = before[allocator] ?? 0;
      if (mb - was > 0.5) rows.push({ process, allocator, warm: was, end: mb });
    }
  }
  return rows.sort((a, b) => b.end - b.warm - (a.end - a.warm));
}

/** The figures the soak follows in the kiosk's renderer, by memory-infra path. */
export interface RendererMemory {
  oilpanMB: number | null;
  oilpanLiveMB: number | null;
  arrayBuffersMB: number | null;
}

/**
 * The kiosk page's renderer: of the renderer processes, the one with the largest V8 heap (the others are Chromium's
 * own, a few MB each).
 */
function kioskRendererRow(dump: MemoryDump): Record<string, number> {
  const renderers = Object.entries(dump).filter(([name]) => /^Renderer \d+$/.test(name));
  return renderers.sort((a, b) => (b[1].v8 ?? 0) - (a[1].v8 ?? 0))[0]?.[1] ?? {};
}

/**
 * The kiosk renderer's Oilpan heap (memory-infra's `size` of `blink_gc/main/heap`: its pages less those given back;
 * the committed size is beside it), its live objects, and the array buffers' partition.
 */
export function kioskRenderer(dump: MemoryDump): RendererMemory {
  const row = kioskRendererRow(dump);
  return {
    oilpanMB: row['blink_gc/main/heap'] ?? null,
    oilpanLiveMB: row['blink_gc/main/allocated_objects'] ?? null,
    arrayBuffersMB: row['partition_alloc/partitions/array_buffer'] ?? null,
  };
}

/** In the kiosk's renderer, Oilpan's live objects by type: those that grew most between two dumps (MB). */
export function oilpanTypeGrowth(warm: MemoryDump, end: MemoryDump, top = 12): Array<{ type: string; warm: number; end: number }> {
  const [w, e] = [kioskRendererRow(warm), kioskRendererRow(end)];
  const prefix = 'blink_gc/main/types/';
  const names = new Set([...Object.keys(w), ...Object.keys(e)].filter((k) => k.startsWith(prefix)));
  return [...names]
    .map((k) => ({ type: k.slice(prefix.length), warm: w[k] ?? 0, end: e[k] ?? 0 }))
    .sort((a, b) => b.end - b.warm - (a.end - a.warm))
    .slice(0, top);
}
