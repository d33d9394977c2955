import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PackReportSchema } from '../../../common/packRollout';
import { BucketBatchSchema, HeartbeatSchema } from '../../../common/uploadProtocol';
import type { Db } from '../db/Db';
import { createStderrLog, type ServerLog } from '../log';
import { pruneIdempotencyKeys, RevisionJumpError, storeBatch, storeHeartbeat, type StoredAnswer } from '../store/ingest';
import { TotalsQuerySchema, totals } from '../store/reads';
import { findToken, type TokenScope } from '../store/registry';
import { BodyTooLargeError, readBody } from './readBody';
import { createConsoleApi } from '../console/consoleApi';
import { createConsoleFiles, DEFAULT_CONSOLE_DIR } from '../console/serveConsoleFiles';
import { HttpError, issuesOf, send } from './respond';
import { createRateLimiter } from './tokenBucket';
import { packZipPath } from '../rollout/addPack';
import { mayDownload, offerFor, recordReport } from '../rollout/rolloutStore';
import { sendPackZip } from '../rollout/sendPackZip';
import { signManifest } from '../rollout/signManifest';
import { serverPrivateKey } from '../rollout/signingKey';
import { createAlertNotifier } from '../alerts/alertNotifier';
import { createAlertMonitor, scheduleAlerts, type AlertMonitor, type Timers } from '../alerts/alertMonitor';
import type { AlertSettings } from '../alerts/alertSettings';

export interface ServerOptions {
  db: Db;
  host?: string;
  port?: number;
  now?: () => number;
  log?: ServerLog;
  /** Largest accepted body (a full batch of 1000 buckets is about 130 KB). */
  maxBodyBytes?: number;
  /** Whole request headers must arrive within this (https://nodejs.org/api/http.html#serverheaderstimeout). */
  headersTimeoutMs?: number;
  /** The whole request, body included, must arrive within this (https://nodejs.org/api/http.html#serverrequesttimeout). */
  requestTimeoutMs?: number;
  /** How often Node checks the two timeouts above (http.createServer's connectionsCheckingInterval). */
  timeoutCheckIntervalMs?: number;
  /** Per-token request budget. */
  rateLimit?: { capacity: number; refillPerSecond: number };
  maxRevisionJump?: number;
  /** The server's data folder: uploaded content packs live in its packs/ (needed for pack rollout). */
  dataDir?: string;
  /** Largest content-pack upload through the console (rollout/DEFAULT_MAX_PACK_BYTES: 512 MiB). */
  maxPackBytes?: number;
  /** Fleet alerts (alerts/alertSettings.ts); unset: no checks. Tests pass their own `timers` and tick by hand. */
  alerts?: { settings: AlertSettings; timers?: Timers };
  /** Mark the console's session cookie Secure (set when the server is reached over https through a proxy). */
  secureCookies?: boolean;
  /** The built console pages (default: dist/console of this checkout, made by `npm run build`). */
  consoleDir?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  /** The fleet alert checks, when `alerts` was given. */
  alerts: AlertMonitor | null;
  close(): Promise<void>;
}

const sha256Hex = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/**
 * The station and district server's HTTP API for kiosks (resources/api/upload-openapi.yaml): plain Node http on one
 * port, loopback by default; put a TLS-terminating proxy in front when kiosks reach it over a network.
 */
