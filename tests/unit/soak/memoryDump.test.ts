import { describe, expect, it } from 'vitest';
import { dumpFromTrace, dumpGrowth, kioskRenderer, oilpanTypeGrowth, type TraceEvent } from '../../soak/memoryDump';

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

describe('dumpFromTrace', () => {
  const size = (mb: number) => ({ attrs: { size: { value: (mb * 1024 * 1024).toString(16) } } });

  it('reads the allocators of each process, and their parts two levels down (not those named per instance), in MB, named by the process', () => {
    const events: TraceEvent[] = [
      { ph: 'M', pid: 7, name: 'process_name', args: { name: 'Renderer' } },
      { ph: 'X', pid: 7, name: 'other' },
      {
        ph: 'v',
        pid: 7,
        name: 'periodic_interval',
        args: {
          dumps: {
            allocators: {
              partition_alloc: size(40),
              'partition_alloc/partitions': size(39),
              'partition_alloc/partitions/buffer': size(25.5),
              'partition_alloc/partitions/buffer/thread_cache': size(1),
              'partition_alloc/allocated_objects/__764deac39317d12b': size(2.5),
              'cc/image_memory': size(10),
              'cc/image_memory/cache_0x1634006C1000': size(10),
              'shared_memory/21CC06A559E0283A78286F8AECE1F8CA': size(4),
              'discardable/segment_60': size(3),
              blink_gc: size(12),
              'malloc/allocated_objects': { attrs: {} },
            },
          },
        },
      },
      { ph: 'v', pid: 8, name: 'periodic_interval', args: { dumps: { allocators: { gpu: size(3) } } } },
    ];
    expect(dumpFromTrace(events)).toEqual({
      'Renderer 7': {
        partition_alloc: 40,
        'partition_alloc/partitions': 39,
        'partition_alloc/partitions/buffer': 25.5,
        'cc/image_memory': 10,
        blink_gc: 12,
      },
      'process 8': { gpu: 3 },
    });
  });
});

describe('dumpFromTrace, Oilpan', () => {
  const attrs = (values: Record<string, number>) => ({
    attrs: Object.fromEntries(Object.entries(values).map(([k, mb]) => [k, { value: (mb * 1024 * 1024).toString(16) }])),
  });

  it("sums the live objects of each type over the pages, and keeps the heap's committed, live and pooled sizes", () => {
    const types = 'blink_gc/main/heap/NormalPageSpace1/pages';
    const events: TraceEvent[] = [
      {
        ph: 'v',
        pid: 3,
        name: 'periodic_interval',
        args: {
          dumps: {
            allocators: {
              'blink_gc/main/heap': attrs({ size: 20, committed_size: 24, allocated_objects_size: 3, pooled_size: 5 }),
              [`${types}/page_0/types/blink::ResourceResponse (0x1bb)`]: attrs({ allocated_objects_size: 0.5, object_count: 1 }),
              [`${types}/page_7/types/blink::ResourceResponse (0x1bb)`]: attrs({ allocated_objects_size: 0.25 }),
              [`${types}/page_7/types/blink::Node (0x1c)`]: attrs({ allocated_objects_size: 1 }),
              [`${types}/page_7/types/blink::Empty (0x1d)`]: { attrs: {} },
            },
          },
        },
      },
    ];
    expect(dumpFromTrace(events)).toEqual({
      'process 3': {
        'blink_gc/main/heap': 20,
        'blink_gc/main/heap:committed_size': 24,
        'blink_gc/main/heap:allocated_objects_size': 3,
        'blink_gc/main/heap:pooled_size': 5,
        'blink_gc/main/types/blink::ResourceResponse': 0.75,
        'blink_gc/main/types/blink::Node': 1,
      },
    });
  });
});

describe('oilpanTypeGrowth', () => {
  it("lists the kiosk renderer's Oilpan types by growth, types new or gone included, the largest first", () => {
    const warm = {
      'Renderer 1': { v8: 20, 'blink_gc/main/types/A': 1, 'blink_gc/main/types/B': 2, 'blink_gc/main/types/Gone': 0.5 },
      'Renderer 2': { v8: 1, 'blink_gc/main/types/A': 100 },
    };
    const end = { 'Renderer 1': { v8: 20, 'blink_gc/main/types/A': 1.25, 'blink_gc/main/types/B': 4, 'blink_gc/main/types/New': 0.5 } };
    expect(oilpanTypeGrowth(warm, end, 3)).toEqual([
      { type: 'B', warm: 2, end: 4 },
      { type: 'New', warm: 0, end: 0.5 },
      { type: 'A', warm: 1, end: 1.25 },
    ]);
  });
});

describe('kioskRenderer', () => {
  it("takes the renderer with the largest V8 heap and reads Oilpan's pages, its live objects and the array buffers", () => {
    const dump = {
      'Renderer 5': { v8: 2, 'blink_gc/main/heap': 1 },
      'GPU Process 6': { v8: 90 },
      'Renderer 7': {
        v8: 25,
        'blink_gc/main/heap': 54.5,
        'blink_gc/main/allocated_objects': 6.4,
        'partition_alloc/partitions/array_buffer': 29.6,
      },
      'WebUI Top Renderer 8': { v8: 40 },
    };
    expect(kioskRenderer(dump)).toEqual({ oilpanMB: 54.5, oilpanLiveMB: 6.4, arrayBuffersMB: 29.6 });
  });

  it('gives nulls for what the dump lacks, and for a dump without renderers', () => {
    expect(kioskRenderer({ 'Renderer 5': { v8: 2, 'blink_gc/main/heap': 1 } })).toEqual({
      oilpanMB: 1,
      oilpanLiveMB: null,
      arrayBuffersMB: null,
    });
    expect(kioskRenderer({ 'Browser 1': { malloc: 30 } })).toEqual({ oilpanMB: null, oilpanLiveMB: null, arrayBuffersMB: null });
  });
});
