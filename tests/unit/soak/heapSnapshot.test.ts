import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { heapGrowth, summarizeHeap } from '../../soak/heapSnapshot';
import { makeTempDir } from '../../fixtures/tempDir';

const { dir, cleanup } = makeTempDir('heap-snapshot-');
afterAll(cleanup);

describe('summarizeHeap and heapGrowth', () => {
  it("find what a program kept between two of V8's own snapshots, by constructor", () => {
    // A small Node process writes a snapshot, keeps 5,000 LeakProbe objects (and drops 5,000 Transient ones), and writes another.
    const script = `
      const v8 = require('node:v8');
      class LeakProbe { constructor(i) { this.i = i; } }
      class Transient { constructor(i) { this.i = i; } }
      globalThis.kept = [];
      v8.writeHeapSnapshot(${JSON.stringify(join(dir, 'a.heapsnapshot'))});
      for (let i = 0; i < 5000; i++) { globalThis.kept.push(new LeakProbe(i)); new Transient(i); }
      v8.writeHeapSnapshot(${JSON.stringify(join(dir, 'b.heapsnapshot'))});
    `;
    execFileSync(process.execPath, ['--max-old-space-size=64', '-e', script]);
    const a = summarizeHeap(readFileSync(join(dir, 'a.heapsnapshot'), 'utf8'));
    const b = summarizeHeap(readFileSync(join(dir, 'b.heapsnapshot'), 'utf8'));
    expect(a.get('object LeakProbe')).toBeUndefined();
    expect(b.get('object LeakProbe')?.count).toBe(5000);
    expect(b.get('object Transient')).toBeUndefined();
    const grown = heapGrowth(a, b);
    expect(grown[0]).toMatchObject({ key: 'object LeakProbe', count: 5000, countAfter: 5000 });
    expect(grown[0]!.bytes).toBeGreaterThanOrEqual(5000 * 12);
  });

  it('refuses a file that is not a V8 heap snapshot', () => {
    expect(() =>
      summarizeHeap(JSON.stringify({ snapshot: { meta: { node_fields: ['id'], node_types: [[]] } }, nodes: [], strings: [] })),
    ).toThrow(/not a V8 heap snapshot/);
  });
});
