import { describe, expect, it } from 'vitest';
import { growthFailure, growthOf, relativeGrowth } from '../../soak/report';
import type { Sample } from '../../soak/Sample';

const sample = (minute: number, rendererHeapMB: number, glTextures = 0): Sample => ({
  minute,
  rendererHeapMB,
  domNodes: 120,
  listeners: 80,
  glTextures,
  glBuffers: 0,
  glPrograms: 0,
  tensorsEntry: null,
  tensorsExit: null,
  wasmEntryMB: null,
  wasmExitMB: null,
  framesEntry: minute * 600,
  framesExit: minute * 600,
  visitorsEntry: 0,
  visitorsExit: 0,
  chromiumRssMB: 1200,
  hostRssMB: 300,
  hostHeapMB: 30,
  hostFds: 28,
  dbMB: 0.1,
  walMB: 0.2,
  logsMB: 0,
  postcardsMB: 0,
  outbox: 0,
  oilpanMB: null,
  oilpanLiveMB: null,
  arrayBuffersMB: null,
});

describe('relativeGrowth', () => {
  it('is the change over the start, rounded to a thousandth', () => {
    expect(relativeGrowth(10, 11)).toBe(0.1);
    expect(relativeGrowth(3, 2)).toBe(-0.333);
  });

  it('from 0 is none while the figure stays 0 and unbounded once it is not', () => {
    expect(relativeGrowth(0, 0)).toBe(0);
    expect(relativeGrowth(0, 2)).toBe(Infinity);
  });
});

describe('growthFailure', () => {
  it('passes growth up to the bound and words what grew past it', () => {
    expect(growthFailure('domNodes', { warm: 100, end: 110, growth: 0.1 }, 0.1, 'after the warm-up')).toBeNull();
    expect(growthFailure('domNodes', { warm: 100, end: 111, growth: 0.11 }, 0.1, 'after the warm-up')).toBe(
      'domNodes grew 11 % after the warm-up (100 -> 111; bound 10 %)',
    );
    expect(growthFailure('glTextures', { warm: 0, end: 3, growth: Infinity }, 0.25, 'after the warm-up')).toBe(
      'glTextures grew from 0 after the warm-up (0 -> 3; bound 25 %)',
    );
  });

  it("passes growth within the slack in the figure's own units, and words both allowances past it", () => {
    // The host's descriptors: 26 -> 30 is 15 %, four sockets in flight at the last samples.
    expect(growthFailure('hostFds', { warm: 26, end: 30, growth: 0.154 }, 0.1, 'after the warm-up', 5)).toBeNull();
    expect(growthFailure('hostFds', { warm: 26, end: 31, growth: 0.192 }, 0.1, 'after the warm-up', 5)).toBeNull();
    expect(growthFailure('hostFds', { warm: 26, end: 32, growth: 0.231 }, 0.1, 'after the warm-up', 5)).toBe(
      'hostFds grew 23.1 % after the warm-up (26 -> 32; bound 10 % or 5)',
    );
    // Without a slack the percentage alone decides.
    expect(growthFailure('hostFds', { warm: 26, end: 30, growth: 0.154 }, 0.1, 'after the warm-up')).toBe(
      'hostFds grew 15.4 % after the warm-up (26 -> 30; bound 10 %)',
    );
  });

  it('passes a figure that was not measured', () => {
    expect(growthFailure('tensorsEntry', { warm: null, end: null, growth: null }, 0.1, 'after the warm-up')).toBeNull();
  });
});

describe('growthOf', () => {
  it('compares the medians of the first three samples after the warm-up and of the last three', () => {
    // Warm-up samples (before minute 5) do not count; one high sample at either end does not decide.
    const heap = [50, 50, 10, 30, 10, 10, 11, 12, 11, 40];
    const samples = heap.map((mb, i) => sample(i * 1.5, mb));
    const g = growthOf(samples, 5);
    expect(g.rendererHeapMB).toEqual({ warm: 10, end: 12, growth: 0.2 });
  });

  it('with fewer than six samples after the warm-up takes the last one as the end', () => {
    const g = growthOf([sample(0, 9), sample(6, 10), sample(7, 10), sample(8, 11)], 5);
    expect(g.rendererHeapMB).toEqual({ warm: 10, end: 11, growth: 0.1 });
  });

  it('reports a figure that appeared from nothing as unbounded growth, and one never measured as null', () => {
    const g = growthOf([sample(6, 10, 0), sample(7, 10, 0), sample(8, 10, 2)], 5);
    expect(g.glTextures).toEqual({ warm: 0, end: 2, growth: Infinity });
    expect(g.tensorsEntry).toEqual({ warm: null, end: null, growth: null });
  });
});
