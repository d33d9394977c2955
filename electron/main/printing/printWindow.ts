import { randomUUID } from 'node:crypto';
import { session, type BrowserWindowConstructorOptions, type Session, type WebContentsPrintOptions } from 'electron';
import type { PrintWindowPort } from '../../../node/kiosk/postcards/electronPrinter';
import { PRINT_HOST, PRINT_SCHEME } from '../appOrigin';
import { createSecureWindow } from '../security/createSecureWindow';
import { applySessionPolicy } from '../security/sessionPolicy';
import { SECURE_WEB_PREFERENCES } from '../security/webPreferences';

/** The print window's own in-memory session, kept apart from the kiosk's. */
export const PRINT_PARTITION = 'postcard-print';

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
      partition: PRINT_PARTITION,
    },
  };
}

/** Pages being printed, by id; a page leaves when its window closes. Nothing is written to disk. */
const pages = new Map<string, string>();

const PAGE_CSP = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/;

/**
 * Answers `kiosk-print://page/<id>` with that page, its own CSP repeated as a header (a page without one
 * gets `default-src 'none'`); anything else is a 404. Never a file: the custom scheme replaces file://
 * (https://www.electronjs.org/docs/latest/tutorial/security#18-avoid-usage-of-the-file-protocol-and-prefer-usage-of-custom-protocols).
 */
export function servePrintPage(req: Request): Response {
  const url = new URL(req.url);
  const html = req.method === 'GET' && url.hostname === PRINT_HOST && !url.search ? pages.get(url.pathname.slice(1)) : undefined;
  const base = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };
  if (html === undefined)
    return new Response('not found', {
      status: 404,
      headers: { ...base, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': "default-src 'none'" },
    });
  const csp = PAGE_CSP.exec(html)?.[1] ?? "default-src 'none'";
  return new Response(html, {
    status: 200,
    headers: { ...base, 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': csp },
  });
}

/**
 * The print partition's session with the kiosk's permission and device policy and the `kiosk-print`
 * handler (https://www.electronjs.org/docs/latest/api/session#sesprotocol-readonly). After `ready`.
 */
export function printSession(): Session {
  const ses = session.fromPartition(PRINT_PARTITION);
  applySessionPolicy(ses);
  if (!ses.protocol.isProtocolHandled(PRINT_SCHEME)) ses.protocol.handle(PRINT_SCHEME, servePrintPage);
  return ses;
}

/** The string-valued fields of a printer's platform options. */
function stringFields(options: object | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(options ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/**
 * A PrintWindowPort around a fresh hidden BrowserWindow. The page is served from memory through
 * `kiosk-print://` (a data: URL over 2 MB, the size of a card inlined as base64, is refused by Chromium)
 * and forgotten when the window closes.
 */
export function openPrintWindow(): PrintWindowPort {
  printSession();
  const win = createSecureWindow(printWindowOptions());
  const id = randomUUID();
  return {
    async load(html) {
      pages.set(id, html);
      await win.loadURL(`${PRINT_SCHEME}://${PRINT_HOST}/${id}`);
    },
    print(options) {
      return new Promise((resolve) => {
        // A page that crashes never calls back: fail the job instead of holding the queue until its timeout.
        win.webContents.on('render-process-gone', (_e, d) =>
          resolve({ success: false, failureReason: `the print page's renderer is gone (${d.reason})` }),
        );
        // https://www.electronjs.org/docs/latest/api/web-contents#contentsprintoptions-callback
        win.webContents.print(options as WebContentsPrintOptions, (success, failureReason) =>
          resolve({ success, failureReason: failureReason ?? '' }),
        );
      });
    },
    // PrinterInfo.options is typed as an empty object; on CUPS it carries string fields such as printer-state
    // (https://www.electronjs.org/docs/latest/api/structures/printer-info).
    printers: async () =>
      (await win.webContents.getPrintersAsync()).map((p) => ({
        name: p.name,
        displayName: p.displayName,
        options: stringFields(p.options),
      })),
    close() {
      if (!win.isDestroyed()) win.destroy();
      pages.delete(id);
    },
  };
}
