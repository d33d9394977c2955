import { describe, expect, it } from 'vitest';
import { dumpGrowth } from '../../soak/memoryDump';

describe('dumpGrowth', () => {
  it('lists the allocators that grew more than 0.5 MB in processes present in both dumps, largest first', () => {
    const warm = {
      'Renderer 10': { malloc: 40, partition_alloc: 20, v8: 15 },
      'GPU Process 11': { gpu: 30 },
      'Renderer 12': { malloc: 5 },
    };
    const end = {
      'Renderer 10': { malloc: 140, partition_alloc: 20.4, v8: 16, media: 3 },
      'GPU Process 11': { gpu: 29 },
      'Renderer 13': { malloc: 500 }, // a process started after the warm-up: no baseline to compare with
    };
    expect(dumpGrowth(warm, end)).toEqual([
      { process: 'Renderer 10', allocator: 'malloc', warm: 40, end: 140 },
      { process: 'Renderer 10', allocator: 'media', warm: 0, end: 3 },
      { process: 'Renderer 10', allocator: 'v8', warm: 15, end: 16 },
    ]);
  });
});
