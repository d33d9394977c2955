import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { heapGrowth, heapParts, judgeHeap, summarizeHeap } from '../../soak/heapSnapshot';
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

  it('judge the heap by its parts: optimised code for the same functions passes, kept objects or new functions fail', () => {
    // 40 functions compiled to bytecode before the first snapshot, optimised (a deterministic tier-up through V8's
    // natives syntax) before the second; then 20,000 objects kept; then 400 functions made anew by new Function.
    const fns = Array.from({ length: 40 }, (_, i) => `function f${i}(x) { return x * ${i + 2} + (x >> ${i % 7}) - ${i}; }`);
    const snap = (name: string) => `v8.writeHeapSnapshot(${JSON.stringify(join(dir, `${name}.heapsnapshot`))});`;
    const script = `
      const v8 = require('node:v8');
      ${fns.join('\n')}
      const all = [${fns.map((_, i) => `f${i}`).join(', ')}];
      for (const f of all) { %PrepareFunctionForOptimization(f); f(1); f(2); }
      ${snap('warm')}
      for (const f of all) { %OptimizeFunctionOnNextCall(f); f(3); }
      ${snap('jit')}
      globalThis.kept = Array.from({ length: 20000 }, (_, i) => ({ i, label: 'visitor ' + i }));
      ${snap('kept')}
      globalThis.made = Array.from({ length: 400 }, (_, i) => new Function('x', 'return x + ' + i));
      globalThis.made.forEach((f) => f(1));
      ${snap('made')}
    `;
    execFileSync(process.execPath, ['--allow-natives-syntax', '--max-old-space-size=64', '-e', script]);
    const [warm, jit, kept, made] = ['warm', 'jit', 'kept', 'made'].map((n) =>
      heapParts(readFileSync(join(dir, `${n}.heapsnapshot`), 'utf8')),
    ) as [ReturnType<typeof heapParts>, ...ReturnType<typeof heapParts>[]];

    const tierUp = judgeHeap(warm, jit!, 0.1);
    expect(tierUp.figures.compiledCodeMB.end).toBeGreaterThan(tierUp.figures.compiledCodeMB.warm);
    expect(tierUp.figures.functions.growth).toBeLessThan(0.1);
    expect(tierUp.failures).toEqual([]);

    const leak = judgeHeap(jit!, kept!, 0.1);
    expect(leak.failures).toHaveLength(1);
    expect(leak.failures[0]).toMatch(/^renderer heapOutsideCodeMB grew .* between the heap snapshots/);

    const newCode = judgeHeap(kept!, made!, 0.1);
    expect(made!.functions - kept!.functions).toBeGreaterThanOrEqual(400);
    expect(newCode.failures.some((f) => f.startsWith('renderer functions grew'))).toBe(true);
  });

  it('refuses a file that is not a V8 heap snapshot', () => {
    expect(() =>
      summarizeHeap(JSON.stringify({ snapshot: { meta: { node_fields: ['id'], node_types: [[]] } }, nodes: [], strings: [] })),
    ).toThrow(/not a V8 heap snapshot/);
  });
});
