import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../db/Db';
import { BodyTooLargeError, readBody } from '../http/readBody';
import { HttpError, issuesOf, send } from '../http/respond';
import { createRateLimiter } from '../http/tokenBucket';
import { listBuckets } from '../store/reads';
import { districtDays, fleet, heartbeatHistory, stationDays } from './consoleQueries';
import { districtSummary } from './districtSummary';
import { stationDashboard } from './stationDashboard';
import { createAlertsApi } from './alertsApi';
import { createRolloutApi, DEFAULT_MAX_PACK_BYTES } from './rolloutApi';
import { SESSION_MS, sessionUser, signIn, signOut, type ConsoleUser } from './sessions';

const COOKIE = 'rsk_session';
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day like 2026-11-23');
const RangeSchema = z.object({ from: Day, to: Day }).strict();
const HistorySchema = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }).strict();
const LoginSchema = z.object({ name: z.string().min(1).max(40), password: z.string().min(1).max(200) }).strict();

const sameText = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

function cookieValue(req: IncomingMessage): string | null {
  const m = new RegExp(`(?:^|;\\s*)${COOKIE}=([A-Za-z0-9_-]{20,100})`).exec(req.headers.cookie ?? '');
  return m ? (m[1] as string) : null;
}

/** RFC 4180 field: quoted when it holds a comma, quote or line break. */
const csvField = (v: string | number): string => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

/**
 * The console's JSON API: sign-in with a scrypt password, a session cookie (HttpOnly, SameSite=Strict) and a CSRF
 * token that every state-changing request must echo in `X-CSRF-Token`
 * (https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html).
 * District users see every station; station users only their own.
 */
