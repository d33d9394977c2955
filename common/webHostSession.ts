import { z } from 'zod';

/**
 * The web host's launch handshake, shared by the web host (node/kiosk/webhost) and the renderer's HTTP transport
 * (src/api/transports.ts). The launcher opens the page as `/#n=<nonce>`: the nonce is single-use and expires within
 * a minute, so the process list (where Chromium's command line is readable by every local account) and stdout
 * only ever show something already spent or about to expire. The page trades it once, by `POST /session`, for the
 * per-launch secret, which never leaves the web host except in that response.
 */

/** Every `/api/<method>` call carries the per-launch secret in this header (a custom header forces a CORS preflight). */
export const WEB_SECRET_HEADER = 'x-kiosk-secret';
/** Where the page trades its launch nonce for the secret; outside `/api/`, which belongs to the contract's methods. */
export const WEB_SESSION_PATH = '/session';
/** The fragment parameter of the launch URL that carries the nonce. */
export const LAUNCH_NONCE_PARAM = 'n';
/** How long a launch nonce can be traded. */
export const LAUNCH_NONCE_TTL_MS = 60_000;

export const LaunchNonceSchema = z.string().regex(/^[A-Za-z0-9_-]{22,128}$/, 'not a launch nonce');
export const WebSessionRequestSchema = z.object({ nonce: LaunchNonceSchema }).strict();
export type WebSessionRequest = z.infer<typeof WebSessionRequestSchema>;
export const WebSessionSchema = z.object({ secret: z.string().min(16).max(256) }).strict();
export type WebSession = z.infer<typeof WebSessionSchema>;
