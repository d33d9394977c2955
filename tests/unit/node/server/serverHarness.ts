import type { Db } from '../../../../node/server/db/Db';
import { startServer, type RunningServer, type ServerOptions } from '../../../../node/server/http/startServer';
import { createMemoryLog } from '../../../../node/server/log';
import { addKiosk, addStation, issueToken } from '../../../../node/server/store/registry';

export interface Harness {
  server: RunningServer;
  token: string;
  otherToken: string;
  log: ReturnType<typeof createMemoryLog>;
  close(): Promise<void>;
}

/** Stations `station-x` (kiosks `kiosk-a`, `kiosk-b`) and `station-y` (kiosk `kiosk-c`); `token` writes for kiosk-a. */
export async function startHarness(db: Db, opts: Partial<ServerOptions> = {}): Promise<Harness> {
  await addStation(db, { id: 'station-x', name: '秦皇岛路 Qinhuangdao Rd' });
  await addStation(db, { id: 'station-y', name: '杨浦大桥 Yangpu Bridge' });
  await addKiosk(db, { id: 'kiosk-a', stationId: 'station-x', name: 'entry' });
  await addKiosk(db, { id: 'kiosk-b', stationId: 'station-x', name: 'exit' });
  await addKiosk(db, { id: 'kiosk-c', stationId: 'station-y', name: 'bridge' });
  const token = await issueToken(db, 'kiosk-a');
  const otherToken = await issueToken(db, 'kiosk-c');
  const log = createMemoryLog();
  const server = await startServer({ db, log, ...opts });
  return { server, token, otherToken, log, close: () => server.close() };
}

export const bucket = (
  value: number,
  revision: number,
  hour = '2026-03-01T04:00:00Z',
  metric = 'session.started',
  kioskId = 'kiosk-a',
) => ({ kioskId, metric, hour, value, revision });
export const batch = (buckets: ReturnType<typeof bucket>[], stationId = 'station-x') => JSON.stringify({ protocol: 1, stationId, buckets });

export async function post(
  url: string,
  path: string,
  body: string,
  key: string | null,
  token: string | null,
): Promise<{ status: number; json: unknown; headers: Headers }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (key) headers['idempotency-key'] = key;
  const res = await fetch(`${url}${path}`, { method: 'POST', headers, body });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, json, headers: res.headers };
}

export const heartbeat = (over: Record<string, unknown> = {}) => ({
  protocol: 1,
  stationId: 'station-x',
  kioskId: 'kiosk-a',
  sentAt: '2026-03-01T04:00:00.000Z',
  appVersion: '1.0.0',
  uptimeSeconds: 12,
  restarts: 1,
  lastCrashReason: 'renderer gone',
  cameras: [{ id: 'entry', state: 'ok', detail: null }],
  inferenceBackend: 'wasm',
  contentPack: { id: 'yangpu', version: '1.2.0' },
  freeDiskBytes: 1e9,
  uploadBacklog: 3,
  lastSuccessfulUpload: null,
  ...over,
});
