/**
 * The Content-Security-Policy of every page the kiosk shows, sent as a response header by the
 * Electron app protocol and by the web host (https://www.electronjs.org/docs/latest/tutorial/security#7-define-a-content-security-policy).
 *
 * - `'wasm-unsafe-eval'` is the one relaxation: tfjs's wasm backend (face-api on machines without
 *   WebGL) compiles WebAssembly, which CSP otherwise forbids. No `'unsafe-eval'`, no `'unsafe-inline'`.
 * - `blob:` for workers, images and media: postcards are composed in a worker and shown as blobs.
 * - `worker-src 'self'`: the smile meter's camera workers are module workers loaded from the app itself; they fetch
 *   their model weights and wasm binaries same-origin (`connect-src 'self'`), never from a CDN.
 * - `connect-src 'self'`: the web host's API is same-origin; nothing else is ever reached.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers sent with every page and asset. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(self), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
  };
}
