import { existsSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { LocalDate } from '../../../common/time';
import { hourToWire } from '../../../common/uploadProtocol';
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

/** The CSV text of every bucket in the local days `from..to`, oldest first. */
export function countsCsv(db: Db, from: LocalDate, to: LocalDate, timeZone: string, stationId: string): { csv: string; rows: number } {
  const p = period(from, to, timeZone);
  const rows = db
    .prepare('SELECT kiosk_id AS k, metric AS m, hour_start AS h, value AS v FROM usage_buckets WHERE hour_start >= ? AND hour_start < ? ORDER BY hour_start, metric, kiosk_id')
    .all(p.startMs, p.endMs) as { k: string; m: string; h: number; v: number }[];
  const local = createLocalHourResolver(timeZone);
  const body = rows.map((r) => {
    const l = local(r.h);
    return [l.date, `${String(l.hour).padStart(2, '0')}:00`, hourToWire(r.h), stationId, r.k, r.m, r.v];
  });
  // A BOM lets Excel on a Chinese Windows read UTF-8 instead of guessing GBK.
  return { csv: `\uFEFF${toCsv([[...CSV_HEADER], ...body])}`, rows: rows.length };
}

export class ExportFolderError extends Error {}

/**
 * Writes the CSV into `folder` (e.g. a USB stick) under a name that says what it holds. The file
 * is written next to its final name and renamed, so a stick pulled out mid-write leaves no
 * half-file under the real name.
 */
export function exportCsv(db: Db, opts: { from: LocalDate; to: LocalDate; folder: string; timeZone: string; stationId: string }): { path: string; rows: number; bytes: number } {
  if (!isAbsolute(opts.folder)) throw new ExportFolderError(`the export folder must be an absolute path: ${opts.folder}`);
  if (!existsSync(opts.folder)) throw new ExportFolderError(`the export folder does not exist (is the USB stick plugged in?): ${opts.folder}`);
  if (!statSync(opts.folder).isDirectory()) throw new ExportFolderError(`not a folder: ${opts.folder}`);
  const { csv, rows } = countsCsv(db, opts.from, opts.to, opts.timeZone, opts.stationId);
  const path = join(opts.folder, `riverside-counts_${opts.stationId}_${opts.from}_${opts.to}.csv`);
  const tmp = `${path}.partial`;
  writeFileSync(tmp, csv, 'utf8');
  renameSync(tmp, path);
  return { path, rows, bytes: Buffer.byteLength(csv) };
}
