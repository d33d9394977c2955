import { ref } from 'vue';
import type { z } from 'zod';
import {
  DistrictSummarySchema,
  FleetSchema,
  HeartbeatHistorySchema,
  SessionSchema,
  StationDashboardSchema,
  type ConsoleUser,
} from '../../common/consoleApi';
import { AlertsSchema, UptimeAnswerSchema } from '../../common/consoleAlertsApi';
import {
  ApiRefusalSchema,
  PackListSchema,
  PackUploadSchema,
  RollbackAnswerSchema,
  RolloutAnswerSchema,
  RolloutListSchema,
  type ApiRefusal,
  type StartRolloutRequest,
} from '../../common/consoleRolloutApi';

/** An answer the server refused, with its status and its message (the server's `error`). */
export class ApiError extends Error {
  /**
   * `retryAfterSeconds`: from the server's Retry-After header (too many sign-in attempts); `refusal`: the body's
   * details when it had any (a refused pack's problems, the upload limit, a request's issues).
   */
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfterSeconds: number | null = null,
    readonly refusal: ApiRefusal | null = null,
  ) {
    super(message);
  }
}

const BASE = '/console/api';
/** Who is signed in (null: nobody) and the CSRF token the server handed out with the session. */
export const currentUser = ref<ConsoleUser | null>(null);
let csrfToken = '';

async function call<T extends z.ZodType>(schema: T, path: string, init: RequestInit = {}): Promise<z.infer<T>> {
  let res: Response;
  try {
    res = await fetch(`${BASE}${path}`, {
      credentials: 'same-origin',
      ...init,
      headers: { accept: 'application/json', ...(init.headers ?? {}) },
    });
  } catch {
    throw new ApiError(0, 'network');
  }
  const body = (await res.json().catch(() => null)) as { error?: string } | null;
  if (!res.ok) {
    if (res.status === 401) currentUser.value = null;
    const retry = Number(res.headers.get('retry-after'));
    const refusal = ApiRefusalSchema.safeParse(body);
    throw new ApiError(
      res.status,
      body?.error ?? res.statusText,
      Number.isFinite(retry) && retry > 0 ? retry : null,
      refusal.success ? refusal.data : null,
    );
  }
  return schema.parse(body);
}

/** A state-changing call: the server wants the session's CSRF token with it. */
const post = (body: BodyInit, contentType: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': contentType, 'x-csrf-token': csrfToken },
  body,
});

const range = (from: string, to: string): string => `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;

export const api = {
  /** The session of this browser, if its cookie is still good. */
  async restore(): Promise<ConsoleUser | null> {
    try {
      const s = await call(SessionSchema, '/me');
      csrfToken = s.csrfToken;
      currentUser.value = s.user;
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 401) throw err;
      currentUser.value = null;
    }
    return currentUser.value;
  },
  async login(name: string, password: string): Promise<ConsoleUser> {
    const s = await call(SessionSchema, '/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, password }),
    });
    csrfToken = s.csrfToken;
    currentUser.value = s.user;
    return s.user;
  },
  async logout(): Promise<void> {
    await fetch(`${BASE}/logout`, { method: 'POST', credentials: 'same-origin', headers: { 'x-csrf-token': csrfToken } }).catch(
      () => undefined,
    );
    csrfToken = '';
    currentUser.value = null;
  },
  station: (id: string, from: string, to: string) =>
    call(StationDashboardSchema, `/stations/${encodeURIComponent(id)}/dashboard?${range(from, to)}`),
  district: (from: string, to: string) => call(DistrictSummarySchema, `/district/summary?${range(from, to)}`),
  fleet: () => call(FleetSchema, '/fleet'),
  heartbeats: (kioskId: string, limit = 48) =>
    call(HeartbeatHistorySchema, `/kiosks/${encodeURIComponent(kioskId)}/heartbeats?limit=${limit}`),
  packs: () => call(PackListSchema, '/packs'),
  /** A built pack zip, sent as it is (the server validates it as a kiosk would). */
  uploadPack: (zip: Blob) => call(PackUploadSchema, '/packs', post(zip, 'application/zip')),
  rollouts: () => call(RolloutListSchema, '/rollouts'),
  rollout: (id: number) => call(RolloutAnswerSchema, `/rollouts/${id}`),
  startRollout: (r: StartRolloutRequest) => call(RolloutAnswerSchema, '/rollouts', post(JSON.stringify(r), 'application/json')),
  /** `to` null: the server picks the pack the kiosks had before. */
  rollback: (id: number, to: string | null) =>
    call(RollbackAnswerSchema, `/rollouts/${id}/rollback`, post(JSON.stringify({ to }), 'application/json')),
  alerts: () => call(AlertsSchema, '/alerts'),
  uptime: (month: string) => call(UptimeAnswerSchema, `/alerts/uptime?month=${encodeURIComponent(month)}`),
  uptimeCsvUrl: (month: string) => `${BASE}/alerts/uptime.csv?month=${encodeURIComponent(month)}`,
  /** The CSV export's address: the server's `to` is the first day not included. */
  csvUrl: (id: string, from: string, toExclusive: string) =>
    `${BASE}/stations/${encodeURIComponent(id)}/export.csv?${range(from, toExclusive)}`,
};
