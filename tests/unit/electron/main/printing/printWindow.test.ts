import { beforeEach, describe, expect, it, vi } from 'vitest';
import { POSTCARD_SETTINGS_DEFAULT } from '../../../../../common/postcardSettings';
import { openPrintWindow, printWindowOptions } from '../../../../../electron/main/printing/printWindow';
import { createElectronPrinter } from '../../../../../node/kiosk/postcards/electronPrinter';
import { PrintError, type PrintRequest } from '../../../../../node/kiosk/postcards/printQueue';
import { app, BrowserWindow, mockState, resetElectronMock, session } from '../../../../mocks/electron';
import { makeJpeg } from '../../../../fixtures/postcards/cardImages';

vi.mock('electron', () => import('../../../../mocks/electron'));

const image = makeJpeg(300, 203);
const req = (over: Partial<PrintRequest> = {}): PrintRequest => ({
  jobId: 'j',
  image,
  mime: 'image/jpeg',
  width: 1748,
  height: 1181,
  pageSize: POSTCARD_SETTINGS_DEFAULT.pageSize,
  printerName: 'Canon_SELPHY',
  outputName: 'x.pdf',
  ...over,
});
const printer = (name: string, options: Record<string, string> = { 'printer-state': '3', 'printer-state-reasons': 'none' }) => ({
  name,
  displayName: name.replace(/_/g, ' '),
  description: '',
  options,
});
const reasonOf = (p: Promise<unknown>) =>
  p.then(
    () => 'printed',
    (e: unknown) => (e instanceof PrintError ? e.reason : `not a PrintError: ${String(e)}`),
  );

beforeEach(async () => {
  resetElectronMock();
  // Sessions (the print window's partition) exist only once the app is ready, as in Electron.
  await app.whenReady();
});

