import { afterEach, describe, expect, it } from 'vitest';
import { shippedSmileCorrection } from '../../../../../common/smile/smileModel';
import { correctShare } from '../../../../../common/smileShare';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import fontkit from '@pdf-lib/fontkit';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';
import { ExportFolderError } from '../../../../../node/kiosk/dashboard/csvExport';
import { exportReportPdf } from '../../../../../node/kiosk/dashboard/pdfReport';
import { findCjkFont } from '../../../../../node/kiosk/dashboard/reportFont';
import { createMemoryLogger } from '../../../../../node/kiosk/logger';
import { createServices, type Services } from '../../../../../node/kiosk/services';
import { recordKnownDay } from '../../../../fixtures/upload/dashboardData';
import { tempDir } from '../../../../fixtures/upload/kioskHarness';

/** A share as the English report writes it. */
const pct = (x: number) => new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(x);

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function setup(): { s: Services; dir: string } {
  const t = tempDir('pdf-');
  const s = createServices({ dataDir: join(t.dir, 'kiosk'), appVersion: 't', runtime: 'web', log: createMemoryLogger() });
  cleanups.push(t.cleanup, () => s.close());
  recordKnownDay(s);
  return { s, dir: t.dir };
}

/** The Helvetica text runs of the first page (hex strings in WinAnsi), and the distinct embedded fonts' names. */
async function readPdf(bytes: Uint8Array): Promise<{ runs: string[]; fonts: string[]; pages: number; title?: string }> {
  const doc = await PDFDocument.load(bytes);
  const page = doc.getPage(0);
  const contents = page.node.Contents();
  const streams: PDFRawStream[] =
    contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r) as PDFRawStream) : [contents as PDFRawStream];
  const ops = streams.map((st) => inflateSync(st.contents).toString('latin1')).join('\n');
  const runs = [...ops.matchAll(/<([0-9A-Fa-f]*)> Tj/g)].map((m) => Buffer.from(m[1]!, 'hex').toString('latin1'));
  const fontDict = page.node.Resources()!.lookup(PDFName.of('Font')) as unknown as { entries(): [PDFName, unknown][] };
  const fonts = fontDict
    .entries()
    .map(([, ref]) => String((doc.context.lookup(ref as never) as unknown as { get(n: PDFName): unknown }).get(PDFName.of('BaseFont'))));
  return { runs, fonts: [...new Set(fonts)], pages: doc.getPageCount(), title: doc.getTitle() };
}

/**
 * The page's text in drawing order, each run decoded by its font: Helvetica runs as WinAnsi, the
 * Type0 (CJK) runs as 2-byte glyph ids mapped back to characters through `font`'s cmap. Also the embedded CJK font
 * files (FontFile2) and how many CJK glyphs were .notdef.
 */
