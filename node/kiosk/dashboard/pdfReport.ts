import fontkit from '@pdf-lib/fontkit';
import { existsSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import { metricLabel } from '../../../common/metricLabels';
import { shippedSmileCorrection } from '../../../common/smile/smileModel';
import type { SmileCorrection } from '../../../common/smileShare';
import type { LocalDate } from '../../../common/time';
import type { Db } from '../db/openDatabase';
import { ExportFolderError } from './csvExport';
import { queryDashboard, type Change, type Dashboard } from './dashboardQueries';
import { REPORT_TEXT, type ReportLanguage } from './reportText';

/**
 * A printable one-page A4 report of a date range (pdf-lib: https://pdf-lib.js.org). Chinese needs an embedded CJK
 * font (reportFont.ts: the app ships one; KIOSK_REPORT_FONT overrides it). It is embedded whole (pdf-lib's
 * subsetting garbles CJK glyphs of some fonts). Without one the report is in English with Helvetica.
 */
interface Writer {
  text(s: string, x: number, y: number, size?: number, bold?: boolean): void;
  width(s: string, size: number): number;
}

/**
 * Draws ASCII in Helvetica and everything else in the CJK font, except characters the CJK font has no glyph for
 * (CJK fallback fonts often lack Latin punctuation such as “ ” or ·): those go to Helvetica when its WinAnsi
 * encoding has them, else they become "?", never an empty .notdef box.
 */
function writer(page: PDFPage, latin: PDFFont, latinBold: PDFFont, cjk: { font: PDFFont; has: (cp: number) => boolean } | null): Writer {
  const inLatin = (ch: string) => {
    try {
      latin.encodeText(ch);
      return true;
    } catch {
      return false;
    }
  };
  const kindOf = (ch: string): 'latin' | 'cjk' => (/[ -~]/.test(ch) || !cjk || !cjk.has(ch.codePointAt(0)!) ? 'latin' : 'cjk');
  const runs = (s: string): { text: string; kind: 'latin' | 'cjk' }[] => {
    const out: { text: string; kind: 'latin' | 'cjk' }[] = [];
    for (const raw of s) {
      const kind = kindOf(raw);
      const ch = kind === 'latin' && !inLatin(raw) ? '?' : raw;
      const last = out.at(-1);
      if (last?.kind === kind) last.text += ch;
      else out.push({ text: ch, kind });
    }
    return out;
  };
  const fontOf = (kind: 'latin' | 'cjk', bold: boolean) => (kind === 'cjk' ? cjk!.font : bold ? latinBold : latin);
  return {
    width: (s, size) => runs(s).reduce((w, r) => w + fontOf(r.kind, false).widthOfTextAtSize(r.text, size), 0),
    text(s, x, y, size = 10, bold = false) {
      let at = x;
      for (const r of runs(s)) {
        const font = fontOf(r.kind, bold);
        page.drawText(r.text, { x: at, y, size, font, color: rgb(0.1, 0.1, 0.12) });
        at += font.widthOfTextAtSize(r.text, size);
      }
    },
  };
}

function fmt(lang: ReportLanguage) {
  const n = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  const pct = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
  const signedPct = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const pts = new Intl.NumberFormat(lang, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const t = REPORT_TEXT[lang];
  return {
    count: (v: number | null) => (v == null ? '-' : n.format(v)),
    ratio: (v: number | null) => (v == null ? '-' : pct.format(v)),
    interval: (i: { low: number; high: number } | null) => (i == null ? '-' : `${pct.format(i.low)} - ${pct.format(i.high)}`),
    points: (v: number | null) => (v == null ? '-' : `${pts.format(Math.round(v * 1000) / 10)} ${t.pts}`),
    countChange: (c: Change) => (c.percent == null ? '-' : signedPct.format(c.percent / 100)),
  };
}

/** The report's PDF bytes for a dashboard. `cjkFont`: the bytes of a CJK TrueType/OpenType font, or null for English. */
export async function buildReportPdf(
  d: Dashboard,
  opts: { stationId: string; generatedAt: string; cjkFont: Uint8Array | null },
): Promise<{ bytes: Uint8Array; language: ReportLanguage }> {
  const language: ReportLanguage = opts.cjkFont ? 'zh-CN' : 'en';
  const t = REPORT_TEXT[language];
  const f = fmt(language);
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(`${t.title} ${d.period.from} - ${d.period.to}`);
  doc.setCreator('Riverside Station Kiosk');
  // fontkit (pdf-lib's font parser) also answers which characters the font really has a glyph for.
  let cjk: { font: PDFFont; has: (cp: number) => boolean } | null = null;
  if (opts.cjkFont) {
    const parsed = fontkit.create(opts.cjkFont);
    cjk = { font: await doc.embedFont(opts.cjkFont, { subset: false }), has: (cp) => parsed.hasGlyphForCodePoint(cp) };
  }
  const page = doc.addPage([595.28, 841.89]); // A4 in points
  const w = writer(page, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold), cjk);
  const left = 50;
  const line = (y: number) => page.drawLine({ start: { x: left, y }, end: { x: 545, y }, thickness: 0.5, color: rgb(0.7, 0.7, 0.7) });

  let y = 790;
  w.text(t.title, left, y, 20, true);
  y -= 26;
  w.text(`${t.station}: ${opts.stationId}`, left, y, 11);
  w.text(`${t.generated}: ${opts.generatedAt}`, 330, y, 11);
  y -= 18;
  w.text(`${t.period}: ${d.period.from} - ${d.period.to} (${d.period.days} ${t.days})`, left, y, 11);
  y -= 16;
  w.text(`${t.previous}: ${d.previousPeriod.from} - ${d.previousPeriod.to}`, left, y, 11);

  // Key figures: this period, the previous one, the change.
  const cols = [left, 250, 350, 450];
  const table = (rows: string[][], head: string[]) => {
    y -= 30;
    head.forEach((h, i) => w.text(h, cols[i]!, y, 10, true));
    y -= 6;
    line(y);
    for (const r of rows) {
      y -= 18;
      r.forEach((c, i) => w.text(c, cols[i]!, y, 11));
    }
  };
  const c = d.current;
  const p = d.previous;
  table(
    [
      [t.footfallIn, f.count(c.footfallIn), f.count(p.footfallIn), f.countChange(d.change.footfallIn)],
      [t.footfallOut, f.count(c.footfallOut), f.count(p.footfallOut), f.countChange(d.change.footfallOut)],
      // The shares corrected for the classifier's known error first (common/smileShare.ts), then their 95 % intervals
      // and the shares as counted.
      [
        t.entryCorrected,
        f.ratio(c.entryShare.correctedShare),
        f.ratio(p.entryShare.correctedShare),
        f.points(d.change.entryCorrectedShare.delta),
      ],
      [
        t.exitCorrected,
        f.ratio(c.exitShare.correctedShare),
        f.ratio(p.exitShare.correctedShare),
        f.points(d.change.exitCorrectedShare.delta),
      ],
      [t.correctedLift, f.points(c.correctedLift), f.points(p.correctedLift), f.points(d.change.correctedLift.delta)],
      [t.entryInterval, f.interval(c.entryShare.interval), f.interval(p.entryShare.interval), ''],
      [t.exitInterval, f.interval(c.exitShare.interval), f.interval(p.exitShare.interval), ''],
      [t.entryRatio, f.ratio(c.entrySmileRatio), f.ratio(p.entrySmileRatio), f.points(d.change.entrySmileRatio.delta)],
      [t.exitRatio, f.ratio(c.exitSmileRatio), f.ratio(p.exitSmileRatio), f.points(d.change.exitSmileRatio.delta)],
      [t.lift, f.points(c.lift), f.points(p.lift), f.points(d.change.lift.delta)],
    ],
    [t.figure, t.thisPeriod, t.previousPeriod, t.change],
  );
  y -= 16;
  const m = d.smileModel;
  w.text(
    m ? `${t.smileModel} ${m.version}: Se ${m.sensitivity}, Sp ${m.specificity} (${m.positives} / ${m.negatives})` : t.notCorrected,
    left,
    y,
    9,
  );

  // Footfall in and out per hour or day, as paired bars.
  y -= 40;
  w.text(d.series.granularity === 'hour' ? t.chartHourly : t.chartDaily, left, y, 12, true);
  const pts = d.series.points;
  const chartH = 140;
  const base = y - 16 - chartH;
  const max = Math.max(1, ...pts.map((q) => Math.max(q.entryVisitors, q.exitVisitors)));
  const slot = 495 / Math.max(1, pts.length);
  pts.forEach((q, i) => {
    const x = left + i * slot;
    const bw = Math.max(0.4, slot * 0.4);
    page.drawRectangle({ x, y: base, width: bw, height: (q.entryVisitors / max) * chartH, color: rgb(0.85, 0.6, 0.17) });
    page.drawRectangle({ x: x + bw, y: base, width: bw, height: (q.exitVisitors / max) * chartH, color: rgb(0.25, 0.55, 0.7) });
  });
  line(base);
  w.text(`${t.max}: ${f.count(max)}`, 470, y, 9);
  w.text(`${t.footfallIn} / ${t.footfallOut}`, left + 200, y, 9);
  if (pts.length > 0) {
    w.text(pts[0]!.label, left, base - 12, 8);
    const last = pts[pts.length - 1]!.label;
    w.text(last, 545 - w.width(last, 8), base - 12, 8);
  }
  y = base - 20;

  // Every usage metric of either period, by its label in the report's language (common/metricLabels.ts).
  const names = Object.keys(d.change.usage).sort();
  table(
    names
      .slice(0, 18)
      .map((m) => [metricLabel(m, language), f.count(c.usage[m] ?? 0), f.count(p.usage[m] ?? 0), f.countChange(d.change.usage[m]!)]),
    [t.usage, t.thisPeriod, t.previousPeriod, t.change],
  );
  if (names.length === 0) w.text(t.noUsage, left, (y -= 18), 11);
  w.text(t.footer, left, 40, 8);
  return { bytes: await doc.save(), language };
}

/** Writes the report of local days `from..to` into `folder` (written aside, then renamed, like the CSV). */
export async function exportReportPdf(
  db: Db,
  opts: {
    from: LocalDate;
    to: LocalDate;
    folder: string;
    timeZone: string;
    stationId: string;
    generatedAt: string;
    fontPath: string | null;
    readFont: (p: string) => Uint8Array;
    correction?: SmileCorrection | null;
  },
): Promise<{ path: string; bytes: number; language: ReportLanguage }> {
  if (!isAbsolute(opts.folder)) throw new ExportFolderError(`the export folder must be an absolute path: ${opts.folder}`);
  if (!existsSync(opts.folder))
    throw new ExportFolderError(`the export folder does not exist (is the USB stick plugged in?): ${opts.folder}`);
  if (!statSync(opts.folder).isDirectory()) throw new ExportFolderError(`not a folder: ${opts.folder}`);
  const d = queryDashboard(db, opts.from, opts.to, opts.timeZone, opts.correction === undefined ? shippedSmileCorrection : opts.correction);
  const pdf = await buildReportPdf(d, {
    stationId: opts.stationId,
    generatedAt: opts.generatedAt,
    cjkFont: opts.fontPath ? opts.readFont(opts.fontPath) : null,
  });
  const path = join(opts.folder, `riverside-report_${opts.stationId}_${opts.from}_${opts.to}.pdf`);
  writeFileSync(`${path}.partial`, pdf.bytes);
  renameSync(`${path}.partial`, path);
  return { path, bytes: pdf.bytes.byteLength, language: pdf.language };
}
