import { createHash } from 'node:crypto';
import type { PrinterEntry } from '../../../common/postcardContract';
import type { PageSize } from '../../../common/postcardSettings';
import { classifyPrintFailure, PrintError, type Printer, type PrintRequest } from './printQueue';

/**
 * The silent print of the Electron shell, written against a small port so that it runs (and is
 * tested) under plain Node; electron/main supplies the port around a hidden BrowserWindow:
 *
 *   load(html)  -> serve html from memory on the window's own custom scheme and `win.loadURL()` it
 *                  (a data: URL over 2 MB, the size of a card inlined as base64, is refused by Chromium)
 *   print(o)    -> new Promise((r) => win.webContents.print(o, (success, failureReason) => r({ success, failureReason })))
 *   printers()  -> win.webContents.getPrintersAsync()
 *   close()     -> win.destroy()
 *
 * The window: `new BrowserWindow({ show: false, webPreferences: { sandbox: true, javascript: false,
 * partition: 'postcard-print' } })`; its own partition keeps the app's CSP (no inline style, no
 * data: images) off this one trusted, script-free page, and gets the same permission policy.
 *
 * Options per https://www.electronjs.org/docs/latest/api/web-contents#contentsprintoptions-callback
 * (pageSize in microns; deviceName is the system name of the printer, not its display name).
 */
export interface PrintWindowPort {
  load(html: string): Promise<void>;
  print(options: SilentPrintOptions): Promise<{ success: boolean; failureReason: string }>;
  printers(): Promise<PrinterInfoLike[]>;
  close(): void;
}

export interface PrinterInfoLike {
  name: string;
  displayName?: string;
  isDefault?: boolean;
  /** On CUPS systems these include `printer-state` and `printer-state-reasons` when the driver reports them. */
  options?: Record<string, string>;
}

export interface SilentPrintOptions {
  silent: true;
  printBackground: true;
  color: true;
  deviceName?: string;
  landscape: boolean;
  margins: { marginType: 'none' };
  pageSize: { width: number; height: number };
}

/** Short side x long side in microns, and whether the card turns the page to landscape. */
export function silentPrintOptions(req: Pick<PrintRequest, 'pageSize' | 'printerName' | 'width' | 'height'>): SilentPrintOptions {
  const { short, long } = sides(req.pageSize);
  return {
    silent: true,
    printBackground: true,
    color: true,
    ...(req.printerName ? { deviceName: req.printerName } : {}),
    landscape: req.width >= req.height,
    margins: { marginType: 'none' },
    pageSize: { width: Math.round(short * 1000), height: Math.round(long * 1000) },
  };
}

const sides = (p: PageSize): { short: number; long: number } => ({
  short: Math.min(p.widthMm, p.heightMm),
  long: Math.max(p.widthMm, p.heightMm),
});

/**
 * One page: the card filling it edge to edge, no script. Its CSP allows exactly its own style block
 * (by hash) and the inlined image, nothing else: no network, no script, no frames
 * (https://www.electronjs.org/docs/latest/tutorial/security#7-define-a-content-security-policy).
 */
export function printPageHtml(req: Pick<PrintRequest, 'image' | 'mime' | 'pageSize' | 'width' | 'height'>): string {
  const { short, long } = sides(req.pageSize);
  const [w, h] = req.width >= req.height ? [long, short] : [short, long];
  const style = `@page{size:${w}mm ${h}mm;margin:0}html,body{margin:0;padding:0}img{display:block;width:${w}mm;height:${h}mm;object-fit:cover}`;
  const hash = createHash('sha256').update(style).digest('base64');
  const csp = `default-src 'none'; img-src data:; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'`;
  return (
    `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${csp}">` +
    `<style>${style}</style>` +
    `</head><body><img src="data:${req.mime};base64,${req.image.toString('base64')}" alt=""></body></html>`
  );
}

/** What CUPS says about a printer before a page is sent, when it says anything. */
function stateProblem(p: PrinterInfoLike): PrintError | null {
  const reasons = p.options?.['printer-state-reasons'] ?? '';
  if (/media-(?:empty|needed|jam)/.test(reasons)) return new PrintError('paper_out', `the printer reports ${reasons}`);
  if (/offline|shutdown|connecting-to-device/.test(reasons) || p.options?.['printer-state'] === '5') {
    return new PrintError('printer_offline', `the printer is not ready (${reasons || 'stopped'})`);
  }
  return null;
}

/** The operator screen's printer list: each printer with what CUPS (or the OS) says about it. */
export function printerEntries(infos: PrinterInfoLike[]): PrinterEntry[] {
  return infos.map((p) => {
    const problem = stateProblem(p);
    return {
      name: p.name,
      displayName: p.displayName || p.name,
      isDefault: p.isDefault === true,
      state: problem ? (problem.reason === 'paper_out' ? 'paper_out' : 'offline') : p.options?.['printer-state'] ? 'ready' : 'unknown',
      detail: problem?.message ?? null,
    };
  });
}

export function createElectronPrinter(openWindow: () => PrintWindowPort): Printer {
  return {
    kind: 'electron',
    async printers() {
      const win = openWindow();
      try {
        const printers = printerEntries(await win.printers());
        return { printers, note: printers.length ? null : 'the system has no printer installed' };
      } finally {
        win.close();
      }
    },
    async print(req) {
      const win = openWindow();
      try {
        const printers = await win.printers();
        if (printers.length === 0) throw new PrintError('printer_offline', 'no printer is installed');
        // Without a name Chromium prints to the system default; Electron 39's PrinterInfo no longer says
        // which one that is, so its state is checked only where the platform still marks it.
        const target = req.printerName ? printers.find((p) => p.name === req.printerName) : printers.find((p) => p.isDefault);
        if (req.printerName && !target) {
          throw new PrintError(
            'printer_offline',
            `no printer named "${req.printerName}" (have: ${printers.map((p) => p.name).join(', ')})`,
          );
        }
        const problem = target ? stateProblem(target) : null;
        if (problem) throw problem;
        await win.load(printPageHtml(req));
        const r = await win.print(silentPrintOptions(req));
        if (!r.success) throw new PrintError(classifyPrintFailure(r.failureReason), r.failureReason || 'the print failed');
        return {};
      } finally {
        win.close();
      }
    },
  };
}