async function readCjkPdf(bytes: Uint8Array, font: Uint8Array) {
  const doc = await PDFDocument.load(bytes);
  const page = doc.getPage(0);
  const contents = page.node.Contents();
  const streams: PDFRawStream[] =
    contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r) as PDFRawStream) : [contents as PDFRawStream];
  const ops = streams.map((st) => inflateSync(st.contents).toString('latin1')).join('\n');
  const fontDict = page.node.Resources()!.lookup(PDFName.of('Font'), PDFDict);
  const parsed = fontkit.create(font);
  const charOf = new Map<number, string>(parsed.characterSet.map((cp) => [parsed.glyphForCodePoint(cp).id, String.fromCodePoint(cp)]));
  // WinAnsi is Latin-1 but for 0x80-0x9f (https://www.unicode.org/Public/MAPPINGS/VENDORS/MICSFT/WINDOWS/CP1252.TXT);
  // the ones a report may use are enough here (Node's TextDecoder treats windows-1252 as plain Latin-1).
  const cp1252: Record<number, string> = { 0x85: '…', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x96: '–', 0x97: '—' };
  const winAnsi = { decode: (b: Buffer) => [...b].map((c) => cp1252[c] ?? String.fromCharCode(c)).join('') };
  let text = '';
  let notdef = 0;
  let cjkChars = 0;
  let current: PDFDict | undefined;
  for (const m of ops.matchAll(/\/(\S+) [\d.]+ Tf|<([0-9A-Fa-f]*)> Tj/g)) {
    if (m[1]) {
      current = fontDict.lookup(PDFName.of(m[1]), PDFDict);
      continue;
    }
    const hex = Buffer.from(m[2]!, 'hex');
    if (current!.get(PDFName.of('Subtype')) === PDFName.of('Type0')) {
      for (let i = 0; i < hex.length; i += 2) {
        const gid = hex.readUInt16BE(i);
        if (gid === 0) notdef++;
        cjkChars++;
        text += charOf.get(gid) ?? '\ufffd';
      }
    } else text += winAnsi.decode(hex);
  }
  const embedded = new Map<string, { name: string; bytes: number; same: boolean }>();
  for (const [, ref] of fontDict.entries()) {
    const f = doc.context.lookup(ref as PDFRef, PDFDict);
    if (f.get(PDFName.of('Subtype')) !== PDFName.of('Type0')) continue;
    const descendant = doc.context.lookup(f.lookup(PDFName.of('DescendantFonts'), PDFArray).get(0), PDFDict);
    const descriptor = descendant.lookup(PDFName.of('FontDescriptor'), PDFDict);
    const file = descriptor.lookup(PDFName.of('FontFile2')) as PDFRawStream;
    const raw = file.dict.get(PDFName.of('Filter')) === PDFName.of('FlateDecode') ? inflateSync(file.contents) : Buffer.from(file.contents);
    const name = String(f.get(PDFName.of('BaseFont')));
    embedded.set(name, { name, bytes: raw.byteLength, same: Buffer.compare(raw, Buffer.from(font)) === 0 });
  }
  return { text, notdef, cjkChars, embedded: [...embedded.values()], title: doc.getTitle() };
}

