import { readFileSync } from 'node:fs';
import { smileCorrectionAt } from '../../../common/smile/smileModel';
import { KioskError } from '../../../common/contract';
import { localDateOf, zonedParts } from '../../../common/time';
import { ExportFolderError } from '../dashboard/csvExport';
import { exportReportPdf } from '../dashboard/pdfReport';
import { findCjkFont } from '../dashboard/reportFont';
import type { Services } from '../services';
import type { Handlers } from './dispatcher';

/** The printable PDF report of the operator console, merged into createHandlers. */
export function createReportHandlers(s: Services): Pick<Handlers, 'exportReportPdf'> {
  return {
    async exportReportPdf({ from, to, folder }) {
      const st = s.settings.get();
      const now = zonedParts(s.now(), st.timeZone);
      const generatedAt = `${localDateOf(s.now(), st.timeZone)} ${String(now.hour).padStart(2, '0')}:${String(now.minute).padStart(2, '0')} (${st.timeZone})`;
      try {
        // Looked up on each export: a font installed later is used without a restart.
        const out = await exportReportPdf(s.db, {
          from,
          to,
          folder,
          timeZone: st.timeZone,
          stationId: st.stationId,
          generatedAt,
          fontPath: findCjkFont(),
          readFont: readFileSync,
          correction: smileCorrectionAt(s.exhibitConfig.get('smile').value.threshold),
        });
        s.log.info('dashboard.pdf_exported', { bytes: out.bytes, language: out.language });
        return out;
      } catch (err) {
        // A bad range or a missing folder is the operator's to fix, not an internal error.
        if (err instanceof ExportFolderError) throw new KioskError({ code: 'NOT_FOUND', message: err.message });
        if (err instanceof RangeError) throw new KioskError({ code: 'BAD_REQUEST', message: err.message });
        throw err;
      }
    },
  };
}
