import type { Session } from 'electron';
import { isAppOrigin } from '../appOrigin';

/**
 * Permission policy: the kiosk grants exactly one thing, the camera (video only, for the smile
 * meter), and only to its own origin's main frame. Everything else, including names Electron adds
 * in later versions, is denied. Electron grants every permission by default, so both handlers
 * must be installed (https://www.electronjs.org/docs/latest/tutorial/security#5-handle-session-permission-requests-from-remote-content).
 */
export interface PermissionQuery {
  permission: string;
  /** The requesting frame's URL (request handler) or origin (check handler). */
  url: string;
  isMainFrame: boolean;
  /** Request handler: the media types asked for. Check handler: one type, or 'unknown'. */
  mediaTypes: readonly string[];
}

export type PermissionRule = 'camera-only-app-main-frame' | 'deny';

/**
 * Every permission name the installed Electron's handlers can pass (the `permission` unions of
 * `setPermissionRequestHandler` and `setPermissionCheckHandler` in node_modules/electron/electron.d.ts)
 * with its rule; a unit test keeps the two in step. Names not listed here are denied as well.
 */
export const PERMISSION_TABLE: Readonly<Record<string, PermissionRule>> = {
  media: 'camera-only-app-main-frame',
  ar: 'deny',
  'automatic-fullscreen': 'deny',
  'background-fetch': 'deny',
  'background-sync': 'deny',
  'captured-surface-control': 'deny',
  'clipboard-read': 'deny',
  'clipboard-sanitized-write': 'deny',
  'deprecated-sync-clipboard-read': 'deny',
  'display-capture': 'deny',
  fileSystem: 'deny',
  // The window is already fullscreen (kiosk mode); the page never needs the Fullscreen API.
  fullscreen: 'deny',
  geolocation: 'deny',
  'geolocation-approximate': 'deny',
  'hand-tracking': 'deny',
  hid: 'deny',
  'idle-detection': 'deny',
  keyboardLock: 'deny',
  'local-fonts': 'deny',
  'local-network': 'deny',
  'local-network-access': 'deny',
  'loopback-network': 'deny',
  mediaKeySystem: 'deny',
  midi: 'deny',
  midiSysex: 'deny',
  nfc: 'deny',
  notifications: 'deny',
  openExternal: 'deny',
  'payment-handler': 'deny',
  'periodic-background-sync': 'deny',
  'persistent-storage': 'deny',
  pointerLock: 'deny',
  // The main process keeps the display awake in opening hours (schedule.ts); the page does not ask.
  'screen-wake-lock': 'deny',
  sensors: 'deny',
  serial: 'deny',
  'smart-card': 'deny',
  'speaker-selection': 'deny',
  'storage-access': 'deny',
  'system-wake-lock': 'deny',
  'top-level-storage-access': 'deny',
  usb: 'deny',
  vr: 'deny',
  'web-app-installation': 'deny',
  'web-printing': 'deny',
  'window-management': 'deny',
  unknown: 'deny',
};

/** The decision, pure. */
export function decidePermission(q: PermissionQuery): boolean {
  const rule = Object.hasOwn(PERMISSION_TABLE, q.permission) ? PERMISSION_TABLE[q.permission] : 'deny';
  if (rule !== 'camera-only-app-main-frame') return false;
  return q.isMainFrame && isAppOrigin(q.url) && q.mediaTypes.length > 0 && q.mediaTypes.every((t) => t === 'video');
}

/** Installs the request and check handlers on a session (devices: devices.ts; both through sessionPolicy.ts). */
export function installPermissionHandlers(ses: Session): void {
  // https://www.electronjs.org/docs/latest/api/session#sessetpermissionrequesthandlerhandler
  ses.setPermissionRequestHandler((_wc, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details && Array.isArray(details.mediaTypes) ? details.mediaTypes : [];
    callback(decidePermission({ permission, url: details.requestingUrl ?? '', isMainFrame: details.isMainFrame === true, mediaTypes }));
  });
  // https://www.electronjs.org/docs/latest/api/session#sessetpermissioncheckhandlerhandler
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) =>
    decidePermission({
      permission,
      url: requestingOrigin,
      isMainFrame: details.isMainFrame === true,
      mediaTypes: details.mediaType ? [details.mediaType] : [],
    }),
  );
}
