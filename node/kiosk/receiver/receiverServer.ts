import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BucketBatchSchema, HeartbeatSchema } from '../../../common/uploadProtocol';
import type { ReceiverStore, StoredResponse } from './receiverStore';

export interface ReceiverOptions {
  store: ReceiverStore;
  /** Accepted bearer tokens (any of them). */
  tokens: readonly string[];
  host?: string;
  port?: number;
  now?: () => number;
  maxBodyBytes?: number;
}

export interface RunningReceiver {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

const sha256 = (s: string | Buffer): Buffer => createHash('sha256').update(s).digest();

/**
 * The reference receiver of resources/api/upload-openapi.yaml: plain Node http and SQLite. Put it
 * behind a TLS-terminating proxy when it is reached over a network; kiosks only speak https to
 * anything that is not their own loopback.
 */
export function startReceiver(opts: ReceiverOptions): Promise<RunningReceiver> {
  if (opts.tokens.length === 0 || opts.tokens.some((t) => t.length < 8)) throw new RangeError('the receiver needs at least one token of 8 or more characters');
  const now = opts.now ?? Date.now;
  const maxBody = opts.maxBodyBytes ?? 4 * 1024 * 1024;
  const tokenHashes = opts.tokens.map((t) => sha256(t));

  const authorised = (req: IncomingMessage): boolean => {
    const m = /^Bearer ([\x21-\x7e]+)$/.exec(req.headers.authorization ?? '');
    if (!m) return false;
    const h = sha256(m[1] as string);
    // Compare digests in constant time (https://nodejs.org/api/crypto.html#cryptotimingsafeequala-b).
    return tokenHashes.some((t) => timingSafeEqual(t, h));
  };

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
    res.end(text);
  };

  const readBody = (req: IncomingMessage): Promise<Buffer | null> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxBody) {
          resolve(null);
          req.destroy();
          return;
        }
        chunks.push(c);
      });
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
    });

  const handlePost = async (req: IncomingMessage, res: ServerResponse, kind: 'buckets' | 'heartbeat'): Promise<void> => {
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || !/^[\x21-\x7e]{8,200}$/.test(key)) {
      return send(res, 400, { error: 'an Idempotency-Key header (8-200 visible ASCII characters) is required' });
    }
    const raw = await readBody(req);
    if (raw === null) return send(res, 413, { error: `body larger than ${maxBody} bytes` });
    const bodyHash = sha256(raw).toString('hex');
    const scopedKey = `${kind}:${key}`;
    const prior = opts.store.recall(scopedKey, bodyHash);
    if (prior === 'mismatch') return send(res, 422, { error: 'this Idempotency-Key was already used with a different body' });
    if (prior) return send(res, prior.status, prior.body, { 'idempotent-replayed': 'true' });
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      return send(res, 400, { error: 'body is not JSON' });
    }
    const issues = (e: { issues: { path: PropertyKey[]; message: string }[] }) => e.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    let out: StoredResponse;
    if (kind === 'buckets') {
      const p = BucketBatchSchema.safeParse(json);
      if (!p.success) return send(res, 400, { error: 'invalid batch', issues: issues(p.error) });
      // Stored and remembered in one commit: a crash between the two cannot happen.
      out = opts.store.transaction(() => {
        const o = { status: 200, body: JSON.stringify(opts.store.storeBatch(p.data, now())) };
        opts.store.remember(scopedKey, bodyHash, o, now());
        return o;
      });
    } else {
      const p = HeartbeatSchema.safeParse(json);
      if (!p.success) return send(res, 400, { error: 'invalid heartbeat', issues: issues(p.error) });
      out = opts.store.transaction(() => {
        opts.store.storeHeartbeat(p.data, now());
        const o = { status: 200, body: JSON.stringify({ received: true }) };
        opts.store.remember(scopedKey, bodyHash, o, now());
        return o;
      });
    }
    send(res, out.status, out.body);
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://receiver.invalid');
    const route = `${req.method} ${url.pathname}`;
    const run = async (): Promise<void> => {
      if (route === 'GET /v1/health') return send(res, 200, { ok: true });
      if (!['POST /v1/buckets', 'POST /v1/heartbeat', 'GET /v1/totals'].includes(route)) return send(res, 404, { error: `no route ${route}` });
      if (!authorised(req)) return send(res, 401, { error: 'missing or unknown bearer token' }, { 'www-authenticate': 'Bearer realm="riverside-counts"' });
      if (route === 'POST /v1/buckets') return handlePost(req, res, 'buckets');
      if (route === 'POST /v1/heartbeat') return handlePost(req, res, 'heartbeat');
      const q = Object.fromEntries(['stationId', 'kioskId', 'from', 'to'].flatMap((k) => (url.searchParams.get(k) ? [[k, url.searchParams.get(k) as string]] : [])));
      return send(res, 200, { totals: opts.store.totals(q) });
    };
    run().catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, { error: String((err as Error)?.message ?? err) });
      else res.destroy();
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      const host = opts.host ?? '127.0.0.1';
      resolve({
        url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
        port,
        server,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}
