import { KioskError } from '../../../common/contract';
import { smileCorrectionAt } from '../../../common/smile/smileModel';
import { localDateOf } from '../../../common/time';
import { queryDashboard } from '../dashboard/dashboardQueries';
import { exportCsv, ExportFolderError } from '../dashboard/csvExport';
import { UPLOAD_TOKEN } from '../secretStore';
import type { Services } from '../services';
import type { Handlers } from './dispatcher';

type UploadHandlerNames = 'getDashboard' | 'exportCsv' | 'getHealth' | 'getUploadSettings' | 'updateUploadSettings' | 'uploadNow';

/** A range error from the date math is the caller's mistake, not an internal one. */
function badRange<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof RangeError || err instanceof ExportFolderError) {
      throw new KioskError({ code: err instanceof ExportFolderError ? 'NOT_FOUND' : 'BAD_REQUEST', message: err.message });
    }
    throw err;
  }
}

/** Operator console handlers, merged into createHandlers. */
export function createUploadHandlers(s: Services): Pick<Handlers, UploadHandlerNames> {
  const view = () => ({ ...s.settings.get().upload, tokenSet: s.secrets.isSet(UPLOAD_TOKEN), tokenProtection: s.secrets.protection });
  return {
    getDashboard({ from, to }) {
      return badRange(() =>
        queryDashboard(s.db, from, to, s.settings.get().timeZone, smileCorrectionAt(s.exhibitConfig.get('smile').value.threshold)),
      );
    },
    exportCsv({ from, to, folder }) {
      const st = s.settings.get();
      const correction = smileCorrectionAt(s.exhibitConfig.get('smile').value.threshold);
      const out = badRange(() => exportCsv(s.db, { from, to, folder, timeZone: st.timeZone, stationId: st.stationId, correction }));
      s.log.info('dashboard.csv_exported', { rows: out.rows, bytes: out.bytes, on: localDateOf(s.now(), st.timeZone) });
      return out;
    },
    getHealth() {
      return s.health.get();
    },
    getUploadSettings: view,
    updateUploadSettings({ token, clearToken, ...fields }) {
      // Settings first: an invalid URL is refused before the token is touched.
      if (Object.keys(fields).length > 0) s.settings.update({ upload: { ...s.settings.get().upload, ...fields } });
      if (token) s.secrets.set(UPLOAD_TOKEN, token);
      if (clearToken) s.secrets.clear(UPLOAD_TOKEN);
      s.log.info('upload.settings_updated', { fields: Object.keys(fields), tokenChanged: Boolean(token || clearToken) });
      return view();
    },
    uploadNow() {
      return s.uploader.uploadNow();
    },
  };
}
