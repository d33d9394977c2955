import { isIP } from 'node:net';

/**
 * The web host serves the kiosk's private API, so it binds to the loopback interface only.
 * Accepts 127.0.0.0/8 and ::1 literally; names (even "localhost") are refused because they can
 * resolve elsewhere.
 */
export function assertLoopback(host: string): void {
  const v = isIP(host);
  if (v === 4 && /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return;
  if (v === 6 && (host === '::1' || host === '0:0:0:0:0:0:0:1')) return;
  throw new Error(`the web host binds to loopback only (127.0.0.1 or ::1); refusing ${JSON.stringify(host)}`);
}
