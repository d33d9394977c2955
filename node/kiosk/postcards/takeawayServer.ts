import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP, type AddressInfo, type Socket } from 'node:net';
import type { Logger } from '../logger';
import { extensionOf } from './cardImage';
import type { CardRecord, CardStore } from './cardStore';
import { createRateLimiter, DEFAULT_RATE_LIMIT, type RateLimitOptions } from './rateLimiter';
import { takeawayPage, notFoundPage, PAGE_STYLE } from './takeawayPage';
import { advertisedAddress } from './listenAddress';

export interface TakeawayServerOptions {
  store: CardStore;
  /** An IP literal (see resolveListenAddress). This is the one server allowed off loopback: phones connect to it. */
  host: string;
  port: number;
  /** Where phones reach this server (proxy, hotspot portal); null: http://<host>:<port>. */
  publicBaseUrl?: string | null;
  log: Logger;
  now?: () => number;
  rateLimit?: RateLimitOptions;
  /** Station time zone, for the expiry time printed on the page. */
  timeZone?: string;
  /** Called once per card, on the first GET of its image (the `postcard.picked_up` count). */
  onPickedUp?: (card: CardRecord) => void;
  /** Open sockets, in all and per client (see clientKey); DEFAULT_SOCKET_LIMITS when omitted. */
  socketLimits?: SocketLimits;
  /** DEFAULT_TIMEOUTS when omitted (tests shorten them). */
  timeouts?: TakeawayTimeouts;
  /** Other phone pages this server also serves (the guide's remote), asked before the card routes. */
  routes?: TakeawayRoute;
}

/**
 * Another feature's phone pages: answers a request on a path it owns, or null (a miss: the server's own 404). The
 * path is the raw request target without its query, never decoded. Only GET, HEAD and POST reach it; a POST body
 * is never read (forms post to paths that carry what they mean). Its headers are added to (and may replace) the
 * server's security headers.
 */
export type TakeawayRoute = (req: {
  method: string;
  path: string;
}) => { status: number; body: string; headers: Record<string, string> } | null;

export interface TakeawayTimeouts {
  /** The whole request (https://nodejs.org/api/http.html#serverrequesttimeout). */
  requestMs: number;
  /** The request's headers, from the first byte (https://nodejs.org/api/http.html#serverheaderstimeout). */
  headersMs: number;
  /** An idle keep-alive socket (https://nodejs.org/api/http.html#serverkeepalivetimeout). */
  keepAliveMs: number;
  /** How often Node checks the two above; its default of 30 s would let a slow client stay that long. */
  checkEveryMs: number;
}

/** Phones on a busy Wi-Fi must not hold sockets open for long; a card page is two small requests. */
export const DEFAULT_TIMEOUTS: TakeawayTimeouts = { requestMs: 15_000, headersMs: 10_000, keepAliveMs: 5_000, checkEveryMs: 2_000 };

export interface SocketLimits {
  /** `server.maxConnections`: beyond it Node closes new sockets at once. */
  maxConnections: number;
  /** Open sockets one client (an address, an IPv6 /64) may hold; one more is destroyed on arrival. */
  maxPerClient: number;
}

/**
 * A phone's browser opens up to six sockets per origin (the HTML Living Standard leaves it to the browser;
 * Chromium and Safari use six), so eight per client is never reached by one visitor. A hotspot's NAT puts every
 * phone behind one address, which the per-client cap then shares; 128 in all is far above what a queue of
 * visitors needs and far below the kiosk's file-descriptor limit.
 */
export const DEFAULT_SOCKET_LIMITS: SocketLimits = { maxConnections: 128, maxPerClient: 8 };

export interface RunningTakeaway {
  /** What the server is bound to, e.g. http://192.168.4.1:8780. */
  url: string;
  port: number;
  /** The base of every card URL (publicBaseUrl, or `url`). */
  publicBaseUrl: string;
  cardUrl(token: string): string;
  close(): Promise<void>;
}

const ROUTE = /^\/c\/([A-Za-z0-9_-]{43})(?:\/card\.(jpg|png))?$/;
const styleHash = createHash('sha256').update(PAGE_STYLE).digest('base64');

/** The headers of every response, success or not (https://owasp.org/www-project-secure-headers/). */
const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': `default-src 'none'; img-src 'self'; style-src 'sha256-${styleHash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
  'X-Robots-Tag': 'noindex, nofollow',
};

export const urlHost = (host: string): string => (isIP(host) === 6 ? `[${host}]` : host);

/**
 * Phones group their IPv6 privacy addresses under one /64: count those as one client. IPv4-mapped
 * IPv6 addresses count as their IPv4 address.
 */
export function clientKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1] as string;
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * The take-away server: each finished card at `/c/<token>` (a phone page) and
 * `/c/<token>/card.<jpg|png>` (the image), GET and HEAD only, and nothing else. Every miss (a wrong
 * token, an expired one, a reserved link without a card, any other path) gets the same 404.
 */
