import { execFile } from 'node:child_process';
import type { PrinterEntry, PrinterList } from '../../../common/postcardContract';
import { classifyPrintFailure, PrintError, type Printer } from './printQueue';

/**
 * The web host's printer: every page becomes a PDF of the configured page size first (the "print
 * to PDF" of the issue, see pdfPrinter.ts); when the operator named a printer, that PDF is handed
 * to CUPS with `lp` and followed with `lpstat` until it leaves the queue
 * (https://www.cups.org/doc/man-lp.html, https://www.cups.org/doc/man-lpstat.html). Without a
 * printer name the PDF is the result. The commands run through an injected runner, so the tests
 * need no CUPS.
 */
export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The program is not installed (ENOENT). */
  missing?: boolean;
}
export type CommandRunner = (cmd: string, args: string[]) => Promise<CommandResult>;

/** execFile without a shell (arguments are never parsed), in the C locale so the output reads the same everywhere. */
export const runCommand: CommandRunner = (cmd, args) =>
  new Promise((resolve) => {
    execFile(
      cmd,
      args,
      { timeout: 15_000, env: { ...process.env, LANG: 'C', LC_ALL: 'C' }, maxBuffer: 1024 * 1024 },
      (err, stdout, stderr) => {
        const e = err as (NodeJS.ErrnoException & { code?: number | string }) | null;
        if (e?.code === 'ENOENT') return resolve({ code: null, stdout: '', stderr: String(e.message), missing: true });
        resolve({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });

/** What a printer's `lpstat -p` block says: disabled or unplugged is offline, an empty tray is paper out. */
function stateOf(named: string): { state: PrinterEntry['state']; detail: string | null } {
  // A printer called "PaperJet" is not out of paper: look past its name.
  const block = named.replace(/^printer \S+/, 'printer _');
  const detail =
    block
      .split('\n')
      .slice(1)
      .map((l) => l.trim())
      .filter(Boolean)
      .join('; ') || null;
  if (/media-empty|media-needed|media-jam|paper|out of media|缺纸/i.test(block))
    return { state: 'paper_out', detail: detail ?? 'paper out' };
  if (
    /^printer _ disabled/.test(block) ||
    /offline|not connected|unplugged|waiting for printer|unable to (?:connect|locate)/i.test(block)
  ) {
    return { state: 'offline', detail: detail ?? 'disabled' };
  }
  return { state: 'ready', detail };
}

/** Parses `lpstat -p` (one "printer NAME ..." line per printer, reasons on indented lines after it) and `lpstat -d`. */
export function parseLpstat(printersOut: string, defaultOut: string): PrinterEntry[] {
  const def = /system default destination: (\S+)/.exec(defaultOut)?.[1] ?? null;
  const blocks: string[] = [];
  for (const line of printersOut.split('\n')) {
    if (line.startsWith('printer ')) blocks.push(line);
    else if (/^\s+\S/.test(line) && blocks.length) blocks[blocks.length - 1] += `\n${line}`;
  }
  return blocks.map((b) => {
    const name = (b.split(' ')[1] ?? '').trim();
    return { name, displayName: name, isDefault: name === def, ...stateOf(b) };
  });
}

export interface CupsPrinterOptions {
  /** Writes the PDF (pdfPrinter); its output is the file handed to `lp`. */
  pdf: Printer;
  run?: CommandRunner;
  /** How often `lpstat` is asked whether the job has left the queue. */
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** After this long in the CUPS queue the job is cancelled and fails (below the print queue's own 120 s). */
  maxWaitMs?: number;
}

const NO_CUPS = 'CUPS is not installed here (no lp/lpstat): cards are printed to PDF files in the data folder only';

export function createCupsPrinter(opts: CupsPrinterOptions): Printer {
  const run = opts.run ?? runCommand;
  const pollMs = opts.pollMs ?? 1000;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const maxPolls = Math.max(1, Math.ceil((opts.maxWaitMs ?? 100_000) / pollMs));

  /** The named printer's entry, or a PrintError saying why it cannot take a page now. */
  async function ready(name: string): Promise<void> {
    const r = await run('lpstat', ['-p', name]);
    if (r.missing) throw new PrintError('printer_offline', NO_CUPS);
    if (r.code !== 0) throw new PrintError('printer_offline', `CUPS has no printer named "${name}": ${r.stderr.trim() || r.stdout.trim()}`);
    const p = parseLpstat(r.stdout, '')[0];
    if (p?.state === 'paper_out') throw new PrintError('paper_out', `the printer reports: ${p.detail}`);
    if (p?.state === 'offline') throw new PrintError('printer_offline', `the printer is not ready: ${p.detail}`);
  }

  return {
    kind: 'cups',
    async printers(): Promise<PrinterList> {
      const list = await run('lpstat', ['-p']);
      if (list.missing) return { printers: [], note: NO_CUPS };
      const def = await run('lpstat', ['-d']);
      const printers = parseLpstat(list.stdout, def.stdout);
      return { printers, note: printers.length ? null : 'CUPS knows no printer: add one with the system printer settings (lpadmin)' };
    },
    async print(req) {
      const out = await opts.pdf.print(req);
      if (!req.printerName) return out;
      if (!out.output) throw new PrintError('other', 'no PDF was written to hand to the printer');
      await ready(req.printerName);
      const short = Math.min(req.pageSize.widthMm, req.pageSize.heightMm);
      const long = Math.max(req.pageSize.widthMm, req.pageSize.heightMm);
      // Portrait media of the card's size; CUPS turns a landscape page onto it.
      const sent = await run('lp', [
        '-d',
        req.printerName,
        '-t',
        'Riverside postcard',
        '-o',
        `media=Custom.${short}x${long}mm`,
        '-o',
        'fit-to-page',
        '--',
        out.output,
      ]);
      if (sent.missing) throw new PrintError('printer_offline', NO_CUPS);
      const jobId = /request id is (\S+)/.exec(sent.stdout)?.[1];
      if (sent.code !== 0 || !jobId) {
        const msg = sent.stderr.trim() || sent.stdout.trim() || `lp exited with ${sent.code}`;
        throw new PrintError(classifyPrintFailure(msg), msg);
      }
      // Done once the job has left the not-completed list; a printer that runs out of paper or goes
      // offline meanwhile fails the job (and cancels it, so it does not come out later unattended).
      for (let i = 0; ; i++) {
        if (i >= maxPolls) {
          await run('cancel', [jobId]);
          throw new PrintError('printer_offline', `the printer did not take job ${jobId} in time; it was cancelled`);
        }
        await sleep(pollMs);
        const pending = await run('lpstat', ['-o', req.printerName]);
        if (!pending.stdout.split('\n').some((l) => l.split(/\s+/)[0] === jobId)) return out;
        try {
          await ready(req.printerName);
        } catch (err) {
          await run('cancel', [jobId]);
          throw err;
        }
      }
    },
  };
}
