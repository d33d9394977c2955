import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { contract, DEFAULT_MAX_REQUEST_BYTES, type ErrorCode, type ResponseEnvelope } from '../../../common/contract';
import { securityHeaders } from '../csp';
import { serveFile } from '../serveFile';
import type { Dispatcher } from '../api/dispatcher';
import type { Logger } from '../logger';
import { LAUNCH_NONCE_PARAM, WEB_SECRET_HEADER, WEB_SESSION_PATH, WebSessionRequestSchema } from '../../../common/webHostSession';
import { assertLoopback } from './assertLoopback';
import { createLaunchNonces } from './launchNonces';
import { servePackFile } from '../packs/servePackFile';
import { readCappedBody } from '../../shared/http/readCappedBody';

export const SECRET_HEADER = WEB_SECRET_HEADER;
/** The session exchange's body is one nonce. */
const MAX_SESSION_BODY_BYTES = 1024;

export interface WebHostOptions {
  dispatcher: Dispatcher;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  log: Logger;
  host?: string;
  port?: number;
  /** Per-launch secret; random when omitted (tests pass one to call the API directly). Never printed or logged. */
  secret?: string;
  /** Lifetime of a launch nonce (default one minute) and the clock it is measured on: for tests. */
  nonceTtlMs?: number;
  now?: () => number;
  /** The active content pack's folder, served under /pack/; absent or null: /pack/ is 404. */
  packDir?: () => string | null;
}

export interface WebHost {
  url: string;
  /**
   * A fresh URL to open the kiosk page with: a single-use nonce, valid for a minute, in the fragment (which the
   * browser never sends to a server). The page trades it for the secret (POST /session). Safe to print.
   */
  issueLaunchUrl(): string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

const STATUS: Record<ErrorCode, number> = {
  UNKNOWN_CHANNEL: 404,
  BAD_REQUEST: 400,
  BAD_RESPONSE: 500,
  FORBIDDEN: 403,
  UNAUTHORIZED: 401,
  PIN_NOT_SET: 409,
  PIN_ALREADY_SET: 409,
  PIN_WRONG: 403,
  PIN_LOCKED: 429,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INTERNAL: 500,
  PACK_INVALID: 422,
};

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/**
 * The web host: the built renderer plus the contract over HTTP (`POST /api/<method>`), on loopback
 * only. Every API call must carry the per-launch secret in a custom header; a custom header also
 * forces a CORS preflight, which this server never answers, so no other web page can call it. The page gets the
 * secret by trading a single-use launch nonce (issueLaunchUrl, POST /session; common/webHostSession.ts), so the
 * secret is never on a command line, in a URL or on stdout.
 * The Host header is checked as well, against DNS rebinding.
 */
export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const host = opts.host ?? '127.0.0.1';
  assertLoopback(host);
  const secret = opts.secret ?? randomBytes(32).toString('base64url');
  if (secret.length < 16) throw new Error('the web host secret must be at least 16 characters');
  const secretDigest = digest(secret);
  const nonces = createLaunchNonces({ ttlMs: opts.nonceTtlMs, now: opts.now });
  let port = opts.port ?? 0;

