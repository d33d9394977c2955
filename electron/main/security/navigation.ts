import type { App, WebContents } from 'electron';
import { APP_ORIGIN, isSameOrigin } from '../appOrigin';

/**
 * True only for a URL on the kiosk's own origin. Everything else (http(s), other hosts or schemes,
 * javascript:, data:, file:, about:blank, chrome:, devtools:, userinfo tricks) stays out.
 */
export function isAllowedNavigation(url: string, appOrigin: string = APP_ORIGIN): boolean {
  return typeof url === 'string' && isSameOrigin(url, appOrigin);
}

interface NavigationEvent {
  url?: string;
  preventDefault(): void;
}

export interface NavigationLog {
  warn(event: string, fields?: Record<string, unknown>): void;
}

/**
 * Denies navigation and new windows outside the app for one webContents
 * (https://www.electronjs.org/docs/latest/tutorial/security#13-disable-or-limit-navigation and
 * #14-disable-or-limit-creation-of-new-windows).
 */
export function guardNavigation(contents: WebContents, log?: NavigationLog): void {
  const deny = (kind: string) => (event: NavigationEvent, legacyUrl?: unknown) => {
    const url = typeof event.url === 'string' ? event.url : String(legacyUrl ?? '');
    if (isAllowedNavigation(url)) return;
    event.preventDefault();
    log?.warn('security.navigation_denied', { kind, url: url.slice(0, 200) });
  };
  contents.on('will-navigate', deny('will-navigate'));
  contents.on('will-redirect', deny('will-redirect'));
  // Also fires for subframes (https://www.electronjs.org/docs/latest/api/web-contents#event-will-frame-navigate).
  contents.on('will-frame-navigate', deny('will-frame-navigate'));
  contents.setWindowOpenHandler(({ url }) => {
    log?.warn('security.window_open_denied', { url: String(url).slice(0, 200) });
    return { action: 'deny' };
  });
  // webviewTag is off already; this refuses any attempt that slips through.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log?.warn('security.webview_denied');
  });
}

/** Applies guardNavigation to every webContents the app ever creates, before it can navigate. */
export function installNavigationGuards(app: App, log?: NavigationLog): void {
  app.on('web-contents-created', (_event, contents) => guardNavigation(contents, log));
}