export function startServer(opts: ServerOptions): Promise<RunningServer> {
  const now = opts.now ?? Date.now;
  const log = opts.log ?? createStderrLog();
  const maxBody = opts.maxBodyBytes ?? 1024 * 1024;
  const limiter = createRateLimiter(opts.rateLimit ?? { capacity: 120, refillPerSecond: 20 });

  const consoleApi = createConsoleApi({
    db: opts.db,
    now,
    secureCookies: opts.secureCookies ?? false,
    dataDir: opts.dataDir ?? null,
    maxPackBytes: opts.maxPackBytes,
  });
  const consoleFiles = createConsoleFiles(opts.consoleDir ?? DEFAULT_CONSOLE_DIR);

  const authenticate = async (req: IncomingMessage): Promise<TokenScope> => {
    const m = /^Bearer ([\x21-\x7e]{8,200})$/.exec(req.headers.authorization ?? '');
    const scope = m ? await findToken(opts.db, m[1] as string) : null;
    if (!scope)
      throw new HttpError(401, 'missing, unknown or revoked bearer token', {}, { 'www-authenticate': 'Bearer realm="riverside-counts"' });
    const rl = limiter.take(`token:${scope.tokenId}`);
    if (!rl.ok)
      throw new HttpError(
        429,
        'too many requests for this token',
        { retryAfterSeconds: rl.retryAfterSeconds },
        { 'retry-after': String(rl.retryAfterSeconds) },
      );
    return scope;
  };

  const idempotencyKey = (req: IncomingMessage): string => {
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || !/^[\x21-\x7e]{8,200}$/.test(key))
      throw new HttpError(400, 'an Idempotency-Key header (8-200 visible ASCII characters) is required');
    return key;
  };

  const readJson = async (req: IncomingMessage): Promise<{ raw: Buffer; json: unknown }> => {
    let raw: Buffer;
    try {
      raw = await readBody(req, maxBody);
    } catch (err) {
      if (err instanceof BodyTooLargeError) throw new HttpError(413, err.message);
      throw err;
    }
    try {
      return { raw, json: JSON.parse(raw.toString('utf8')) };
    } catch {
      throw new HttpError(400, 'body is not JSON');
    }
  };

  const answer = (res: ServerResponse, a: StoredAnswer | 'mismatch'): void => {
    if (a === 'mismatch') throw new HttpError(422, 'this Idempotency-Key was already used with a different body');
    send(res, a.status, a.body, a.replayed ? { 'idempotent-replayed': 'true' } : {});
  };

  const postBuckets = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const scope = await authenticate(req);
    const key = idempotencyKey(req);
    const { raw, json } = await readJson(req);
    const p = BucketBatchSchema.safeParse(json);
    if (!p.success) throw new HttpError(400, 'invalid batch', { issues: issuesOf(p.error) });
    // A token writes only its own station's and kiosk's buckets: the whole batch is refused otherwise.
    const foreign = p.data.buckets.findIndex((b) => b.kioskId !== scope.kioskId);
    if (p.data.stationId !== scope.stationId) throw new HttpError(403, `this token may not write for station ${p.data.stationId}`);
    if (foreign >= 0)
      throw new HttpError(403, `this token may not write for kiosk ${p.data.buckets[foreign]?.kioskId} (buckets.${foreign})`);
    try {
      answer(
        res,
        await storeBatch(
          opts.db,
          scope,
          p.data,
          { key, bodyHash: sha256Hex(raw) },
          { now: new Date(now()), maxRevisionJump: opts.maxRevisionJump },
        ),
      );
    } catch (err) {
      if (err instanceof RevisionJumpError) throw new HttpError(422, err.message, { offenders: err.offenders });
      throw err;
    }
  };

  const postHeartbeat = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const scope = await authenticate(req);
    const key = idempotencyKey(req);
    const { raw, json } = await readJson(req);
    const p = HeartbeatSchema.safeParse(json);
    if (!p.success) throw new HttpError(400, 'invalid heartbeat', { issues: issuesOf(p.error) });
    if (p.data.stationId !== scope.stationId || p.data.kioskId !== scope.kioskId)
      throw new HttpError(403, `this token may not report for ${p.data.stationId}/${p.data.kioskId}`);
    answer(res, await storeHeartbeat(opts.db, scope, p.data, { key, bodyHash: sha256Hex(raw) }, new Date(now())));
  };

  const getTotals = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const scope = await authenticate(req);
    const q = TotalsQuerySchema.safeParse(Object.fromEntries(url.searchParams));
    if (!q.success) throw new HttpError(400, 'invalid query', { issues: issuesOf(q.error) });
    // A kiosk's token sees its own station's totals only.
    if (q.data.stationId && q.data.stationId !== scope.stationId)
      throw new HttpError(403, `this token may not read station ${q.data.stationId}`);
    send(res, 200, { totals: await totals(opts.db, { ...q.data, stationId: scope.stationId }) });
  };

  const getOffer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const scope = await authenticate(req);
    const m = await offerFor(opts.db, scope.kioskId, new Date(now()));
    if (!m) {
      res.writeHead(204, { 'cache-control': 'no-store' }).end();
      return;
    }
    send(res, 200, { signed: signManifest(m, await serverPrivateKey(opts.db)), download: `/v1/packs/${m.sha256}.zip` });
  };

  const getPackZip = async (req: IncomingMessage, res: ServerResponse, sha256: string): Promise<void> => {
    const scope = await authenticate(req);
    if (!opts.dataDir || !(await mayDownload(opts.db, scope.kioskId, sha256))) throw new HttpError(404, 'no such pack for this kiosk');
    sendPackZip(res, packZipPath(opts.dataDir, sha256), req.headers.range, log);
  };

  const postPackReport = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const scope = await authenticate(req);
    const { json } = await readJson(req);
    const p = PackReportSchema.safeParse(json);
    if (!p.success) throw new HttpError(400, 'invalid pack report', { issues: issuesOf(p.error) });
    await recordReport(opts.db, scope.kioskId, p.data, new Date(now()));
    res.writeHead(204).end();
  };

  const server = createServer(
    {
      headersTimeout: opts.headersTimeoutMs ?? 10_000,
      requestTimeout: opts.requestTimeoutMs ?? 30_000,
      connectionsCheckingInterval: opts.timeoutCheckIntervalMs ?? 1_000,
      keepAliveTimeout: 5_000,
    },
    (req, res) => {
      const url = new URL(req.url ?? '/', 'http://server.invalid');
      const route = `${req.method} ${url.pathname}`;
      const run = async (): Promise<void> => {
        if (route === 'GET /v1/health') return send(res, 200, { ok: true });
        if (route === 'POST /v1/buckets') return postBuckets(req, res);
        if (route === 'POST /v1/heartbeat') return postHeartbeat(req, res);
        if (route === 'GET /v1/totals') return getTotals(req, res, url);
        if (route === 'GET /v1/packs/offer') return getOffer(req, res);
        if (route === 'POST /v1/packs/report') return postPackReport(req, res);
        const zip = /^GET \/v1\/packs\/([0-9a-f]{64})\.zip$/.exec(route);
        if (zip) return getPackZip(req, res, zip[1] as string);
        if (url.pathname.startsWith('/console/api/')) return consoleApi(req, res, url);
        if (url.pathname === '/' || url.pathname === '/console' || url.pathname.startsWith('/console/')) return consoleFiles(req, res, url);
        throw new HttpError(404, `no route ${req.method} ${url.pathname}`);
      };
      run().catch((err: unknown) => {
        if (res.headersSent) {
          res.destroy();
          return;
        }
        if (err instanceof HttpError) {
          send(res, err.status, { error: err.message, ...err.extra }, err.headers);
          return;
        }
        // Never the stack or the SQL text to the client: a reference the operator can find in the log.
        const requestId = randomUUID();
        log.error('request.failed', { requestId, route, error: String((err as Error)?.stack ?? err) });
        send(res, 500, { error: 'internal error', requestId });
      });
    },
  );

  // Idempotency keys are kept 14 days: forgotten at start and then hourly (unref: this alone keeps no process alive).
  const prune = (): void =>
    void pruneIdempotencyKeys(opts.db, new Date(now())).catch((err: unknown) => log.error('prune.failed', { error: String(err) }));
  prune();
  const pruneTimer = setInterval(prune, 3_600_000).unref();
  server.on('close', () => clearInterval(pruneTimer));

  // Fleet alerts: checked on their own unref'd timer, stopped with the server.
  const a = opts.alerts;
  const notifier = a && (a.settings.channels.webhookUrl || a.settings.channels.smtp) ? createAlertNotifier(a.settings.channels) : null;
  const alerts = a
    ? createAlertMonitor({
        db: opts.db,
        now,
        limits: a.settings.limits,
        heartbeatIntervalSeconds: a.settings.heartbeatIntervalSeconds,
        notifier,
        log,
      })
    : null;
  if (alerts && a && a.settings.intervalMs > 0) {
    const stop = scheduleAlerts(alerts, a.settings.intervalMs, log, a.timers);
    server.on('close', () => {
      stop();
      notifier?.close();
    });
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    const host = opts.host ?? '127.0.0.1';
    server.listen(opts.port ?? 0, host, () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
        port,
        server,
        alerts,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}
