import { describe, expect, it } from 'vitest';
import type { SmileCameraStatus } from '../../../../../common/smileStatus';
import { createSmileStatusService } from '../../../../../node/kiosk/smile/smileStatus';

const cam = (over: Partial<SmileCameraStatus>): SmileCameraStatus => ({
  role: 'entry',
  state: 'running',
  backend: 'wasm',
  source: 'camera',
  deviceLabel: 'USB Camera',
  fps: 12.5,
  framesProcessed: 100,
  facesDescribed: 20,
  visitors: 3,
  smiling: 1,
  numTensors: 96,
  retries: 0,
  lastError: null,
  since: 0,
  ...over,
});

describe('smile status service', () => {
  it('is stale before any report while the meter should run, and not when it should not', () => {
    let expected = true;
    const s = createSmileStatusService({ now: () => 1000, expected: () => expected });
    expect(s.view()).toEqual({ report: null, reportedAt: null, ageMs: null, stale: true });
    expect(s.cameras().map((c) => [c.id, c.state])).toEqual([
      ['smile.entry', 'unknown'],
      ['smile.exit', 'unknown'],
    ]);
    expected = false;
    expect(s.view().stale).toBe(false);
    expect(s.cameras()).toEqual([]);
  });

  it('maps camera states for health and turns stale after 30 s without a report', () => {
    let now = 10_000;
    const s = createSmileStatusService({ now: () => now, expected: () => true });
    s.report({
      enabled: true,
      cameras: [cam({}), cam({ role: 'exit', state: 'retrying', backend: null, retries: 3, lastError: 'camera "Exit cam" not found' })],
    });
    expect(s.view()).toMatchObject({ reportedAt: 10_000, ageMs: 0, stale: false });
    const [entry, exit] = s.cameras();
    expect(entry).toMatchObject({ id: 'smile.entry', state: 'ok' });
    expect(entry!.detail).toContain('wasm');
    expect(exit).toMatchObject({ id: 'smile.exit', state: 'missing' });
    expect(exit!.detail).toContain('not found');
    expect(s.backend()).toBe('wasm');
    now += 31_000;
    expect(s.view().stale).toBe(true);
    expect(s.cameras().every((c) => c.state === 'unknown' && /31 s/.test(c.detail ?? ''))).toBe(true);
    expect(s.backend()).toBeNull();
  });

  it('reports a failed worker as an error and an off role as disabled', () => {
    const s = createSmileStatusService({ now: () => 0, expected: () => true });
    s.report({
      enabled: true,
      cameras: [
        cam({ state: 'failed', lastError: 'neither WebGL nor the WebAssembly backend could start' }),
        cam({ role: 'exit', state: 'off' }),
      ],
    });
    expect(s.cameras().map((c) => c.state)).toEqual(['error', 'disabled']);
    expect(s.backend()).toBeNull();
  });
});
