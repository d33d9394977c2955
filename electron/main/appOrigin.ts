/**
 * The kiosk's one origin: `app://kiosk`, a privileged standard scheme served by appProtocol.ts.
 *
 * Node's WHATWG URL gives non-special schemes an opaque origin (`new URL('app://kiosk/').origin`
 * is `"null"`), while Chromium treats a registered standard scheme like http. So origins are
 * compared field by field here: scheme, host, no port and no userinfo (`app://kiosk@evil.com/`
 * has host `evil.com`).
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/`;

/** The hidden print window's pages: `kiosk-print://page/<id>`, served from memory on its own session only (printing/printWindow.ts). */
export const PRINT_SCHEME = 'kiosk-print';
export const PRINT_HOST = 'page';

/**
 * True when `url` parses and has exactly the scheme, host and port of `origin`, and no userinfo.
 * Hosts compare case-insensitively, as Chromium lower-cases them for standard schemes.
 */
export function isSameOrigin(url: string, origin: string): boolean {
  let u: URL;
  let o: URL;
  try {
    u = new URL(url);
    o = new URL(origin);
  } catch {
    return false;
  }
  return (
    u.protocol === o.protocol &&
    u.hostname !== '' &&
    u.hostname.toLowerCase() === o.hostname.toLowerCase() &&
    u.port === o.port &&
    u.username === '' &&
    u.password === ''
  );
}

/** True when `url` belongs to exactly `app://kiosk`. */
export function isAppOrigin(url: string): boolean {
  return isSameOrigin(url, APP_ORIGIN);
}

/** The maintenance screen (public/maintenance.html) with what happened in its query string. */
export function maintenanceUrl(reason: string, detail?: string): string {
  const q = new URLSearchParams({ reason });
  if (detail) q.set('detail', detail.slice(0, 300));
  return `${APP_ORIGIN}/maintenance.html?${q.toString()}`;
}
