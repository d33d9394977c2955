import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../../../node/kiosk/db/openDatabase';
import { createMemoryLogger } from '../../../../../node/kiosk/logger';
import { createCardStore } from '../../../../../node/kiosk/postcards/cardStore';
import {
  DEFAULT_TIMEOUTS,
  startTakeawayServer,
  type RunningTakeaway,
  type SocketLimits,
  type TakeawayTimeouts,
} from '../../../../../node/kiosk/postcards/takeawayServer';
import { makeTempDir } from '../../../../fixtures/tempDir';

let db: Db;
let cleanup: () => void;
let server: RunningTakeaway;
let log: ReturnType<typeof createMemoryLogger>;
const sockets: Socket[] = [];

async function start(socketLimits: SocketLimits, timeouts: TakeawayTimeouts = DEFAULT_TIMEOUTS): Promise<void> {
  const t = makeTempDir();
  cleanup = t.cleanup;
  log = createMemoryLogger();
  db = openDatabase(join(t.dir, 'kiosk.db'), { log });
  const store = createCardStore({ db, dir: join(t.dir, 'postcards'), log, expiryMs: () => 3_600_000 });
  server = await startTakeawayServer({
    store,
    host: '127.0.0.1',
    port: 0,
    log,
    rateLimit: { capacity: 1000, refillPerSecond: 100 },
    socketLimits,
    timeouts,
  });
}

beforeEach(() => {
  sockets.length = 0;
});
afterEach(async () => {
  for (const s of sockets) s.destroy();
  await server?.close();
  db.close();
  cleanup();
});

/** A raw socket from 127.0.0.1, connected. */
function open(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port: server.port }, () => resolve(s));
    s.once('error', reject);
    sockets.push(s);
  });
}

/** What happens next on the socket: the server closed it without a byte, or answered with this status line. */
function outcome(s: Socket, request?: string): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    s.on('data', (d: Buffer) => {
      data += d.toString();
      if (data.includes('\r\n')) resolve(data.split('\r\n')[0] as string);
    });
    s.once('close', () => resolve(data ? (data.split('\r\n')[0] as string) : 'closed'));
    s.on('error', () => undefined);
    if (request !== undefined) s.write(request);
  });
}

const GET = `GET /c/nothing HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`;

describe('take-away server sockets', () => {
  it('destroys one socket more than a client may hold, and keeps serving the ones it has', async () => {
    await start({ maxConnections: 100, maxPerClient: 3 });
    const held = [await open(), await open(), await open()];
    const extra = await open();
    expect(await outcome(extra, GET)).toBe('closed');
    for (const s of held) expect(await outcome(s, GET)).toBe('HTTP/1.1 404 Not Found');
    expect(log.lines.filter((l) => l.event === 'takeaway.sockets_refused')).toHaveLength(1);
  });

  it('gives the client its place back when one of its sockets closes', async () => {
    await start({ maxConnections: 100, maxPerClient: 1 });
    const first = await open();
    const closed = new Promise((r) => first.once('close', r));
    first.end();
    await closed;
    // The server counts the close on its own side a moment later: a client retries, as a phone's browser does.
    let status = 'closed';
    for (let i = 0; i < 50 && status === 'closed'; i++) status = await outcome(await open(), GET);
    expect(status).toBe('HTTP/1.1 404 Not Found');
  });

  it('refuses sockets beyond maxConnections in all', async () => {
    await start({ maxConnections: 2, maxPerClient: 100 });
    const held = [await open(), await open()];
    expect(await outcome(await open(), GET)).toBe('closed');
    for (const s of held) expect(await outcome(s, GET)).toBe('HTTP/1.1 404 Not Found');
  });

  it('closes a socket whose headers never finish (slowloris)', async () => {
    await start({ maxConnections: 100, maxPerClient: 8 }, { requestMs: 1_000, headersMs: 500, keepAliveMs: 500, checkEveryMs: 100 });
    const slow = await open();
    const started = Date.now();
    // Half a request line, then nothing: the headers timeout answers 408 and closes.
    expect(await outcome(slow, 'GET /c/x HTTP/1.1\r\nHost: 127')).toMatch(/^(HTTP\/1\.1 408|closed)/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