  const allowedHosts = (): Set<string> => new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `${host}:${port}`]);

  const sendJson = (res: ServerResponse, status: number, body: ResponseEnvelope): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, { ...securityHeaders(), 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(text);
  };
  const deny = (res: ServerResponse, status: number, code: ErrorCode, message: string): void =>
    sendJson(res, status, { ok: false, error: { code, message } });

  const refuse = (res: ServerResponse, status: number, code: ErrorCode, message: string): null => {
    deny(res, status, code, message);
    return null;
  };

  /** POST, same origin when a browser says so, a JSON body within `maxBody`: the body parsed, or null once refused. */
  const readJsonPost = async (
    req: IncomingMessage,
    res: ServerResponse,
    maxBody: number,
    checkSecret: boolean,
  ): Promise<{ body: unknown } | null> => {
    if (req.method !== 'POST') return refuse(res, 405, 'BAD_REQUEST', 'use POST');
    if (checkSecret) {
      const given = req.headers[SECRET_HEADER];
      if (typeof given !== 'string' || !timingSafeEqual(digest(given), secretDigest)) {
        return refuse(res, 403, 'FORBIDDEN', 'missing or wrong kiosk secret');
      }
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, ''))) {
      return refuse(res, 403, 'FORBIDDEN', 'cross-origin call refused');
    }
    // application/json is not a CORS-safelisted type: another page's request needs a preflight, never answered here.
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return refuse(res, 415, 'BAD_REQUEST', 'content-type must be application/json');
    }
    const raw = await readCappedBody(req, maxBody);
    if (!raw) return refuse(res, 413, 'BAD_REQUEST', `request body over ${maxBody} bytes`);
    try {
      return { body: JSON.parse(raw.toString('utf8')) as unknown };
    } catch {
      return refuse(res, 400, 'BAD_REQUEST', 'request body is not JSON');
    }
  };

  const handleApi = async (req: IncomingMessage, res: ServerResponse, method: string): Promise<void> => {
    const def = Object.hasOwn(contract, method) ? (contract as Record<string, { maxRequestBytes?: number }>)[method] : undefined;
    const read = await readJsonPost(req, res, def?.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES, true);
    if (!read) return;
    const out = await opts.dispatcher.dispatch(method, read.body);
    sendJson(res, out.ok ? 200 : STATUS[out.error.code], out);
  };

  /** The page trades its launch nonce, once, for the secret. Neither is ever logged. */
  const handleSession = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const read = await readJsonPost(req, res, MAX_SESSION_BODY_BYTES, false);
    if (!read) return;
    const parsed = WebSessionRequestSchema.safeParse(read.body);
    if (!parsed.success) return deny(res, 400, 'BAD_REQUEST', 'expected {"nonce": "<launch nonce>"}');
    if (!nonces.consume(parsed.data.nonce)) {
      opts.log.warn('webhost.session_refused', { reason: 'unknown, spent or expired launch nonce' });
      return deny(res, 403, 'FORBIDDEN', 'this launch link has expired or was already used; start the kiosk again');
    }
    opts.log.info('webhost.session_started', {});
    sendJson(res, 200, { ok: true, value: { secret } });
  };

  // The app's own files, with byte ranges as the pack's (serveFile). Vite's hashed assets never change under a name.
  const handleStatic = (req: IncomingMessage, res: ServerResponse, path: string): void =>
    serveFile(req, res, opts.staticDir, path, {
      headers: securityHeaders(),
      cacheControl: path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      onReadError: (err) => opts.log.error('webhost.file_read_failed', { path, error: String(err) }),
    });

  const server = createServer((req, res) => {
    if (!allowedHosts().has(String(req.headers.host ?? ''))) {
      deny(res, 421, 'FORBIDDEN', 'unexpected Host header');
      return;
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const api = /^\/api\/([A-Za-z0-9_-]{1,64})$/.exec(path);
    if (api) {
      handleApi(req, res, api[1] as string).catch((err: unknown) => {
        opts.log.error('webhost.api_failed', { error: String(err) });
        if (!res.headersSent) deny(res, 500, 'INTERNAL', 'internal error');
      });
      return;
    }
    if (path.startsWith('/api/')) return deny(res, 404, 'UNKNOWN_CHANNEL', 'unknown channel');
    if (path === WEB_SESSION_PATH) {
      handleSession(req, res).catch((err: unknown) => {
        opts.log.error('webhost.session_failed', { error: String(err) });
        if (!res.headersSent) deny(res, 500, 'INTERNAL', 'internal error');
      });
      return;
    }
    if (path.startsWith('/pack/')) return servePackFile(req, res, opts.packDir?.() ?? null, path, securityHeaders(), opts.log);
    handleStatic(req, res, path);
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const hostPart = host.includes(':') ? `[${host}]` : host;
  const url = `http://${hostPart}:${port}/`;
  opts.log.info('webhost.listening', { url });
  return {
    url,
    issueLaunchUrl: () => `${url}#${LAUNCH_NONCE_PARAM}=${nonces.issue()}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
