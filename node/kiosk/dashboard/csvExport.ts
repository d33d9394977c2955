import { existsSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { LocalDate } from '../../../common/time';
import { hourToWire } from '../../../common/uploadProtocol';
import { shippedSmileCorrection } from '../../../common/smile/smileModel';
import { correctShare, type SmileCorrection } from '../../../common/smileShare';
import { SMILE_METRICS } from './dashboardQueries';
import type { Db } from '../db/openDatabase';
import { period } from './dashboardQueries';
import { createLocalHourResolver } from './localHours';

/** One field quoted per RFC 4180 section 2 (https://www.rfc-editor.org/rfc/rfc4180#section-2). */
export function csvField(v: string | number | null): string {
  const s = v == null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Records separated by CRLF, as RFC 4180 asks. */
export function toCsv(rows: readonly (readonly (string | number | null)[])[]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export const CSV_HEADER = ['local_date', 'local_hour', 'hour_utc', 'station_id', 'kiosk_id', 'metric', 'value'] as const;

/**
 * The period's smiling shares after the buckets, one row per figure, `local_date` the period as an ISO 8601 interval
 * (`from/to`) and the hour columns empty: per camera role the share as counted, the share corrected for the smile
 * classifier's known error and its 95 % interval (common/smileShare.ts), and the version, sensitivity and
 * specificity of the smile model they were corrected with. Without a correction (the threshold is not the model's)
 * only the counted shares are written. Without visitors a role's shares are left out (no share, not 0).
 */
function shareRows(
  db: Db,
  p: { startMs: number; endMs: number },
  period: string,
  stationId: string,
  kioskId: string,
  correction: SmileCorrection | null,
): (string | number)[][] {
  const totals = Object.fromEntries(
    (
      db
        .prepare('SELECT metric, SUM(value) AS total FROM usage_buckets WHERE hour_start >= ? AND hour_start < ? GROUP BY metric')
        .all(p.startMs, p.endMs) as { metric: string; total: number }[]
    ).map((r) => [r.metric, r.total]),
  );
  const row = (metric: string, value: number): (string | number)[] => [period, '', '', stationId, kioskId, metric, value];
  const rows: (string | number)[][] = [];
  for (const [role, visitorsMetric, smilingMetric] of [
    ['entry', SMILE_METRICS.entryVisitors, SMILE_METRICS.entrySmiling],
    ['exit', SMILE_METRICS.exitVisitors, SMILE_METRICS.exitSmiling],
  ] as const) {
    const visitors = totals[visitorsMetric] ?? 0;
    if (visitors <= 0) continue;
    const smiling = Math.min(totals[smilingMetric] ?? 0, visitors);
    rows.push(row(`smile.${role}.share.raw`, smiling / visitors));
    if (!correction) continue;
    const c = correctShare(smiling, visitors, correction);
    if (c.correctedShare != null) rows.push(row(`smile.${role}.share.corrected`, c.correctedShare));
    if (c.interval)
      rows.push(row(`smile.${role}.share.corrected.low95`, c.interval.low), row(`smile.${role}.share.corrected.high95`, c.interval.high));
  }
  if (correction)
    rows.push(
      row('smile.model.version', correction.version),
      row('smile.model.sensitivity', correction.sensitivity),
      row('smile.model.specificity', correction.specificity),
    );
  return rows;
}

/** The CSV text of every bucket in the local days `from..to`, oldest first, then the period's smiling shares. */
export function countsCsv(
  db: Db,
  from: LocalDate,
  to: LocalDate,
  timeZone: string,
  stationId: string,
  correction: SmileCorrection | null = shippedSmileCorrection,
  kioskId = '',
): { csv: string; rows: number } {
  const p = period(from, to, timeZone);
  const rows = db
    .prepare(
      'SELECT kiosk_id AS k, metric AS m, hour_start AS h, value AS v FROM usage_buckets WHERE hour_start >= ? AND hour_start < ? ORDER BY hour_start, metric, kiosk_id',
    )
    .all(p.startMs, p.endMs) as { k: string; m: string; h: number; v: number }[];
  const local = createLocalHourResolver(timeZone);
  const body = rows.map((r) => {
    const l = local(r.h);
    return [l.date, `${String(l.hour).padStart(2, '0')}:00`, hourToWire(r.h), stationId, r.k, r.m, r.v];
  });
  body.push(...shareRows(db, p, `${from}/${to}`, stationId, kioskId, correction));
  // A BOM lets Excel on a Chinese Windows read UTF-8 instead of guessing GBK.
  return { csv: `\uFEFF${toCsv([[...CSV_HEADER], ...body])}`, rows: body.length };
}

export class ExportFolderError extends Error {}

/**
 * Writes the CSV into `folder` (e.g. a USB stick) under a name that says what it holds. The file
 * is written next to its final name and renamed, so a stick pulled out mid-write leaves no
 * half-file under the real name.
 */
export function exportCsv(
  db: Db,
  opts: { from: LocalDate; to: LocalDate; folder: string; timeZone: string; stationId: string; correction?: SmileCorrection | null },
): { path: string; rows: number; bytes: number } {
  if (!isAbsolute(opts.folder)) throw new ExportFolderError(`the export folder must be an absolute path: ${opts.folder}`);
  if (!existsSync(opts.folder))
    throw new ExportFolderError(`the export folder does not exist (is the USB stick plugged in?): ${opts.folder}`);
  if (!statSync(opts.folder).isDirectory()) throw new ExportFolderError(`not a folder: ${opts.folder}`);
  const { csv, rows } = countsCsv(
    db,
    opts.from,
    opts.to,
    opts.timeZone,
    opts.stationId,
    opts.correction === undefined ? shippedSmileCorrection : opts.correction,
  );
  const path = join(opts.folder, `riverside-counts_${opts.stationId}_${opts.from}_${opts.to}.csv`);
  const tmp = `${path}.partial`;
  writeFileSync(tmp, csv, 'utf8');
  renameSync(tmp, path);
  return { path, rows, bytes: Buffer.byteLength(csv) };
}
