import type { App, Session } from 'electron';
import { refuseBluetoothSelection, refuseDeviceRequests } from './devices';
import { installPermissionHandlers } from './permissions';

const secured = new WeakSet<Session>();

/**
 * One policy for every session, the kiosk's and the print window's alike: the permission table
 * (permissions.ts) and no devices (devices.ts). Applying it twice to a session changes nothing.
 * https://www.electronjs.org/docs/latest/tutorial/security#5-handle-session-permission-requests-from-remote-content
 */
export function applySessionPolicy(ses: Session): void {
  if (secured.has(ses)) return;
  secured.add(ses);
  installPermissionHandlers(ses);
  refuseDeviceRequests(ses);
}

/**
 * Applies the policy to the default session now, to every session created later (a partition such as the
 * print window's, https://www.electronjs.org/docs/latest/api/app#event-session-created) and refuses the
 * Bluetooth chooser on every webContents. Call it once `app` is ready.
 */
export function installSessionPolicy(app: App, defaultSession: Session): void {
  applySessionPolicy(defaultSession);
  app.on('session-created', applySessionPolicy);
  app.on('web-contents-created', (_event, contents) => refuseBluetoothSelection(contents));
}