export function startTakeawayServer(opts: TakeawayServerOptions): Promise<RunningTakeaway> {
  const { store, log } = opts;
  const now = opts.now ?? Date.now;
  const limiter = createRateLimiter(opts.rateLimit ?? DEFAULT_RATE_LIMIT, now);
  const timeZone = opts.timeZone ?? 'Asia/Shanghai';
  const notFound = Buffer.from(notFoundPage(), 'utf8');

  const send = (
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    body: Buffer,
    headers: Record<string, string | number>,
  ): void => {
    res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Length': body.length, ...headers });
    // HEAD: the same headers, no body (RFC 9110, 9.3.2).
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  const miss = (req: IncomingMessage, res: ServerResponse): void =>
    send(req, res, 404, notFound, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const allowed = limiter.take(clientKey(req.socket.remoteAddress));
    if (!allowed.ok) {
      const body = Buffer.from('Too many requests / 请求过于频繁，请稍后再试\n', 'utf8');
      return send(req, res, 429, body, {
        'Content-Type': 'text/plain; charset=utf-8',
        'Cache-Control': 'no-store',
        'Retry-After': Math.ceil(allowed.retryAfterMs / 1000),
      });
    }
    // The raw target, never decoded: `%2e%2e`, `..` or a backslash cannot match the token alphabet.
    const target = req.url ?? '';
    const q = target.indexOf('?');
    const path = q < 0 ? target : target.slice(0, q);
    if (opts.routes && (req.method === 'GET' || req.method === 'HEAD' || req.method === 'POST')) {
      const answer = opts.routes({ method: req.method, path });
      if (answer) {
        req.resume();
        return send(req, res, answer.status, Buffer.from(answer.body, 'utf8'), answer.headers);
      }
      if (req.method === 'POST') {
        req.resume();
        return miss(req, res);
      }
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(req, res, 405, Buffer.from('Method not allowed\n'), {
        'Content-Type': 'text/plain; charset=utf-8',
        'Cache-Control': 'no-store',
        Allow: 'GET, HEAD',
      });
    }
    const m = ROUTE.exec(path);
    if (!m) return miss(req, res);
    const card = store.find(m[1] as string, 'card');
    if (!card) return miss(req, res);
    const remainingS = Math.max(0, Math.floor((card.expiresAt - now()) / 1000));
    if (!m[2]) {
      const html = Buffer.from(takeawayPage({ token: m[1] as string, card, timeZone }), 'utf8');
      return send(req, res, 200, html, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    }
    if (m[2] !== extensionOf(card.mime)) return miss(req, res);
    let bytes: Buffer;
    try {
      bytes = store.read(card);
    } catch (err) {
      // Deleted under us (a sweep): the same 404 as any other miss.
      log.warn('takeaway.read_failed', { reason: (err as Error).message });
      return miss(req, res);
    }
    send(req, res, 200, bytes, {
      'Content-Type': card.mime,
      // Cached by the phone at most until the link expires.
      'Cache-Control': `private, max-age=${remainingS}`,
      'Content-Disposition': `inline; filename="riverside-postcard.${m[2]}"`,
    });
    if (req.method === 'GET' && store.markPickedUp(card.id)) opts.onPickedUp?.(card);
  };

  const timeouts = opts.timeouts ?? DEFAULT_TIMEOUTS;
  // connectionsCheckingInterval: https://nodejs.org/api/http.html#httpcreateserveroptions-requestlistener
  const server = createServer({ maxHeaderSize: 8192, connectionsCheckingInterval: timeouts.checkEveryMs }, (req, res) => {
    try {
      handle(req, res);
    } catch (err) {
      log.error('takeaway.failed', { error: String((err as Error)?.stack ?? err) });
      if (!res.headersSent) miss(req, res);
      else res.destroy();
    }
  });
  server.requestTimeout = timeouts.requestMs;
  server.headersTimeout = timeouts.headersMs;
  server.keepAliveTimeout = timeouts.keepAliveMs;
  // One phone must not hold thousands of sockets: a cap in all (https://nodejs.org/api/net.html#servermaxconnections)
  // and one per client, counted from 'connection' to 'close' (https://nodejs.org/api/http.html#event-connection).
  const limits = opts.socketLimits ?? DEFAULT_SOCKET_LIMITS;
  server.maxConnections = limits.maxConnections;
  const open = new Map<string, number>();
  let refusedSince = 0;
  let lastRefusalLog = -Infinity;
  server.on('connection', (socket: Socket) => {
    const key = clientKey(socket.remoteAddress);
    const count = open.get(key) ?? 0;
    if (count >= limits.maxPerClient) {
      socket.destroy();
      refusedSince += 1;
      // At most one line a minute, however hard a client tries.
      if (now() - lastRefusalLog >= 60_000) {
        log.warn('takeaway.sockets_refused', { client: key, refused: refusedSince, maxPerClient: limits.maxPerClient });
        lastRefusalLog = now();
        refusedSince = 0;
      }
      return;
    }
    open.set(key, count + 1);
    socket.once('close', () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left > 0) open.set(key, left);
      else open.delete(key);
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(new Error(`the take-away server cannot listen on ${urlHost(opts.host)}:${opts.port}: ${err.code ?? err.message}`)),
    );
    server.listen(opts.port, opts.host, () => {
      const port = (server.address() as AddressInfo).port;
      const url = `http://${urlHost(opts.host)}:${port}`;
      const base = (opts.publicBaseUrl ?? `http://${urlHost(advertisedAddress(opts.host))}:${port}`).replace(/\/+$/, '');
      log.info('takeaway.listening', { url, publicBaseUrl: base });
      resolve({
        url,
        port,
        publicBaseUrl: base,
        cardUrl: (token) => `${base}/c/${token}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
