import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installPrinting } from '../../../../../electron/main/printing/installPrinting';
import { createMemoryLogger } from '../../../../../node/kiosk/logger';
import { createServices, type Services } from '../../../../../node/kiosk/services';
import { app, BrowserWindow, mockState, resetElectronMock } from '../../../../mocks/electron';
import { makeTempDir } from '../../../../fixtures/tempDir';

vi.mock('electron', () => import('../../../../mocks/electron'));

let services: Services;
let tmp: ReturnType<typeof makeTempDir>;
beforeEach(async () => {
  resetElectronMock();
  // Sessions (the print window's partition) exist only once the app is ready, as in Electron.
  await app.whenReady();
  tmp = makeTempDir('install-printing-');
  services = createServices({ dataDir: join(tmp.dir, 'data'), appVersion: '9.9.9', runtime: 'electron', log: createMemoryLogger() });
});
afterEach(() => {
  services.close();
  tmp.cleanup();
});

describe('installPrinting', () => {
  it('puts the silent Electron printer behind the print queue: a test print reaches webContents.print and the queue says done', async () => {
    mockState.printers = [{ name: 'Canon_SELPHY', displayName: 'Canon SELPHY', description: '', options: { 'printer-state': '3' } }];
    services.exhibitConfig.set('postcard', {
      ...services.exhibitConfig.get('postcard').value,
      printerName: 'Canon_SELPHY',
      pageSize: { widthMm: 152, heightMm: 102 },
    });
    installPrinting(services.postcards, services.log);
    expect(services.postcards.printerKind).toBe('electron');
    const job = services.postcards.queue.enqueueTest();
    await services.postcards.queue.idle();
    expect(services.postcards.queue.get(job.id)).toMatchObject({ status: 'done', reason: null });
    expect(BrowserWindow.last().webContents.prints[0]).toMatchObject({
      silent: true,
      deviceName: 'Canon_SELPHY',
      pageSize: { width: 102_000, height: 152_000 },
    });
    expect(await services.postcards.listPrinters()).toMatchObject({ printers: [{ name: 'Canon_SELPHY', state: 'ready' }], note: null });
  });

  it('a paper-out failure shows in the queue with its reason', async () => {
    mockState.printers = [{ name: 'P', displayName: 'P', description: '', options: { 'printer-state': '3' } }];
    services.exhibitConfig.set('postcard', { ...services.exhibitConfig.get('postcard').value, printerName: 'P' });
    mockState.printResult = { success: false, failureReason: 'Out of paper' };
    installPrinting(services.postcards, services.log);
    const job = services.postcards.queue.enqueueTest();
    await services.postcards.queue.idle();
    expect(services.postcards.queue.get(job.id)).toMatchObject({ status: 'failed', reason: 'paper_out', message: 'Out of paper' });
  });

  it('removes page files a crash left behind (they hold a visitor card) and nothing else', () => {
    const printDir = services.postcards.store.printDir;
    mkdirSync(join(printDir, '.print-abc'));
    writeFileSync(join(printDir, '.print-abc', 'page.html'), '<img>');
    writeFileSync(join(printDir, 'test-1-x.pdf'), '%PDF');
    installPrinting(services.postcards, services.log);
    expect(existsSync(join(printDir, '.print-abc'))).toBe(false);
    expect(existsSync(join(printDir, 'test-1-x.pdf'))).toBe(true);
  });
});
