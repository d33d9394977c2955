import { describe, expect, it } from 'vitest';
import { POSTCARD_SETTINGS_DEFAULT } from '../../../../../common/postcardSettings';
import { createCupsPrinter, parseLpstat, runCommand, type CommandResult } from '../../../../../node/kiosk/postcards/cupsPrinter';
import { PrintError, type Printer, type PrintRequest } from '../../../../../node/kiosk/postcards/printQueue';

/**
 * A scripted CUPS: each `lpstat -p` answers the next state in `states` (the last one repeats), `lp`
 * accepts the job, `lpstat -o` lists it for `pendingPolls` polls. Every call is recorded.
 */
function fakeCups(opts: { states?: string[]; pendingPolls?: number; missing?: boolean; lp?: CommandResult; lpstatCode?: number } = {}) {
  const calls: string[][] = [];
  const states = [...(opts.states ?? ['printer SELPHY is idle.  enabled since Mon 23 Nov 2026 03:00:00 AM UTC'])];
  let pending = opts.pendingPolls ?? 1;
  const run = async (cmd: string, args: string[]): Promise<CommandResult> => {
    calls.push([cmd, ...args]);
    if (opts.missing) return { code: null, stdout: '', stderr: 'spawn lpstat ENOENT', missing: true };
    const ok = (stdout: string): CommandResult => ({ code: 0, stdout, stderr: '' });
    if (cmd === 'lpstat' && args[0] === '-p') {
      if (opts.lpstatCode) return { code: opts.lpstatCode, stdout: '', stderr: `lpstat: Invalid destination name in list "${args[1]}".` };
      return ok(`${states.length > 1 ? states.shift() : states[0]}\n`);
    }
    if (cmd === 'lpstat' && args[0] === '-d') return ok('system default destination: SELPHY\n');
    if (cmd === 'lpstat' && args[0] === '-o')
      return ok(pending-- > 0 ? 'SELPHY-42   kiosk   1024   Mon 23 Nov 2026 03:00:01 AM UTC\n' : '');
    if (cmd === 'lp') return opts.lp ?? ok('request id is SELPHY-42 (1 file(s))\n');
    if (cmd === 'cancel') return ok('');
    throw new Error(`unexpected command ${cmd}`);
  };
  return { run, calls };
}

/** The PDF step, as pdfPrinter does it: writes a file and says where. */
const pdf: Printer = { kind: 'pdf', print: async (r) => ({ output: `/data/postcards/print/${r.outputName}` }) };
const req = (printerName: string): PrintRequest => ({
  jobId: 'j',
  image: Buffer.alloc(1),
  mime: 'image/jpeg',
  width: 1748,
  height: 1181,
  pageSize: POSTCARD_SETTINGS_DEFAULT.pageSize,
  printerName,
  outputName: 'card-j.pdf',
});
const noSleep = async () => {};
const reasonOf = (p: Promise<unknown>) =>
  p.then(
    () => 'printed',
    (e: unknown) => (e instanceof PrintError ? `${e.reason}: ${e.message}` : `not a PrintError: ${String(e)}`),
  );

