import { isIP } from 'node:net';

/**
 * KIOSK_TAKEAWAY_HOST / KIOSK_TAKEAWAY_PORT: the take-away server's bind address and port in place
 * of the operator's settings, for tests and for a station where a service manager fixes them
 * (port 0: any free port). Both shells read them the same way. A value that is not an IP literal
 * or a port is refused at start-up rather than silently ignored.
 */
export function takeawayOverridesFromEnv(env: NodeJS.ProcessEnv = process.env): { host?: string; port?: number } {
  const out: { host?: string; port?: number } = {};
  const host = env.KIOSK_TAKEAWAY_HOST?.trim();
  if (host) {
    if (!isIP(host)) throw new Error(`KIOSK_TAKEAWAY_HOST must be an IP address, got "${host}"`);
    out.host = host;
  }
  const port = env.KIOSK_TAKEAWAY_PORT?.trim();
  if (port) {
    const n = Number(port);
    if (!/^\d+$/.test(port) || n > 65535) throw new Error(`KIOSK_TAKEAWAY_PORT must be a port number 0-65535, got "${port}"`);
    out.port = n;
  }
  return out;
}
