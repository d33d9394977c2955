import type { Session, WebContents } from 'electron';

/**
 * Every USB class Electron lets a handler protect (https://www.electronjs.org/docs/latest/api/session#sessetusbprotectedclasseshandlerhandler).
 * All of them stay protected: the kiosk's pages never talk to USB devices.
 */
export const USB_CLASSES = ['audio', 'audio-video', 'hid', 'mass-storage', 'smart-card', 'video', 'wireless'] as const;

/**
 * Refuses every WebHID, WebUSB, Web Serial and Web Bluetooth device a page of this session could ask for:
 * the chooser events are answered with "nothing chosen" (preventDefault, else Chromium picks the first device,
 * https://www.electronjs.org/docs/latest/api/session#event-select-hid-device,
 * #event-select-serial-port, #event-select-usb-device), device grants are refused
 * (#sessetdevicepermissionhandlerhandler), every USB class stays protected and Bluetooth pairing is declined
 * (#sessetbluetoothpairinghandlerhandler-windows-linux).
 */
export function refuseDeviceRequests(ses: Session): void {
  ses.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  ses.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  ses.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  ses.setDevicePermissionHandler(() => false);
  ses.setUSBProtectedClassesHandler(() => [...USB_CLASSES]);
  ses.setBluetoothPairingHandler((_details, callback) => callback({ confirmed: false }));
}

/**
 * Web Bluetooth's chooser is a webContents event: an empty id cancels the request; without
 * preventDefault Electron would pick the first device found
 * (https://www.electronjs.org/docs/latest/api/web-contents#event-select-bluetooth-device).
 */
export function refuseBluetoothSelection(contents: WebContents): void {
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
  });
}
