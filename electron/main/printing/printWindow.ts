import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BrowserWindow, type BrowserWindowConstructorOptions, type WebContentsPrintOptions } from 'electron';
import type { PrintWindowPort } from '../../../node/kiosk/postcards/electronPrinter';
import { SECURE_WEB_PREFERENCES } from '../security/webPreferences';

/**
 * The hidden window a postcard is printed from: no preload, no Node, sandboxed and isolated, and
 * with JavaScript off, since the page is one image and a style block (electronPrinter.printPageHtml,
 * which carries its own CSP). Its own partition keeps it apart from the kiosk's session
 * (https://www.electronjs.org/docs/latest/tutorial/security#checklist-security-recommendations).
 */
export function printWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    // The page's size comes from @page and the print options; the window only has to exist.
    width: 800,
    height: 600,
    webPreferences: {
      ...SECURE_WEB_PREFERENCES,
      javascript: false,
      devTools: false,
      partition: 'postcard-print',
    },
  };
}

/** The string-valued fields of a printer's platform options. */
function stringFields(options: object | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(options ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/**
 * A PrintWindowPort around a fresh hidden BrowserWindow. The page goes through a file in a private
 * folder under `tmpRoot` (the postcards folder of the data directory, so a visitor's card never
 * leaves it) because Chromium refuses data: URLs over 2 MB; the folder goes with the window.
 */
export function openPrintWindow(tmpRoot: string): PrintWindowPort {
  const win = new BrowserWindow(printWindowOptions());
  let dir: string | null = null;
  return {
    async load(html) {
      dir ??= mkdtempSync(join(tmpRoot, '.print-'));
      const file = join(dir, 'page.html');
      writeFileSync(file, html, { mode: 0o600 });
      await win.loadFile(file);
    },
    print(options) {
      return new Promise((resolve) => {
        // A page that crashes never calls back: fail the job instead of holding the queue until its timeout.
        win.webContents.on('render-process-gone', (_e, d) => resolve({ success: false, failureReason: `the print page's renderer is gone (${d.reason})` }));
        // https://www.electronjs.org/docs/latest/api/web-contents#contentsprintoptions-callback
        win.webContents.print(options as WebContentsPrintOptions, (success, failureReason) => resolve({ success, failureReason: failureReason ?? '' }));
      });
    },
    // PrinterInfo.options is typed as an empty object; on CUPS it carries string fields such as printer-state
    // (https://www.electronjs.org/docs/latest/api/structures/printer-info).
    printers: async () =>
      (await win.webContents.getPrintersAsync()).map((p) => ({ name: p.name, displayName: p.displayName, options: stringFields(p.options) })),
    close() {
      if (!win.isDestroyed()) win.destroy();
      if (dir) rmSync(dir, { recursive: true, force: true });
      dir = null;
    },
  };
}
