import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvField, exportCsv, toCsv } from '../../../../../node/kiosk/dashboard/csvExport';
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
    expect(toCsv([['h1', 'h2'], ['x,y', 'z']])).toBe('h1,h2\r\n"x,y",z\r\n');
  });

  it('exports a local date range to a chosen folder, with local dates across the UTC day boundary', () => {
    const t = tempDir('csv-');
    const s = createServices({ dataDir: join(t.dir, 'kiosk'), appVersion: 't', runtime: 'web', log: createMemoryLogger() });
    cleanups.push(t.cleanup, () => s.close());
    recordKnownDay(s);
    const out = exportCsv(s.db, { from: '2026-03-02', to: '2026-03-02', folder: t.dir, timeZone: 'Asia/Shanghai', stationId: 'yangpu-qinhuangdao-rd' });
    expect(out.path).toBe(join(t.dir, 'riverside-counts_yangpu-qinhuangdao-rd_2026-03-02_2026-03-02.csv'));
    const text = readFileSync(out.path, 'utf8');
    expect(text.startsWith('\uFEFFlocal_date,local_hour,hour_utc,station_id,kiosk_id,metric,value\r\n')).toBe(true);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + out.rows);
    expect(out.rows).toBe(7);
    const k = s.settings.get().kioskId;
    expect(lines[1]).toBe(`2026-03-02,00:00,2026-03-01T16:00:00Z,yangpu-qinhuangdao-rd,${k},exhibit.history.opened,6`);
    expect(lines.at(-1)).toBe(`2026-03-02,23:00,2026-03-02T15:00:00Z,yangpu-qinhuangdao-rd,${k},smile.entry.visitors,1`);
    expect(lines.filter((l) => l.includes('smile.entry.visitors')).map((l) => l.split(',').at(-1))).toEqual(['10', '1']);
    expect(out.bytes).toBe(Buffer.byteLength(text));
  });

  it('refuses a folder that does not exist or is not absolute, writing nothing', () => {
    const t = tempDir('csv-missing-');
    const s = createServices({ dataDir: join(t.dir, 'kiosk'), appVersion: 't', runtime: 'web', log: createMemoryLogger() });
    cleanups.push(t.cleanup, () => s.close());
    const base = { from: '2026-03-02', to: '2026-03-02', timeZone: 'Asia/Shanghai', stationId: 'st-1' };
    expect(() => exportCsv(s.db, { ...base, folder: join(t.dir, 'no-usb-stick') })).toThrow(/does not exist \(is the USB stick plugged in\?\)/);
    expect(() => exportCsv(s.db, { ...base, folder: 'relative/path' })).toThrow(/absolute/);
  });
});
