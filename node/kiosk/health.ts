import { statfsSync } from 'node:fs';
import type { TakeawayStatus } from '../../common/postcardContract';
import { shippedSmileCorrection } from '../../common/smile/smileModel';
import { PROTOCOL_VERSION, type Heartbeat } from '../../common/uploadProtocol';
import type { Outbox } from './upload/outbox';

export type CameraState = Heartbeat['cameras'][number];

/**
 * Where the figures health.ts does not own come from. The Electron main process provides crash
 * statistics, the smile meter its cameras and inference backend, the content-pack service the
 * active pack; until they do, each reads as "unknown" instead of being made up.
 */
export interface HealthSources {
  crashStats?: () => { restarts: number; lastCrashReason: string | null };
  cameras?: () => CameraState[];
  inferenceBackend?: () => string | null;
  contentPack?: () => { id: string; version: string } | null;
  uptimeSeconds?: () => number;
  freeDiskBytes?: (dir: string) => number | null;
  /** The postcard take-away server: listening where, off, or why it failed. Not in the heartbeat. */
  postcardTakeaway?: () => TakeawayStatus | null;
}

export interface Health {
  appVersion: string;
  stationId: string;
  kioskId: string;
  uptimeSeconds: number;
  restarts: number;
  lastCrashReason: string | null;
  cameras: CameraState[];
  inferenceBackend: string | null;
  contentPack: { id: string; version: string } | null;
  freeDiskBytes: number | null;
  uploadBacklog: number;
  lastSuccessfulUpload: number | null;
  lastUploadError: string | null;
  lastUploadErrorAt: number | null;
  lastHeartbeatAt: number | null;
  postcardTakeaway: TakeawayStatus | null;
}

export interface HealthService {
  get(): Health;
  /** The same figures in the wire format of POST /v1/heartbeat. */
  heartbeat(): Heartbeat;
  /** Later services plug their figures in here. */
  provide(sources: HealthSources): void;
}

/** Free bytes for an unprivileged user on the volume holding `dir` (https://nodejs.org/api/fs.html#fsstatfssyncpath-options). */
export function freeDiskBytes(dir: string): number | null {
  try {
    const s = statfsSync(dir);
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return null;
  }
}

export function createHealthService(opts: {
  appVersion: string;
  dataDir: string;
  outbox: Outbox;
  ids: () => { stationId: string; kioskId: string };
  now?: () => number;
  sources?: HealthSources;
}): HealthService {
  const now = opts.now ?? Date.now;
  const src: HealthSources = { ...opts.sources };
  const get = (): Health => {
    const crash = safe(src.crashStats, { restarts: 0, lastCrashReason: null });
    const st = opts.outbox.state();
    return {
      appVersion: opts.appVersion,
      ...opts.ids(),
      uptimeSeconds: Math.round(safe(src.uptimeSeconds, process.uptime())),
      restarts: crash.restarts,
      lastCrashReason: crash.lastCrashReason,
      cameras: safe(src.cameras, []),
      inferenceBackend: safe(src.inferenceBackend, null),
      contentPack: safe(src.contentPack, null),
      freeDiskBytes: (src.freeDiskBytes ?? freeDiskBytes)(opts.dataDir),
      uploadBacklog: opts.outbox.backlog(),
      lastSuccessfulUpload: st.lastSuccessAt,
      lastUploadError: st.lastError,
      lastUploadErrorAt: st.lastErrorAt,
      lastHeartbeatAt: st.lastHeartbeatAt,
      postcardTakeaway: safe(src.postcardTakeaway, null),
    };
  };
  return {
    get,
    heartbeat() {
      const h = get();
      return {
        protocol: PROTOCOL_VERSION,
        stationId: h.stationId,
        kioskId: h.kioskId,
        sentAt: new Date(now()).toISOString(),
        appVersion: h.appVersion.slice(0, 40),
        uptimeSeconds: h.uptimeSeconds,
        restarts: h.restarts,
        lastCrashReason: h.lastCrashReason?.slice(0, 500) ?? null,
        cameras: h.cameras.slice(0, 16).map((c) => ({ id: c.id.slice(0, 80), state: c.state, detail: c.detail?.slice(0, 300) ?? null })),
        inferenceBackend: h.inferenceBackend?.slice(0, 80) ?? null,
        contentPack: h.contentPack,
        freeDiskBytes: h.freeDiskBytes,
        uploadBacklog: h.uploadBacklog,
        lastSuccessfulUpload: h.lastSuccessfulUpload == null ? null : new Date(h.lastSuccessfulUpload).toISOString(),
        smileModel: {
          version: shippedSmileCorrection.version,
          sensitivity: shippedSmileCorrection.sensitivity,
          specificity: shippedSmileCorrection.specificity,
          positives: shippedSmileCorrection.positives,
          negatives: shippedSmileCorrection.negatives,
        },
      };
    },
    provide(sources) {
      Object.assign(src, sources);
    },
  };
}

/** A failing source must not take the health report (or the heartbeat) down with it. */
function safe<T>(fn: (() => T) | undefined, fallback: T): T {
  if (!fn) return fallback;
  try {
    return fn();
  } catch {
    return fallback;
  }
}
