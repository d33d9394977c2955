import { describe, expect, it } from 'vitest';
import { POSTCARD_SETTINGS_DEFAULT } from '../../../../../common/postcardSettings';
import {
  createElectronPrinter,
  printPageHtml,
  silentPrintOptions,
  type PrinterInfoLike,
  type PrintWindowPort,
  type SilentPrintOptions,
} from '../../../../../node/kiosk/postcards/electronPrinter';
import { PrintError, type PrintRequest } from '../../../../../node/kiosk/postcards/printQueue';
import { makeJpeg } from '../../../../fixtures/postcards/cardImages';

/** Records what the printer does with the hidden window; answers like Electron's webContents would. */
function fakeWindow(printers: PrinterInfoLike[], result = { success: true, failureReason: '' }) {
  const seen = { html: '', options: null as SilentPrintOptions | null, closed: false };
  const port: PrintWindowPort = {
    load: async (html) => void (seen.html = html),
    print: async (o) => ((seen.options = o), result),
    printers: async () => printers,
    close: () => void (seen.closed = true),
  };
  return { port, seen };
}

const image = makeJpeg(296, 200);
const req = (over: Partial<PrintRequest> = {}): PrintRequest => ({
  jobId: 'j',
  image,
  mime: 'image/jpeg',
  width: 1748,
  height: 1181,
  pageSize: POSTCARD_SETTINGS_DEFAULT.pageSize,
  printerName: '',
  outputName: 'x.pdf',
  ...over,
});
const reasonOf = (p: Promise<unknown>) =>
  p.then(
    () => 'printed',
    (e: unknown) => (e instanceof PrintError ? e.reason : `not a PrintError: ${String(e)}`),
  );

describe('Electron silent printer', () => {
  it('prints the card silently at 148 x 100 mm in microns, turned to landscape, on the named printer', async () => {
    const w = fakeWindow([
      { name: 'Canon_SELPHY', options: { 'printer-state': '3', 'printer-state-reasons': 'none' } },
      { name: 'Office', isDefault: true },
    ]);
    await createElectronPrinter(() => w.port).print(req({ printerName: 'Canon_SELPHY' }));
    expect(w.seen.options).toEqual({
      silent: true,
      printBackground: true,
      color: true,
      deviceName: 'Canon_SELPHY',
      landscape: true,
      margins: { marginType: 'none' },
      pageSize: { width: 100_000, height: 148_000 },
    });
    expect(w.seen.html).toContain('@page{size:148mm 100mm;margin:0}');
    expect(w.seen.html).toContain(`src="data:image/jpeg;base64,${image.toString('base64')}"`);
    expect(w.seen.html).not.toMatch(/<script/i);
    expect(w.seen.closed).toBe(true);
  });

  it('uses the default printer when none is named, and a portrait card keeps a portrait page', () => {
    expect(silentPrintOptions({ pageSize: { widthMm: 148, heightMm: 100 }, printerName: '', width: 1181, height: 1748 })).toMatchObject({
      landscape: false,
      pageSize: { width: 100_000, height: 148_000 },
    });
    expect(silentPrintOptions({ pageSize: { widthMm: 148, heightMm: 100 }, printerName: '', width: 10, height: 10 })).not.toHaveProperty(
      'deviceName',
    );
    expect(printPageHtml({ image, mime: 'image/png', pageSize: { widthMm: 148, heightMm: 100 }, width: 1181, height: 1748 })).toContain(
      'size:100mm 148mm',
    );
  });

  it('fails as printer offline when the printer is missing or stopped, and as paper out when CUPS says so, without printing', async () => {
    const missing = fakeWindow([{ name: 'Office' }]);
    await expect(createElectronPrinter(() => missing.port).print(req({ printerName: 'Canon_SELPHY' }))).rejects.toThrow(
      /no printer named "Canon_SELPHY" \(have: Office\)/,
    );
    expect(await reasonOf(createElectronPrinter(() => fakeWindow([]).port).print(req()))).toBe('printer_offline');
    const stopped = fakeWindow([
      { name: 'P', isDefault: true, options: { 'printer-state': '5', 'printer-state-reasons': 'offline-report' } },
    ]);
    expect(await reasonOf(createElectronPrinter(() => stopped.port).print(req()))).toBe('printer_offline');
    const empty = fakeWindow([
      { name: 'P', isDefault: true, options: { 'printer-state': '3', 'printer-state-reasons': 'media-empty-error' } },
    ]);
    expect(await reasonOf(createElectronPrinter(() => empty.port).print(req()))).toBe('paper_out');
    for (const w of [missing, stopped, empty]) {
      expect(w.seen.options).toBeNull();
      expect(w.seen.closed).toBe(true);
    }
  });

  it("maps Chromium's failure reason", async () => {
    const failed = fakeWindow([{ name: 'P', isDefault: true }], { success: false, failureReason: 'Invalid printer settings' });
    expect(await reasonOf(createElectronPrinter(() => failed.port).print(req()))).toBe('printer_offline');
    const cancelled = fakeWindow([{ name: 'P', isDefault: true }], { success: false, failureReason: 'Print job canceled' });
    expect(await reasonOf(createElectronPrinter(() => cancelled.port).print(req()))).toBe('other');
    expect(cancelled.seen.closed).toBe(true);
  });
});
