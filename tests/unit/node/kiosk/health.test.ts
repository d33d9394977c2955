import { afterEach, describe, expect, it } from 'vitest';
import { HeartbeatSchema } from '../../../../common/uploadProtocol';
import { smileModel } from '../../../../common/smile/smileModel';
import { freeDiskBytes } from '../../../../node/kiosk/health';
import { createMemoryLogger } from '../../../../node/kiosk/logger';
import { createServices } from '../../../../node/kiosk/services';
import { tempDir } from '../../../fixtures/upload/kioskHarness';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('health', () => {
  it('gathers injected figures and its own, and sends them as a valid heartbeat', () => {
    const t = tempDir('health-');
    const s = createServices({
      dataDir: t.dir,
      appVersion: '2.0.0',
      runtime: 'web',
      log: createMemoryLogger(),
      now: () => Date.parse('2026-03-02T01:00:00Z'),
      upload: {
        healthSources: { crashStats: () => ({ restarts: 3, lastCrashReason: 'renderer crashed (oom)' }), uptimeSeconds: () => 3600.4 },
      },
    });
    cleanups.push(t.cleanup, () => s.close());
    s.health.provide({
      cameras: () => [
        { id: 'entry', state: 'ok', detail: null },
        { id: 'exit', state: 'missing', detail: 'no device' },
      ],
      inferenceBackend: () => 'onnx-wasm',
      contentPack: () => ({ id: 'yangpu-riverside', version: '1.4.0' }),
    });
    s.counter.record('session.started');
    const h = s.health.get();
    expect(h).toMatchObject({
      appVersion: '2.0.0',
      uptimeSeconds: 3600,
      restarts: 3,
      lastCrashReason: 'renderer crashed (oom)',
      inferenceBackend: 'onnx-wasm',
      contentPack: { id: 'yangpu-riverside', version: '1.4.0' },
      uploadBacklog: 1,
      lastSuccessfulUpload: null,
    });
    expect(h.cameras).toHaveLength(2);
    expect(h.freeDiskBytes).toBeGreaterThan(0);
    const hb = HeartbeatSchema.parse(s.health.heartbeat());
    expect(hb).toMatchObject({ sentAt: '2026-03-02T01:00:00.000Z', kioskId: s.settings.get().kioskId, uploadBacklog: 1 });
    // Only these fields leave the kiosk.
    expect(Object.keys(hb).sort()).toEqual([
      'appVersion',
      'cameras',
      'contentPack',
      'freeDiskBytes',
      'inferenceBackend',
      'kioskId',
      'lastCrashReason',
      'lastSuccessfulUpload',
      'protocol',
      'restarts',
      'sentAt',
      'smileModel',
      'stationId',
      'uploadBacklog',
      'uptimeSeconds',
    ]);
    // The smile model's version and measured error, for a server to correct the raw smiling counts the same way.
    const { sensitivity, specificity, positives, negatives } = smileModel.countingOperatingPoint ?? smileModel.operatingPoint;
    expect(hb.smileModel).toEqual({ version: smileModel.version, sensitivity, specificity, positives, negatives });
  });

  it('a failing source reads as unknown instead of breaking the report', () => {
    const t = tempDir('health-fail-');
    const s = createServices({ dataDir: t.dir, appVersion: '2.0.0', runtime: 'web', log: createMemoryLogger() });
    cleanups.push(t.cleanup, () => s.close());
    s.health.provide({
      cameras: () => {
        throw new Error('usb gone');
      },
      crashStats: () => {
        throw new Error('no file');
      },
    });
    expect(s.health.get()).toMatchObject({ cameras: [], restarts: 0, lastCrashReason: null });
    expect(freeDiskBytes('/definitely/not/here')).toBeNull();
  });
});
