import { beforeEach, describe, expect, it, vi } from 'vitest';
import { USB_CLASSES } from '../../../../../electron/main/security/devices';
import { applySessionPolicy, installSessionPolicy } from '../../../../../electron/main/security/sessionPolicy';
import { app, BrowserWindow, resetElectronMock, session, type Session } from '../../../../mocks/electron';

vi.mock('electron', () => import('../../../../mocks/electron'));

const DEVICES = ['dev-1', 'dev-2'];

/** Everything a page could get from a session: the camera where allowed, and any device. */
async function exposure(ses: Session) {
  return {
    camera: await ses.request(null, 'media', { requestingUrl: 'app://kiosk/', isMainFrame: true, mediaTypes: ['video'] }),
    notifications: await ses.request(null, 'notifications', { requestingUrl: 'app://kiosk/', isMainFrame: true }),
    hid: ses.selectDevice('hid', DEVICES),
    usb: ses.selectDevice('usb', DEVICES),
    serial: ses.selectDevice('serial', DEVICES),
    deviceGrant: ses.devicePermissionHandler?.({ deviceType: 'usb', origin: 'app://kiosk', device: {} }) ?? 'no handler',
    usbProtected: ses.usbProtectedClassesHandler?.({ protectedClasses: ['audio'] }) ?? 'no handler',
    pairing: ses.bluetoothPairingHandler
      ? await new Promise((resolve) => ses.bluetoothPairingHandler!({ deviceId: 'dev-1', pairingKind: 'confirm' }, resolve))
      : 'no handler',
  };
}

const REFUSED = {
  camera: true,
  notifications: false,
  hid: undefined,
  usb: undefined,
  serial: undefined,
  deviceGrant: false,
  usbProtected: [...USB_CLASSES],
  pairing: { confirmed: false },
};

describe('the session policy', () => {
  beforeEach(async () => {
    resetElectronMock();
    await app.whenReady();
  });

  it('a session the policy was applied to grants only the camera and refuses every device chooser and grant', async () => {
    // An HID/USB chooser listener that forgot preventDefault() would hand over the first device: not here.
    const ses = session.fromPartition('somewhere');
    applySessionPolicy(ses as never);
    expect(await exposure(ses)).toEqual(REFUSED);
    // Applying it again adds no second set of listeners.
    applySessionPolicy(ses as never);
    expect(ses.listenerCount('select-hid-device')).toBe(1);
  });

  it('covers the default session and every session created later, such as a window partition', async () => {
    installSessionPolicy(app as never, session.defaultSession as never);
    expect(await exposure(session.defaultSession)).toEqual(REFUSED);
    const win = new BrowserWindow({ show: false, webPreferences: { partition: 'postcard-print' } });
    expect(win.webContents.session).toBe(session.fromPartition('postcard-print'));
    expect(await exposure(win.webContents.session)).toEqual(REFUSED);
  });

  it('cancels the Bluetooth chooser of every webContents', () => {
    installSessionPolicy(app as never, session.defaultSession as never);
    const win = new BrowserWindow({ show: false });
    expect(win.webContents.selectBluetoothDevice(DEVICES)).toBeUndefined();
    expect(win.webContents.listenerCount('select-bluetooth-device')).toBe(1);
  });

  it('without the policy the fake gives the devices away, so the checks above can fail', async () => {
    const ses = session.fromPartition('bare');
    ses.on('select-hid-device', (_e: unknown, _d: unknown, cb: (id?: string) => void) => cb('dev-2'));
    expect(ses.selectDevice('hid', DEVICES)).toBe('dev-1');
    expect(await ses.request(null, 'notifications', { requestingUrl: 'app://kiosk/', isMainFrame: true })).toBe(true);
  });
});
