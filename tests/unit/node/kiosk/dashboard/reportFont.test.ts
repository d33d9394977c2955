import fontkit from '@pdf-lib/fontkit';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { METRIC_LABELS } from '../../../../../common/metricLabels';
import { findCjkFont, REPORT_FONT_FILE, shippedReportFontPaths } from '../../../../../node/kiosk/dashboard/reportFont';
import { REPORT_TEXT } from '../../../../../node/kiosk/dashboard/reportText';

const root = process.cwd();

describe('the shipped report font', () => {
  it('is found from the sources (tsx), from the bundles in dist/node and dist/electron, and in a packaged app', () => {
    const fromSources = join(root, 'node', 'kiosk', 'dashboard');
    expect(findCjkFont(shippedReportFontPaths(fromSources, undefined), {})).toBe(join(root, REPORT_FONT_FILE));
    for (const bundle of ['dist/node', 'dist/electron', 'dist-a/node']) {
      expect(shippedReportFontPaths(join(root, bundle), undefined)).toContain(join(root, REPORT_FONT_FILE));
    }
    // Packaged Electron: resources/ is copied next to app.asar (process.resourcesPath), where the font is looked for first.
    expect(shippedReportFontPaths('/opt/kiosk/resources/app.asar/dist/electron', '/opt/kiosk/resources')[0]).toBe(
      join('/opt/kiosk/resources', REPORT_FONT_FILE),
    );
  });

  it('is packaged by electron-builder next to app.asar, with its licence beside it', () => {
    const config = parse(readFileSync('electron-builder.yml', 'utf8')) as {
      extraResources: { from: string; to: string; filter: string[] }[];
    };
    const shipsResources = config.extraResources.some(
      (r) => r.from.replace(/\/$/, '') === 'resources' && r.to.replace(/\/$/, '') === 'resources' && r.filter.includes('**/*'),
    );
    expect(shipsResources).toBe(true);
    expect(existsSync(resolve(root, 'resources/fonts/LICENSE-Apache-2.0.txt'))).toBe(true);
  });

  it('has a glyph for every Chinese character a report can hold; Helvetica has the rest', async () => {
    const font = fontkit.create(readFileSync(join(root, REPORT_FONT_FILE)));
    const helvetica = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
    const texts = [...Object.values(REPORT_TEXT['zh-CN']), ...Object.values(METRIC_LABELS).map((l) => l['zh-CN'])];
    const neither = [...new Set(texts.join(''))].filter((ch) => {
      if (font.hasGlyphForCodePoint(ch.codePointAt(0)!)) return false;
      try {
        helvetica.encodeText(ch);
        return false;
      } catch {
        return true;
      }
    });
    // A new label with a character outside both: rerun `npm run report-font` (it adds the report's own characters).
    expect(neither).toEqual([]);
    // And the whole of GB2312's 6,763 hanzi, for names that are not in the report's texts today.
    const decoder = new TextDecoder('gb18030');
    let hanzi = 0;
    let missing = 0;
    for (let row = 16; row <= 87; row++) {
      for (let cell = 1; cell <= 94; cell++) {
        const ch = decoder.decode(new Uint8Array([0xa0 + row, 0xa0 + cell]));
        if (ch.length !== 1 || ch === '\ufffd' || /[\ue000-\uf8ff]/.test(ch)) continue;
        hanzi++;
        if (!font.hasGlyphForCodePoint(ch.codePointAt(0)!)) missing++;
      }
    }
    expect([hanzi, missing]).toEqual([6763, 0]);
  });
});