describe('the hidden print window', () => {
  it('is hidden, sandboxed, isolated, without Node or JavaScript, in its own partition', () => {
    const o = printWindowOptions();
    expect(o.show).toBe(false);
    expect(o.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      javascript: false,
      devTools: false,
      partition: 'postcard-print',
    });
    expect(o.webPreferences).not.toHaveProperty('preload');
  });

  it('prints the card silently to the named printer at 148 x 100 mm in microns, margins none, then destroys the window and forgets its page', async () => {
    mockState.printers = [printer('Canon_SELPHY'), printer('Office')];
    await createElectronPrinter(() => openPrintWindow()).print(req());
    const win = BrowserWindow.last();
    expect(win.options).toEqual(printWindowOptions());
    expect(win.visible).toBe(false);
    expect(win.webContents.prints).toEqual([
      {
        silent: true,
        printBackground: true,
        color: true,
        deviceName: 'Canon_SELPHY',
        landscape: true,
        margins: { marginType: 'none' },
        pageSize: { width: 100_000, height: 148_000 },
      },
    ]);
    // The page came from memory over the print session's own scheme (never file: or data:), with a strict CSP, also as a header, and no
    // script.
    expect(win.webContents.loadedFiles).toEqual([]);
    expect(win.webContents.loads).toHaveLength(1);
    expect(win.webContents.loads[0]).toMatch(/^kiosk-print:\/\/page\/[0-9a-f-]{36}$/);
    const [page] = win.webContents.served;
    expect(page?.status).toBe(200);
    expect(page?.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page?.headers['content-security-policy']).toMatch(
      /^default-src 'none'; img-src data:; style-src 'sha256-[A-Za-z0-9+/=]+'; base-uri 'none'; form-action 'none'$/,
    );
    expect(page?.text).toContain(`content="${page?.headers['content-security-policy']}"`);
    expect(page?.text).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'sha256-[A-Za-z0-9+/=]+'; base-uri 'none'; form-action 'none'">/,
    );
    expect(page?.text).toContain(`data:image/jpeg;base64,${image.toString('base64')}`);
    expect(page?.text).not.toMatch(/<script/i);
    expect(win.isDestroyed()).toBe(true);
    // Once the window is gone, its page is gone too.
    const again = await win.webContents.session.protocol.handlers.get('kiosk-print')!(new Request(win.webContents.loads[0]!));
    expect(again.status).toBe(404);
  });

  it("serves print pages on the print partition only, under the kiosk's permission and device policy", async () => {
    const port = openPrintWindow();
    await port.load('<!doctype html><p>x</p>');
    const win = BrowserWindow.last();
    const ses = win.webContents.session;
    expect(ses).toBe(session.fromPartition('postcard-print'));
    expect(ses).not.toBe(session.defaultSession);
    // A page without its own CSP still gets default-src 'none'.
    expect(win.webContents.served[0]).toMatchObject({ status: 200, headers: { 'content-security-policy': "default-src 'none'" } });
    expect(session.defaultSession.protocol.isProtocolHandled('kiosk-print')).toBe(false);
    // The same table as the kiosk: nothing for this origin, not even the camera; no device chooser hands a device over.
    expect(
      await ses.request(win.webContents, 'media', { requestingUrl: win.webContents.loads[0], isMainFrame: true, mediaTypes: ['video'] }),
    ).toBe(false);
    expect(await ses.request(win.webContents, 'notifications', { requestingUrl: win.webContents.loads[0], isMainFrame: true })).toBe(false);
    expect(ses.permissionCheckHandler?.(win.webContents, 'geolocation', 'kiosk-print://page', { isMainFrame: true })).toBe(false);
    expect(ses.selectDevice('hid', ['d'])).toBeUndefined();
    expect(ses.devicePermissionHandler?.({ deviceType: 'usb' })).toBe(false);
    // Unknown pages, other hosts and other methods are refused.
    const serve = ses.protocol.handlers.get('kiosk-print')!;
    const id = win.webContents.loads[0]!.split('/').at(-1)!;
    expect((await serve(new Request(`kiosk-print://other/${id}`))).status).toBe(404);
    expect((await serve(new Request(`kiosk-print://page/${id}`, { method: 'POST', body: 'x' }))).status).toBe(404);
    expect((await serve(new Request('kiosk-print://page/not-a-page'))).status).toBe(404);
    // A second window reuses the session and its one handler.
    openPrintWindow().close();
    port.close();
  });

  it("maps Chromium's failure and the printer's state to the queue's reasons, always cleaning up", async () => {
    const print = () => reasonOf(createElectronPrinter(() => openPrintWindow()).print(req()));
    mockState.printers = [printer('Canon_SELPHY')];
    mockState.printResult = { success: false, failureReason: 'Print job failed' };
    expect(await print()).toBe('other');
    mockState.printResult = { success: false, failureReason: 'Invalid printer settings' };
    expect(await print()).toBe('printer_offline');
    mockState.printResult = { success: true, failureReason: '' };
    mockState.printers = [printer('Canon_SELPHY', { 'printer-state': '3', 'printer-state-reasons': 'media-empty-error' })];
    expect(await print()).toBe('paper_out');
    mockState.printers = [printer('Canon_SELPHY', { 'printer-state': '5', 'printer-state-reasons': 'offline-report' })];
    expect(await print()).toBe('printer_offline');
    mockState.printers = [printer('Office')];
    expect(await print()).toBe('printer_offline');
    // No name: the system default prints; a stopped printer that is not known to be the default does not block it.
    mockState.printers = [printer('Other', { 'printer-state': '5', 'printer-state-reasons': 'offline-report' }), printer('Office')];
    expect(await reasonOf(createElectronPrinter(() => openPrintWindow()).print(req({ printerName: '' })))).toBe('printed');
    expect(BrowserWindow.last().webContents.prints[0]).not.toHaveProperty('deviceName');
    // Neither state problem reached webContents.print; every window is gone.
    expect(BrowserWindow.instances.map((w) => w.webContents.prints.length)).toEqual([1, 1, 0, 0, 0, 1]);
    expect(BrowserWindow.instances.every((w) => w.isDestroyed())).toBe(true);
  });

  it('lists the printers with their state for the operator screen', async () => {
    mockState.printers = [printer('Canon_SELPHY'), printer('Office', { 'printer-state': '3', 'printer-state-reasons': 'media-needed' })];
    const list = await createElectronPrinter(() => openPrintWindow()).printers?.();
    expect(list).toEqual({
      printers: [
        { name: 'Canon_SELPHY', displayName: 'Canon SELPHY', isDefault: false, state: 'ready', detail: null },
        { name: 'Office', displayName: 'Office', isDefault: false, state: 'paper_out', detail: 'the printer reports media-needed' },
      ],
      note: null,
    });
    expect(BrowserWindow.last().isDestroyed()).toBe(true);
  });

  it('fails the job when the print page crashes instead of waiting for a callback that never comes', async () => {
    mockState.printers = [printer('Canon_SELPHY')];
    const port = openPrintWindow();
    await port.load('<!doctype html><p>x</p>');
    const win = BrowserWindow.last();
    // Chromium gone before the callback: the mock's callback comes on the next turn, the crash now.
    const result = port.print({
      silent: true,
      printBackground: true,
      color: true,
      landscape: true,
      margins: { marginType: 'none' },
      pageSize: { width: 100_000, height: 148_000 },
    });
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(await result).toEqual({ success: false, failureReason: "the print page's renderer is gone (crashed)" });
    port.close();
    expect(win.isDestroyed()).toBe(true);
  });
});