describe('CUPS printer (web host)', () => {
  it('without a printer name the PDF is the print, and CUPS is not asked', async () => {
    const cups = fakeCups();
    const out = await createCupsPrinter({ pdf, run: cups.run, sleep: noSleep }).print(req(''));
    expect(out.output).toBe('/data/postcards/print/card-j.pdf');
    expect(cups.calls).toEqual([]);
  });

  it('hands the PDF to lp on portrait media of the page size and waits until the job left the queue', async () => {
    const cups = fakeCups({ pendingPolls: 2 });
    const out = await createCupsPrinter({ pdf, run: cups.run, sleep: noSleep }).print(req('SELPHY'));
    expect(out.output).toBe('/data/postcards/print/card-j.pdf');
    expect(cups.calls[0]).toEqual(['lpstat', '-p', 'SELPHY']);
    expect(cups.calls[1]).toEqual([
      'lp',
      '-d',
      'SELPHY',
      '-t',
      'Riverside postcard',
      '-o',
      'media=Custom.100x148mm',
      '-o',
      'fit-to-page',
      '--',
      '/data/postcards/print/card-j.pdf',
    ]);
    expect(cups.calls.filter((c) => c[1] === '-o')).toHaveLength(3); // pending, pending, gone
    expect(cups.calls.some((c) => c[0] === 'cancel')).toBe(false);
  });

  it('refuses before printing when the printer is disabled, out of paper, unknown, or CUPS is missing', async () => {
    const disabled = fakeCups({ states: ['printer SELPHY disabled since Mon 23 Nov 2026 -\n\tUnplugged or turned off'] });
    expect(await reasonOf(createCupsPrinter({ pdf, run: disabled.run }).print(req('SELPHY')))).toMatch(
      /^printer_offline: .*Unplugged or turned off/,
    );
    const empty = fakeCups({ states: ['printer SELPHY is idle.  enabled since Mon\n\tmedia-empty-error'] });
    expect(await reasonOf(createCupsPrinter({ pdf, run: empty.run }).print(req('SELPHY')))).toMatch(/^paper_out: /);
    const unknown = fakeCups({ lpstatCode: 1 });
    expect(await reasonOf(createCupsPrinter({ pdf, run: unknown.run }).print(req('Nope')))).toMatch(
      /^printer_offline: CUPS has no printer named "Nope"/,
    );
    const none = fakeCups({ missing: true });
    expect(await reasonOf(createCupsPrinter({ pdf, run: none.run }).print(req('SELPHY')))).toMatch(
      /^printer_offline: CUPS is not installed/,
    );
    for (const c of [disabled, empty, unknown]) expect(c.calls.some((x) => x[0] === 'lp')).toBe(false);
  });

  it('fails and cancels the job when the paper runs out while it waits, or when it never leaves the queue', async () => {
    const runsOut = fakeCups({
      pendingPolls: 5,
      states: ['printer SELPHY is idle.', 'printer SELPHY now printing SELPHY-42.\n\tmedia-empty-warning'],
    });
    expect(await reasonOf(createCupsPrinter({ pdf, run: runsOut.run, sleep: noSleep }).print(req('SELPHY')))).toMatch(/^paper_out: /);
    expect(runsOut.calls.at(-1)).toEqual(['cancel', 'SELPHY-42']);
    const stuck = fakeCups({ pendingPolls: 1000 });
    expect(
      await reasonOf(createCupsPrinter({ pdf, run: stuck.run, sleep: noSleep, pollMs: 1000, maxWaitMs: 3000 }).print(req('SELPHY'))),
    ).toMatch(/^printer_offline: .*did not take job SELPHY-42 in time/);
    expect(stuck.calls.at(-1)).toEqual(['cancel', 'SELPHY-42']);
  });

  it("maps lp's own refusal", async () => {
    const refused = fakeCups({ lp: { code: 1, stdout: '', stderr: 'lp: The printer or class is not available.' } });
    expect(await reasonOf(createCupsPrinter({ pdf, run: refused.run }).print(req('SELPHY')))).toMatch(
      /^printer_offline: lp: The printer or class is not available/,
    );
  });

  it('lists printers with their state and the default, or says that CUPS is missing', async () => {
    const out = [
      'printer SELPHY is idle.  enabled since Mon 23 Nov 2026',
      'printer PaperJet is idle.  enabled since Mon',
      'printer Office disabled since Mon 23 Nov 2026 -',
      '\tUnplugged or turned off',
      'printer Lobby is idle.  enabled since',
      '\tmedia-empty-error',
    ].join('\n');
    expect(parseLpstat(out, 'system default destination: SELPHY')).toEqual([
      { name: 'SELPHY', displayName: 'SELPHY', isDefault: true, state: 'ready', detail: null },
      { name: 'PaperJet', displayName: 'PaperJet', isDefault: false, state: 'ready', detail: null },
      { name: 'Office', displayName: 'Office', isDefault: false, state: 'offline', detail: 'Unplugged or turned off' },
      { name: 'Lobby', displayName: 'Lobby', isDefault: false, state: 'paper_out', detail: 'media-empty-error' },
    ]);
    const list = await createCupsPrinter({ pdf, run: fakeCups().run }).printers?.();
    expect(list).toEqual({
      printers: [{ name: 'SELPHY', displayName: 'SELPHY', isDefault: true, state: 'ready', detail: null }],
      note: null,
    });
    expect(await createCupsPrinter({ pdf, run: fakeCups({ missing: true }).run }).printers?.()).toEqual({
      printers: [],
      note: expect.stringMatching(/CUPS is not installed/),
    });
  });

  it('the real runner reports a program that is not installed as missing, and passes arguments without a shell', async () => {
    expect(await runCommand('kiosk-no-such-program-xyz', [])).toMatchObject({ code: null, missing: true });
    expect(await runCommand(process.execPath, ['-e', 'process.stdout.write(process.argv[1])', '$(echo hi); rm -rf /'])).toEqual({
      code: 0,
      stdout: '$(echo hi); rm -rf /',
      stderr: '',
    });
    expect((await runCommand(process.execPath, ['-e', 'process.exit(3)'])).code).toBe(3);
  });
});
