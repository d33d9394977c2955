import { describe, expect, it } from 'vitest';
import { wasmMemoryBytes } from '../../../../common/smile/wasmMemoryBytes';
import { loadFaceApi } from '../../../../node/kiosk/smile/loadFaceApi';

describe('wasmMemoryBytes', () => {
  it("reads the wasm backend's memory, which grows for a large tensor and stays grown after it is freed", async () => {
    const { tf } = await loadFaceApi('wasm');
    const before = wasmMemoryBytes(tf)!;
    expect(before % 65536).toBe(0); // whole wasm pages
    expect(before).toBeGreaterThan(0);
    const big = tf.zeros([16 * 1024 * 1024], 'float32'); // 64 MB inside the wasm heap
    const grown = wasmMemoryBytes(tf)!;
    expect(grown).toBeGreaterThanOrEqual(before + 32 * 1024 * 1024);
    big.dispose();
    expect(wasmMemoryBytes(tf)).toBe(grown);
  });

  it('is null on another backend', () => {
    expect(wasmMemoryBytes({ getBackend: () => 'webgl', backend: () => ({}) })).toBeNull();
    expect(wasmMemoryBytes({ getBackend: () => 'wasm', backend: () => ({}) })).toBeNull();
  });
});
