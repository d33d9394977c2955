import { ResponseEnvelopeSchema, type KioskBridge, type MethodName } from '../../common/contract';
import { LAUNCH_NONCE_PARAM, LaunchNonceSchema, WEB_SECRET_HEADER, WEB_SESSION_PATH, WebSessionSchema } from '../../common/webHostSession';
import type { Transport } from './kioskClient';

declare global {
  interface Window {
    /** Exposed by electron/preload when running inside Electron. */
    kiosk?: KioskBridge;
  }
}

/** Inside Electron: each method is a named function of the preload bridge. */
export function bridgeTransport(bridge: KioskBridge): Transport {
  return (method, payload, token) => (bridge[method] as (p: unknown, t?: string) => ReturnType<KioskBridge[MethodName]>)(payload, token);
}

const STORAGE_KEY = 'kiosk.webhost.secret';

/**
 * In the web host the launcher opens the page as `/#n=<nonce>` (common/webHostSession.ts). The nonce leaves the
 * address bar at once and is traded, once, for the per-launch secret, which is kept in sessionStorage: a reload,
 * or a second visit of the spent launch URL in the same tab, goes on with the stored secret.
 */
export async function obtainWebSecret(
  loc: Location = window.location,
  storage: Storage = window.sessionStorage,
  post: typeof fetch = (input, init) => fetch(input, init),
): Promise<string | null> {
  const m = new RegExp(`(?:^#|&)${LAUNCH_NONCE_PARAM}=([^&]+)`).exec(loc.hash);
  if (m) {
    history.replaceState(null, '', loc.pathname + loc.search);
    const secret = await exchangeNonce(decodeURIComponent(m[1] as string), post);
    if (secret) {
      storage.setItem(STORAGE_KEY, secret);
      return secret;
    }
  }
  return storage.getItem(STORAGE_KEY);
}

/** The secret for a launch nonce, or null when the web host refuses it (spent, expired) or cannot be reached. */
async function exchangeNonce(raw: string, post: typeof fetch): Promise<string | null> {
  const nonce = LaunchNonceSchema.safeParse(raw);
  if (!nonce.success) return null;
  try {
    const res = await post(WEB_SESSION_PATH, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ nonce: nonce.data }),
    });
    const envelope = ResponseEnvelopeSchema.safeParse(await res.json());
    if (!envelope.success || !envelope.data.ok) return null;
    const session = WebSessionSchema.safeParse(envelope.data.value);
    return session.success ? session.data.secret : null;
  } catch {
    return null;
  }
}

/** `POST /api/<method>` with the per-launch secret, once it is known. */
export function httpTransport(secret: string | Promise<string>, base = ''): Transport {
  return async (method, payload, operatorToken) => {
    const res = await fetch(`${base}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [WEB_SECRET_HEADER]: await secret },
      body: JSON.stringify(operatorToken ? { payload, operatorToken } : { payload }),
    });
    return (await res.json()) as Awaited<ReturnType<Transport>>;
  };
}

/** Picks the transport for wherever the renderer is running. */
export function detectTransport(): Transport {
  if (window.kiosk) return bridgeTransport(window.kiosk);
  const secret = obtainWebSecret().then((s) => {
    if (!s)
      throw new Error('no kiosk bridge and no web host session: the launch link has expired or was already used; start the kiosk again');
    return s;
  });
  // Every call awaits (and reports) the failure; this keeps it from counting as unhandled before the first call.
  secret.catch(() => undefined);
  return httpTransport(secret);
}