export function createConsoleApi(o: { db: Db; now: () => number; secureCookies: boolean; dataDir?: string | null; maxPackBytes?: number }) {
  const rolloutApi = createRolloutApi({
    db: o.db,
    now: o.now,
    dataDir: o.dataDir ?? null,
    maxPackBytes: o.maxPackBytes ?? DEFAULT_MAX_PACK_BYTES,
  });
  const alertsApi = createAlertsApi({ db: o.db, now: o.now });
  const loginLimiter = createRateLimiter({ capacity: 10, refillPerSecond: 0.2 });
  const cookie = (value: string, maxAgeSeconds: number): string =>
    `${COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${o.secureCookies ? '; Secure' : ''}`;

  const user = async (req: IncomingMessage, changing: boolean): Promise<ConsoleUser> => {
    const sid = cookieValue(req);
    const u = sid ? await sessionUser(o.db, sid, new Date(o.now())) : null;
    if (!u) throw new HttpError(401, 'sign in first');
    if (changing) {
      const t = req.headers['x-csrf-token'];
      if (typeof t !== 'string' || !sameText(t, u.csrfToken)) throw new HttpError(403, 'missing or wrong X-CSRF-Token');
    }
    return u;
  };
  const mayRead = (u: ConsoleUser, stationId: string): void => {
    if (u.role === 'station' && u.stationId !== stationId) throw new HttpError(403, `this account may not read station ${stationId}`);
  };
  const range = (url: URL): { from: string; to: string } => {
    const r = RangeSchema.safeParse(Object.fromEntries(url.searchParams));
    if (!r.success) throw new HttpError(400, 'invalid range', { issues: issuesOf(r.error) });
    return r.data;
  };

  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const path = url.pathname.slice('/console/api'.length);
    const route = `${req.method} ${path}`;
    if (route === 'POST /login') {
      const rl = loginLimiter.take(`login:${req.socket.remoteAddress}`);
      if (!rl.ok) throw new HttpError(429, 'too many sign-in attempts', {}, { 'retry-after': String(rl.retryAfterSeconds) });
      let json: unknown;
      try {
        json = JSON.parse((await readBody(req, 4096)).toString('utf8'));
      } catch (err) {
        if (err instanceof BodyTooLargeError) throw new HttpError(413, err.message);
        throw new HttpError(400, 'body is not JSON');
      }
      const p = LoginSchema.safeParse(json);
      if (!p.success) throw new HttpError(400, 'invalid sign-in', { issues: issuesOf(p.error) });
      const s = await signIn(o.db, p.data.name, p.data.password, new Date(o.now()));
      if (!s) throw new HttpError(401, 'wrong name or password');
      return send(res, 200, { user: s.user, csrfToken: s.csrfToken }, { 'set-cookie': cookie(s.sessionId, SESSION_MS / 1000) });
    }
    if (route === 'POST /logout') {
      await user(req, true);
      await signOut(o.db, cookieValue(req) as string);
      return send(res, 200, { signedOut: true }, { 'set-cookie': cookie('', 0) });
    }
    if (route === 'GET /me') {
      const sid = cookieValue(req);
      const u = sid ? await sessionUser(o.db, sid, new Date(o.now())) : null;
      if (!u) throw new HttpError(401, 'sign in first');
      return send(res, 200, { user: { name: u.name, role: u.role, stationId: u.stationId }, csrfToken: u.csrfToken });
    }
    if (route === 'GET /fleet') {
      const u = await user(req, false);
      return send(res, 200, { kiosks: await fleet(o.db, new Date(o.now()), u.role === 'station' ? u.stationId : null) });
    }
    if (route === 'GET /district/days') {
      const u = await user(req, false);
      if (u.role !== 'district') throw new HttpError(403, 'the district page is for district accounts');
      const r = range(url);
      return send(res, 200, { rows: await districtDays(o.db, r.from, r.to) });
    }
    if (route === 'GET /district/summary') {
      const u = await user(req, false);
      if (u.role !== 'district') throw new HttpError(403, 'the district page is for district accounts');
      const r = range(url);
      return send(res, 200, await districtSummary(o.db, r.from, r.to));
    }
    const history = /^\/kiosks\/([a-z0-9][a-z0-9-]{1,62})\/heartbeats$/.exec(path);
    if (req.method === 'GET' && history) {
      const u = await user(req, false);
      const q = HistorySchema.safeParse(Object.fromEntries(url.searchParams));
      if (!q.success) throw new HttpError(400, 'invalid query', { issues: issuesOf(q.error) });
      const h = await heartbeatHistory(o.db, history[1] as string, q.data.limit);
      // A station account learns nothing about another station's kiosks, not even that they exist.
      if (!h || (u.role === 'station' && u.stationId !== h.stationId)) throw new HttpError(404, `no kiosk ${history[1]}`);
      return send(res, 200, h);
    }
    const station = /^\/stations\/([a-z0-9][a-z0-9-]{1,62})\/(days|dashboard|export\.csv)$/.exec(path);
    if (req.method === 'GET' && station) {
      const u = await user(req, false);
      const stationId = station[1] as string;
      mayRead(u, stationId);
      const r = range(url);
      if (station[2] === 'dashboard') return send(res, 200, await stationDashboard(o.db, stationId, r.from, r.to));
      if (station[2] === 'days') return send(res, 200, { stationId, days: await stationDays(o.db, stationId, r.from, r.to) });
      // UTC day bounds here; the kiosk's own export uses local dates in its columns, so they are written here too.
      const rows = await listBuckets(o.db, { stationId, from: `${r.from}T00:00:00Z`, to: `${r.to}T00:00:00Z` });
      const lines = [
        'hour_utc,station_id,kiosk_id,metric,value',
        ...rows.map((b) => [b.hour, b.stationId, b.kioskId, b.metric, b.value].map(csvField).join(',')),
      ];
      const text = `\uFEFF${lines.join('\r\n')}\r\n`;
      res.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${stationId}-${r.from}-${r.to}.csv"`,
        'content-length': Buffer.byteLength(text),
        'cache-control': 'no-store',
      });
      res.end(text);
      return;
    }
    if (await rolloutApi(req, res, path, (changing) => user(req, changing))) return;
    if (await alertsApi(req, res, url, path, () => user(req, false))) return;
    throw new HttpError(404, `no route ${req.method} ${url.pathname}`);
  };
}
