import { createWriteStream, readFileSync } from 'node:fs';
import type { CDPSession } from '@playwright/test';

/**
 * Writes the page's V8 heap to `file` (a .heapsnapshot Chrome DevTools opens) after a forced collection: streamed in
 * the chunks the protocol sends (https://chromedevtools.github.io/devtools-protocol/tot/HeapProfiler/#method-takeHeapSnapshot).
 */
export async function writeHeapSnapshot(cdp: CDPSession, file: string): Promise<void> {
  const out = createWriteStream(file);
  const onChunk = ({ chunk }: { chunk: string }) => out.write(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}

export interface HeapGroup {
  /** The node type and its name (a constructor for objects, the text's start for strings), as DevTools' summary groups them. */
  key: string;
  count: number;
  selfSize: number;
}

interface SnapshotFile {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** The nodes of a snapshot grouped by type and name: count and summed self size per group (V8's snapshot format). */
export function summarizeHeap(json: string): Map<string, HeapGroup> {
  const s = JSON.parse(json) as SnapshotFile;
  const fields = s.snapshot.meta.node_fields;
  const types = s.snapshot.meta.node_types[0];
  const [iType, iName, iSize] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [number, number, number];
  if (iType < 0 || iName < 0 || iSize < 0) throw new Error('not a V8 heap snapshot: its nodes lack type, name or self_size');
  const groups = new Map<string, HeapGroup>();
  for (let i = 0; i < s.nodes.length; i += fields.length) {
    const type = types[s.nodes[i + iType]!] ?? '?';
    const rawName = s.strings[s.nodes[i + iName]!] ?? '?';
    // Strings and code are grouped by type alone (their names are their text); objects by constructor.
    const name = type === 'object' || type === 'closure' || type === 'native' ? rawName.slice(0, 80) : '';
    const key = `${type}${name ? ` ${name}` : ''}`;
    const g = groups.get(key) ?? { key, count: 0, selfSize: 0 };
    g.count += 1;
    g.selfSize += s.nodes[i + iSize]!;
    groups.set(key, g);
  }
  return groups;
}

/** What grew from snapshot `a` to `b`, by group, largest growth in bytes first. */
export function heapGrowth(a: Map<string, HeapGroup>, b: Map<string, HeapGroup>, top = 25) {
  return [...b.values()]
    .map((g) => {
      const before = a.get(g.key) ?? { count: 0, selfSize: 0 };
      return { key: g.key, count: g.count - before.count, bytes: g.selfSize - before.selfSize, countAfter: g.count };
    })
    .filter((d) => d.bytes > 0 || d.count > 0)
    .sort((x, y) => y.bytes - x.bytes)
    .slice(0, top);
}

// `npx tsx tests/soak/heapSnapshot.ts <before.heapsnapshot> <after.heapsnapshot>`: the groups that grew, as JSON lines.
if (process.argv[1] && /heapSnapshot\.(ts|js)$/.test(process.argv[1])) {
  const [a, b] = process.argv.slice(2);
  if (!a || !b) {
    console.error('usage: npx tsx tests/soak/heapSnapshot.ts <before.heapsnapshot> <after.heapsnapshot>');
    process.exit(2);
  }
  for (const row of heapGrowth(summarizeHeap(readFileSync(a, 'utf8')), summarizeHeap(readFileSync(b, 'utf8')), 40))
    console.log(JSON.stringify(row));
}
