import type { KioskBridge, MethodName } from '../../common/contract';
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

export const SECRET_HEADER = 'x-kiosk-secret';
const STORAGE_KEY = 'kiosk.webhost.secret';

/**
 * In the web host: `POST /api/<method>` with the per-launch secret. The launcher opens the page as
 * `/#k=<secret>`; the secret is moved to sessionStorage (so a reload keeps it) and removed from the URL.
 */
export function readLaunchSecret(loc: Location = window.location, storage: Storage = window.sessionStorage): string | null {
  const m = /(?:^#|&)k=([^&]+)/.exec(loc.hash);
  if (m) {
    const secret = decodeURIComponent(m[1] as string);
    storage.setItem(STORAGE_KEY, secret);
    history.replaceState(null, '', loc.pathname + loc.search);
    return secret;
  }
  return storage.getItem(STORAGE_KEY);
}

export function httpTransport(secret: string, base = ''): Transport {
  return async (method, payload, operatorToken) => {
    const res = await fetch(`${base}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [SECRET_HEADER]: secret },
      body: JSON.stringify(operatorToken ? { payload, operatorToken } : { payload }),
    });
    return (await res.json()) as Awaited<ReturnType<Transport>>;
  };
}

/** Picks the transport for wherever the renderer is running. */
export function detectTransport(): Transport {
  if (window.kiosk) return bridgeTransport(window.kiosk);
  const secret = readLaunchSecret();
  if (!secret) throw new Error('no kiosk bridge and no web host secret: open the launch URL printed by the web host');
  return httpTransport(secret);
}
