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

/** The allocators' sizes from memory-infra's trace events: process names from the `M` events, dumps from the `v` ones. */
export function dumpFromTrace(events: TraceEvent[]): MemoryDump {
  const names = new Map<number, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'process_name' && e.args?.name) names.set(e.pid, e.args.name);
  const out: MemoryDump = {};
  for (const e of events) {
    const allocators = e.ph === 'v' ? e.args?.dumps?.allocators : undefined;
    if (!allocators) continue;
    const row: Record<string, number> = {};
    for (const [path, dump] of Object.entries(allocators)) {
      const size = dump.attrs?.size?.value;
      const parts = path.split('/');
      if (parts.length > 3 || parts.slice(1).some((p) => INSTANCE.test(p)) || !size) continue;
      row[path] = Math.round((parseInt(size, 16) / 1024 / 1024) * 100) / 100;
    }
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
 * The kiosk page's renderer in a dump: of the renderer processes, the one with the largest V8 heap (the other
 * renderers are Chromium's own, a few MB each), and in it Oilpan's committed pages, its live objects and the array
 * buffers' partition.
 */
export function kioskRenderer(dump: MemoryDump): RendererMemory {
  const renderers = Object.entries(dump).filter(([name]) => /^Renderer \d+$/.test(name));
  const [, row] = renderers.sort((a, b) => (b[1].v8 ?? 0) - (a[1].v8 ?? 0))[0] ?? [];
  return {
    oilpanMB: row?.['blink_gc/main/heap'] ?? null,
    oilpanLiveMB: row?.['blink_gc/main/allocated_objects'] ?? null,
    arrayBuffersMB: row?.['partition_alloc/partitions/array_buffer'] ?? null,
  };
}
