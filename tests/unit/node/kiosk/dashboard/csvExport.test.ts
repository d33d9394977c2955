import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countsCsv, csvField, exportCsv, toCsv } from '../../../../../node/kiosk/dashboard/csvExport';
import { shippedSmileCorrection } from '../../../../../common/smile/smileModel';
import { correctShare } from '../../../../../common/smileShare';
import { createMemoryLogger } from '../../../../../node/kiosk/logger';
import { createServices } from '../../../../../node/kiosk/services';
import { recordKnownDay } from '../../../../fixtures/upload/dashboardData';
import { tempDir } from '../../../../fixtures/upload/kioskHarness';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('CSV (RFC 4180)', () => {
  it('quotes fields with commas, quotes or line breaks and doubles inner quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField(42)).toBe('42');
    expect(csvField(null)).toBe('');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField('滨江, 杨浦')).toBe('"滨江, 杨浦"');
    expect(
      toCsv([
        ['h1', 'h2'],
        ['x,y', 'z'],
      ]),
    ).toBe('h1,h2\r\n"x,y",z\r\n');
  });

  it('exports a local date range to a chosen folder, with local dates across the UTC day boundary', () => {
    const t = tempDir('csv-');
    const s = createServices({ dataDir: join(t.dir, 'kiosk'), appVersion: 't', runtime: 'web', log: createMemoryLogger() });
    cleanups.push(t.cleanup, () => s.close());
    recordKnownDay(s);
    const out = exportCsv(s.db, {
      from: '2026-03-02',
      to: '2026-03-02',
      folder: t.dir,
      timeZone: 'Asia/Shanghai',
      stationId: 'yangpu-qinhuangdao-rd',
    });
    expect(out.path).toBe(join(t.dir, 'riverside-counts_yangpu-qinhuangdao-rd_2026-03-02_2026-03-02.csv'));
    const text = readFileSync(out.path, 'utf8');
    expect(text.startsWith('\uFEFFlocal_date,local_hour,hour_utc,station_id,kiosk_id,metric,value\r\n')).toBe(true);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + out.rows);
    // 7 buckets, then the period's shares: per role counted, corrected, 95 % interval (4 rows), and the model (3 rows).
    expect(out.rows).toBe(7 + 2 * 4 + 3);
    const k = s.settings.get().kioskId;
    expect(lines[1]).toBe(`2026-03-02,00:00,2026-03-01T16:00:00Z,yangpu-qinhuangdao-rd,${k},exhibit.history.opened,6`);
    expect(lines[7]).toBe(`2026-03-02,23:00,2026-03-02T15:00:00Z,yangpu-qinhuangdao-rd,${k},smile.entry.visitors,1`);
    const share = (metric: string) => lines.find((l) => l.split(',')[5] === metric)!;
    // The entry camera counted 4 smiling of 11 that day.
    const entry = correctShare(4, 11, shippedSmileCorrection);
    expect(share('smile.entry.share.raw')).toBe(`2026-03-02/2026-03-02,,,yangpu-qinhuangdao-rd,,smile.entry.share.raw,${4 / 11}`);
    expect(Number(share('smile.entry.share.corrected').split(',')[6])).toBe(entry.correctedShare);
    expect(Number(share('smile.entry.share.corrected.low95').split(',')[6])).toBe(entry.interval!.low);
    expect(Number(share('smile.entry.share.corrected.high95').split(',')[6])).toBe(entry.interval!.high);
    expect(Number(share('smile.exit.share.raw').split(',')[6])).toBe(6 / 8);
    expect(Number(share('smile.model.version').split(',')[6])).toBe(shippedSmileCorrection.version);
    expect(Number(share('smile.model.sensitivity').split(',')[6])).toBe(shippedSmileCorrection.sensitivity);
    expect(Number(share('smile.model.specificity').split(',')[6])).toBe(shippedSmileCorrection.specificity);
    expect(lines.filter((l) => l.includes('smile.entry.visitors')).map((l) => l.split(',').at(-1))).toEqual(['10', '1']);
    expect(out.bytes).toBe(Buffer.byteLength(text));
  });

  it("without a correction (the threshold is not the model's) only the counted shares follow the buckets", () => {
    const t = tempDir('csv-raw-');
    const s = createServices({ dataDir: join(t.dir, 'kiosk'), appVersion: 't', runtime: 'web', log: createMemoryLogger() });
    cleanups.push(t.cleanup, () => s.close());
    recordKnownDay(s);
    const { csv, rows } = countsCsv(s.db, '2026-03-02', '2026-03-02', 'Asia/Shanghai', 'st-1', null);
    expect(rows).toBe(7 + 2);
    expect(
      csv
        .trimEnd()
        .split('\r\n')
        .slice(-2)
        .map((l) => l.split(',')[5]),
    ).toEqual(['smile.entry.share.raw', 'smile.exit.share.raw']);
  });

  it('refuses a folder that does not exist or is not absolute, writing nothing', () => {
    const t = tempDir('csv-missing-');
    const s = createServices({ dataDir: join(t.dir, 'kiosk'), appVersion: 't', runtime: 'web', log: createMemoryLogger() });
    cleanups.push(t.cleanup, () => s.close());
    const base = { from: '2026-03-02', to: '2026-03-02', timeZone: 'Asia/Shanghai', stationId: 'st-1' };
    expect(() => exportCsv(s.db, { ...base, folder: join(t.dir, 'no-usb-stick') })).toThrow(
      /does not exist \(is the USB stick plugged in\?\)/,
    );
    expect(() => exportCsv(s.db, { ...base, folder: 'relative/path' })).toThrow(/absolute/);
  });
});
