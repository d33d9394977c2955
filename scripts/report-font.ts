// Builds resources/fonts/ReportFontSC.ttf, the CJK font the PDF report always embeds (node/kiosk/dashboard/reportFont.ts):
// Droid Sans Fallback (Apache-2.0, Debian's fonts-droid-fallback) cut down to the characters a report can hold,
// so the kiosk writes its report in Chinese on every machine without a 4 MB font or a system font.
//
//   npm run report-font [-- /path/to/DroidSansFallbackFull.ttf]
//
// Needs Debian's python3-fonttools (pyftsubset: https://fonttools.readthedocs.io/en/latest/subset/) and the source
// font (apt-get install fonts-droid-fallback, or `apt-get download fonts-droid-fallback && dpkg-deb -x` it anywhere).
// The character set: ASCII, GB2312's punctuation and full-width forms (rows 1 and 3) and its 6,763 hanzi (levels 1 and
// 2), plus every character of the report's Chinese texts and metric labels (a new label outside GB2312 is added here
// the next time this runs; tests/unit/node/kiosk/dashboard/reportFont.test.ts fails until it is).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { METRIC_LABELS } from '../common/metricLabels';
import { REPORT_TEXT } from '../node/kiosk/dashboard/reportText';

const source = process.argv[2] ?? '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf';
const out = 'resources/fonts/ReportFontSC.ttf';

/** The characters of GB2312 rows `from..to` (EUC-CN lead bytes 0xA0 + row), decoded by the WHATWG gb18030 decoder. */
function gb2312Rows(from: number, to: number): string {
  const decoder = new TextDecoder('gb18030', { fatal: false });
  let chars = '';
  for (let row = from; row <= to; row++) {
    for (let cell = 1; cell <= 94; cell++) {
      const ch = decoder.decode(new Uint8Array([0xa0 + row, 0xa0 + cell]));
      // Unassigned cells decode to U+FFFD or to private-use code points: skip both.
      if (ch.length === 1 && ch !== '\ufffd' && !/[\ue000-\uf8ff]/.test(ch)) chars += ch;
    }
  }
  return chars;
}

const ascii = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');
const reportTexts =
  Object.values(REPORT_TEXT['zh-CN']).join('') +
  Object.values(METRIC_LABELS)
    .map((l) => l['zh-CN'])
    .join('');
const text = [...new Set(ascii + gb2312Rows(1, 1) + gb2312Rows(3, 3) + gb2312Rows(16, 87) + reportTexts)].join('');

const tmp = mkdtempSync(join(tmpdir(), 'report-font-'));
try {
  const textFile = join(tmp, 'chars.txt');
  writeFileSync(textFile, text);
  // No hinting (a PDF is scaled, not rasterised at fixed sizes) and no layout tables beyond what the report needs.
  execFileSync(
    '/usr/bin/python3',
    [
      '-m',
      'fontTools.subset',
      source,
      `--text-file=${textFile}`,
      `--output-file=${out}`,
      '--no-hinting',
      '--layout-features=',
      '--name-IDs=*',
      '--notdef-outline',
    ],
    { stdio: 'inherit' },
  );
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`${out}: ${[...text].length} characters requested, ${statSync(out).size} bytes`);