describe('PDF report', () => {
  it('holds the figures of the range against the period before, in English without a CJK font', async () => {
    const { s, dir } = setup();
    const out = await exportReportPdf(s.db, {
      from: '2026-03-02',
      to: '2026-03-02',
      folder: dir,
      timeZone: 'Asia/Shanghai',
      stationId: 'yangpu-qinhuangdao-rd',
      generatedAt: '2026-03-03 09:00',
      fontPath: null,
      readFont: readFileSync,
    });
    expect(out.path).toBe(join(dir, 'riverside-report_yangpu-qinhuangdao-rd_2026-03-02_2026-03-02.pdf'));
    expect(out.language).toBe('en');
    const bytes = readFileSync(out.path);
    expect(bytes.byteLength).toBe(out.bytes);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
    const pdf = await readPdf(bytes);
    expect(pdf.pages).toBe(1);
    expect(pdf.title).toBe('Riverside Station: visitor report 2026-03-02 - 2026-03-02');
    expect(pdf.fonts.sort()).toEqual(['/Helvetica', '/Helvetica-Bold']);
    const text = pdf.runs.join('|');
    // Monday: 11 in (4 smiling), 8 out (6 smiling); Sunday before: 4 in (1), 2 out (1).
    for (const row of [
      'Visitors in|11|4|+175%',
      'Visitors out|8|2|+300%',
      // Corrected for the shipped model's error (common/smileShare.ts), with 95 % intervals, then as counted.
      `Smiling on entry (corrected)|${pct(correctShare(4, 11, shippedSmileCorrection).correctedShare!)}|`,
      `Smile model version ${shippedSmileCorrection.version}: Se ${shippedSmileCorrection.sensitivity}, Sp ${shippedSmileCorrection.specificity}`,
      'Entry 95% interval|',
      'Smiling on entry (counted)|36.4%|25%|+11.4 pts',
      'Smiling on exit (counted)|75%|50%|+25 pts',
      'Smile lift (counted)|+38.6 pts|+25 pts|+13.6 pts',
      // Usage rows by their label (common/metricLabels.ts), not the metric's raw name.
      'Looking Back opened|6|3|+100%',
      'Visits started|2|0|-',
    ])
      expect(text).toContain(row);
    expect(text).not.toContain('exhibit.history.opened');
    expect(text).toContain('Period: 2026-03-02 - 2026-03-02 (1 days)');
    expect(text).toContain('Compared with: 2026-03-01 - 2026-03-01');
    expect(text).toContain('Visitors in / out by hour');
  });

  it('is written in Chinese with the shipped CJK font, every glyph of its Chinese text drawn from that font', async () => {
    // No system font needed: the app ships its own (resources/fonts), found here from the sources as under tsx.
    const font = findCjkFont(undefined, {});
    expect(font).toBe(join(process.cwd(), 'resources', 'fonts', 'ReportFontSC.ttf'));
    const fontBytes = readFileSync(font!);
    const { s, dir } = setup();
    const out = await exportReportPdf(s.db, {
      from: '2026-02-24',
      to: '2026-03-02',
      folder: dir,
      timeZone: 'Asia/Shanghai',
      stationId: 'yangpu-qinhuangdao-rd',
      generatedAt: '2026-03-03 09:00',
      fontPath: font,
      readFont: readFileSync,
    });
    expect(out.language).toBe('zh-CN');
    const pdf = await readCjkPdf(readFileSync(out.path), fontBytes);
    expect(pdf.title).toBe('滨江服务站 数据报告 2026-02-24 - 2026-03-02');
    // The font is embedded whole, byte for byte, under its own name.
    expect(pdf.embedded).toEqual([{ name: expect.stringMatching(/^\/DroidSansFallback/), bytes: fontBytes.byteLength, same: true }]);
    // Glyph ids of the CJK runs, read back through the shipped font's cmap: real glyphs, never .notdef (id 0).
    expect(pdf.notdef).toBe(0);
    expect(pdf.cjkChars).toBeGreaterThan(100);
    for (const want of ['滨江服务站 数据报告', '进站人次', '出站微笑率', '展项使用（计数名称）', '只含匿名计数，不含任何访客信息。'])
      expect(pdf.text).toContain(want);
    // The font has no “ ”: they come from Helvetica (WinAnsi) next to the Chinese, not as empty boxes.
    expect(pdf.text).toContain('打开“回首滨江”');
    // Numbers are Latin runs next to the Chinese ones: 4 + 11 visitors in over the week.
    expect(pdf.text).toContain('15');
  });

  it('finds a font only among existing TrueType/OpenType files, KIOSK_REPORT_FONT first', () => {
    const { dir } = setup();
    const shipped = findCjkFont(undefined, {})!;
    expect(findCjkFont([join(dir, 'missing.ttf'), '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'], {})).toBeNull();
    expect(findCjkFont([], { KIOSK_REPORT_FONT: shipped })).toBe(shipped);
    expect(findCjkFont([], { KIOSK_REPORT_FONT: join(dir, 'nope.ttf') })).toBeNull();
    // A missing override falls back to the shipped font.
    expect(findCjkFont(undefined, { KIOSK_REPORT_FONT: join(dir, 'nope.ttf') })).toBe(shipped);
  });

  it('refuses a missing or relative folder with a clear error and writes nothing', async () => {
    const { s, dir } = setup();
    const base = {
      from: '2026-03-02',
      to: '2026-03-02',
      timeZone: 'Asia/Shanghai',
      stationId: 'x',
      generatedAt: '-',
      fontPath: null,
      readFont: readFileSync,
    };
    await expect(exportReportPdf(s.db, { ...base, folder: join(dir, 'no-stick') })).rejects.toThrow(ExportFolderError);
    await expect(exportReportPdf(s.db, { ...base, folder: 'relative/path' })).rejects.toThrow(/absolute/);
    expect(existsSync(join(dir, 'no-stick'))).toBe(false);
  });
});
