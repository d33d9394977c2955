import { createWriteStream, readFileSync } from 'node:fs';
import type { CDPSession } from '@playwright/test';
import { growthFailure, relativeGrowth } from './report';

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

/** Calls `visit` with each node's type, name and self size (V8's snapshot format: flat arrays of node fields). */
function forEachNode(json: string, visit: (type: string, name: string, selfSize: number) => void): void {
  const s = JSON.parse(json) as SnapshotFile;
  const fields = s.snapshot.meta.node_fields;
  const types = s.snapshot.meta.node_types[0];
  const [iType, iName, iSize] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [number, number, number];
  if (iType < 0 || iName < 0 || iSize < 0) throw new Error('not a V8 heap snapshot: its nodes lack type, name or self_size');
  for (let i = 0; i < s.nodes.length; i += fields.length)
    visit(types[s.nodes[i + iType]!] ?? '?', s.strings[s.nodes[i + iName]!] ?? '?', s.nodes[i + iSize]!);
}

/** The nodes of a snapshot grouped by type and name: count and summed self size per group (V8's snapshot format). */
export function summarizeHeap(json: string): Map<string, HeapGroup> {
  const groups = new Map<string, HeapGroup>();
  forEachNode(json, (type, rawName, selfSize) => {
    // Strings and code are grouped by type alone (their names are their text); objects by constructor.
    const name = type === 'object' || type === 'closure' || type === 'native' ? rawName.slice(0, 80) : '';
    const key = `${type}${name ? ` ${name}` : ''}`;
    const g = groups.get(key) ?? { key, count: 0, selfSize: 0 };
    g.count += 1;
    g.selfSize += selfSize;
    groups.set(key, g);
  });
  return groups;
}

/**
 * A snapshot's V8 heap in the parts the soak judges apart: `jsHeap` (every node outside Blink's native objects, about
 * what `Runtime.getHeapUsage` reports), of it `compiledCode` (nodes of type "code": bytecode, machine code, feedback
 * and the other per-function metadata V8 keeps), `functions` (bytecode arrays: the functions compiled so far) and
 * `devtoolsNetwork` (Blink's record of network requests, kept only while DevTools' Network domain is on, as it is
 * under Playwright). The JIT's code grows as more of the same functions get hot and is given back when V8 flushes
 * what goes unused (https://v8.dev/blog/v8-release-74#bytecode-flushing); a leak grows the rest.
 */
export interface HeapParts {
  jsHeapBytes: number;
  compiledCodeBytes: number;
  functions: number;
  devtoolsNetworkBytes: number;
}

export function heapParts(json: string): HeapParts {
  const parts: HeapParts = { jsHeapBytes: 0, compiledCodeBytes: 0, functions: 0, devtoolsNetworkBytes: 0 };
  forEachNode(json, (type, name, selfSize) => {
    if (type === 'native') {
      if (name.startsWith('blink::NetworkResourcesData')) parts.devtoolsNetworkBytes += selfSize;
      return;
    }
    parts.jsHeapBytes += selfSize;
    if (type !== 'code') return;
    parts.compiledCodeBytes += selfSize;
    if (name === 'system / BytecodeArray') parts.functions += 1;
  });
  return parts;
}

/**
 * Judges the renderer heap's growth between two snapshots at `bound`: the heap outside compiled code and the number of
 * functions must each grow less than `bound` (a leak of objects, or code made anew per visitor, as by `new Function`);
 * the compiled code of a fixed set of functions is reported, not bounded. Returns the figures and what failed.
 */
export function judgeHeap(warm: HeapParts, end: HeapParts, bound: number) {
  const MB = 1024 * 1024;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const figure = (a: number, b: number, scale = 1) => ({
    warm: round(a / scale),
    end: round(b / scale),
    growth: relativeGrowth(a, b),
  });
  const figures = {
    heapOutsideCodeMB: figure(warm.jsHeapBytes - warm.compiledCodeBytes, end.jsHeapBytes - end.compiledCodeBytes, MB),
    compiledCodeMB: figure(warm.compiledCodeBytes, end.compiledCodeBytes, MB),
    functions: figure(warm.functions, end.functions),
    devtoolsNetworkMB: figure(warm.devtoolsNetworkBytes, end.devtoolsNetworkBytes, MB),
  };
  const failures: string[] = [];
  for (const key of ['heapOutsideCodeMB', 'functions'] as const) {
    const failure = growthFailure(`renderer ${key}`, figures[key], bound, 'between the heap snapshots');
    if (failure) failures.push(failure);
  }
  return { figures, failures };
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

// `npx tsx tests/soak/heapSnapshot.ts <before.heapsnapshot> <after.heapsnapshot>`: the groups that grew, as JSON lines,
// then the heap's parts judged at a 10 % bound.
if (process.argv[1] && /heapSnapshot\.(ts|js)$/.test(process.argv[1])) {
  const [a, b] = process.argv.slice(2);
  if (!a || !b) {
    console.error('usage: npx tsx tests/soak/heapSnapshot.ts <before.heapsnapshot> <after.heapsnapshot>');
    process.exit(2);
  }
  const [before, after] = [readFileSync(a, 'utf8'), readFileSync(b, 'utf8')];
  for (const row of heapGrowth(summarizeHeap(before), summarizeHeap(after), 40)) console.log(JSON.stringify(row));
  console.log(JSON.stringify(judgeHeap(heapParts(before), heapParts(after), 0.1)));
}
