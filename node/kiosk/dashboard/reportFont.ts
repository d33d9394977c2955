import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The CJK font the PDF report embeds. The app ships one (resources/fonts/ReportFontSC.ttf: Droid Sans Fallback
 * cut down to GB2312 by scripts/report-font.ts), so the report is in Chinese on every kiosk, whatever fonts the
 * machine has. It is looked for where each way of running the services puts resources/:
 *   packaged Electron   process.resourcesPath/resources/fonts (electron-builder.yml `extraResources`)
 *   bundles             two levels above dist/electron/main.cjs and dist/node/webhost.cjs
 *   tsx (CLIs, tests)   three levels above node/kiosk/dashboard
 */
export const REPORT_FONT_FILE = join('resources', 'fonts', 'ReportFontSC.ttf');

const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));

/** Where the shipped font may be, most specific first. `resourcesPath` is Electron's (undefined under plain Node). */
export function shippedReportFontPaths(
  from: string = here,
  resourcesPath: string | undefined = (process as { resourcesPath?: string }).resourcesPath,
): string[] {
  return [
    ...(resourcesPath ? [join(resourcesPath, REPORT_FONT_FILE)] : []),
    join(from, '..', '..', REPORT_FONT_FILE),
    join(from, '..', '..', '..', REPORT_FONT_FILE),
  ];
}

/**
 * The CJK font to embed: KIOSK_REPORT_FONT if set and a TrueType/OpenType file that exists, else the first of the
 * candidates (the shipped font's places) that exists. pdf-lib cannot embed collections (.ttc).
 */
export function findCjkFont(candidates: readonly string[] = shippedReportFontPaths(), env: NodeJS.ProcessEnv = process.env): string | null {
  const list = env.KIOSK_REPORT_FONT ? [env.KIOSK_REPORT_FONT, ...candidates] : candidates;
  return list.find((p) => /\.(ttf|otf)$/i.test(p) && existsSync(p)) ?? null;
}
