import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { WEB_SESSION_PATH, WebSessionSchema } from '../../common/webHostSession';
import { LaunchUrlReplySchema } from '../../node/kiosk/webhost/launchChannel';

/**
 * Starts and stops the web host (`node dist/node/webhost.cjs`, built by `npm run build`) as a launcher does: spawned
 * with an IPC channel for fresh launch URLs, its JSON `webhost.listening` line read from stdout. Used by the
 * end-to-end fixtures (fixtures.ts) and the soak (tests/soak/), which runs outside Playwright Test.
 */
const WEBHOST = resolve(process.env.KIOSK_DIST ?? 'dist', 'node/webhost.cjs');

/** The postcard take-away server as the host reported it at start-up (loopback, any free port in tests). */
export interface TakeawayInfo {
  state: string;
  url: string | null;
  publicBaseUrl: string | null;
  error: string | null;
}

export interface RunningHost {
  child: ChildProcess;
  url: string;
  secret: string;
  takeaway: TakeawayInfo;
}

export interface StartHostOptions {
  /** Extra flags for Node before the script (the soak asks for diagnostic reports on a signal). */
  nodeArgs?: string[];
  /** Extra environment over the defaults below. */
  env?: Record<string, string>;
}

/**
 * POSTs JSON to the web host on a connection of its own (`agent: false` sends `Connection: close`). Node's fetch keeps
 * sockets alive and may reuse one at the moment the host's keep-alive timer closes it, which fails with "fetch failed"
 * (https://github.com/nodejs/undici/issues/3141); on a loaded machine that hit a test's first API call. A browser
 * retries such a request itself; this test client does not have to guess whether a POST may be repeated.
 */
export function postJson(url: string | URL, body: unknown, headers: Record<string, string> = {}): Promise<unknown> {
  const data = Buffer.from(JSON.stringify(body));
  return new Promise((resolveBody, reject) => {
    const req = request(
      url,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': String(data.length), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolveBody(JSON.parse(text));
          } catch {
            reject(new Error(`the web host answered ${res.statusCode} with no JSON: ${text.slice(0, 200)}`));
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/** Trades a launch URL's nonce for the secret, as the page does (src/api/transports.ts). */
async function tradeNonce(launchUrl: string): Promise<string> {
  const url = new URL(launchUrl);
  const nonce = new URLSearchParams(url.hash.slice(1)).get('n');
  const body = (await postJson(new URL(WEB_SESSION_PATH, url), { nonce })) as { ok: boolean; value?: unknown };
  if (!body.ok) throw new Error(`the web host refused its own launch nonce: ${JSON.stringify(body)}`);
  return WebSessionSchema.parse(body.value).secret;
}

let nextRequest = 0;
/** A fresh launch URL from the web host, over the IPC channel it was spawned with. */
export function askLaunchUrl(child: ChildProcess): Promise<string> {
  const id = nextRequest++;
  return new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error('the web host did not answer for a launch URL in 10 s'));
    }, 10_000);
    const onMessage = (message: unknown): void => {
      const reply = LaunchUrlReplySchema.safeParse(message);
      if (!reply.success || reply.data.id !== id) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolveUrl(reply.data.launchUrl);
    };
    child.on('message', onMessage);
    child.send({ type: 'launchUrl', id });
  });
}

export async function startHost(dataDir: string, options: StartHostOptions = {}): Promise<RunningHost> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), WEBHOST], {
    // The take-away server on loopback and any free port, so parallel hosts never meet on the default 8780 or the LAN.
    env: {
      ...process.env,
      KIOSK_DATA_DIR: dataDir,
      KIOSK_WEB_PORT: '0',
      KIOSK_TAKEAWAY_HOST: '127.0.0.1',
      KIOSK_TAKEAWAY_PORT: '0',
      ...(options.env ?? {}),
    },
    // The IPC channel is the launcher's private line for fresh launch URLs (node/kiosk/webhost/launchChannel.ts).
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const started = await new Promise<{ url: string; launchUrl: string; takeaway: TakeawayInfo }>((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start in 15 s: ${stderr}`)), 15_000);
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const msg = JSON.parse(line) as { event?: string; url: string; launchUrl: string; takeaway: TakeawayInfo };
        if (msg.event === 'webhost.listening') {
          clearTimeout(timer);
          resolveStart({ url: msg.url, launchUrl: msg.launchUrl, takeaway: msg.takeaway });
        }
      } catch {
        /* not the JSON line */
      }
    });
  });
  return { child, url: started.url, takeaway: started.takeaway, secret: await tradeNonce(started.launchUrl) };
}

export function stopHost(r: RunningHost): Promise<void> {
  if (r.child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => r.child.kill('SIGKILL'), 5000);
    r.child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    r.child.kill('SIGTERM');
  });
}
