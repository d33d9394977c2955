import { afterEach, describe, expect, it } from 'vitest';
import { queryDashboard } from '../../../../../node/kiosk/dashboard/dashboardQueries';
import { createMemoryLogger } from '../../../../../node/kiosk/logger';
import { createServices, type Services } from '../../../../../node/kiosk/services';
import { recordKnownDay } from '../../../../fixtures/upload/dashboardData';
import { tempDir } from '../../../../fixtures/upload/kioskHarness';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function kiosk(): Services {
  const t = tempDir('dash-');
  const s = createServices({ dataDir: t.dir, appVersion: 't', runtime: 'web', log: createMemoryLogger() });
  cleanups.push(t.cleanup, () => s.close());
  recordKnownDay(s);
  return s;
}

describe('dashboard queries in the kiosk time zone (Asia/Shanghai)', () => {
  it('one local day: footfall, smile ratios, lift and the change against the day before', () => {
    const s = kiosk();
    const d = queryDashboard(s.db, '2026-03-02', '2026-03-02', 'Asia/Shanghai');
    expect(d.period).toEqual({
      from: '2026-03-02',
      to: '2026-03-02',
      days: 1,
      startMs: Date.parse('2026-03-01T16:00:00Z'),
      endMs: Date.parse('2026-03-02T16:00:00Z'),
    });
    expect(d.previousPeriod).toMatchObject({ from: '2026-03-01', to: '2026-03-01', days: 1 });
    expect(d.current).toMatchObject({ footfallIn: 11, footfallOut: 8, entrySmiling: 4, exitSmiling: 6, exitSmileRatio: 0.75 });
    expect(d.current.entrySmileRatio).toBeCloseTo(4 / 11, 12);
    expect(d.current.lift).toBeCloseTo(0.75 - 4 / 11, 12);
    expect(d.current.usage).toEqual({ 'exhibit.history.opened': 6, 'session.started': 2 });
    expect(d.previous).toMatchObject({
      footfallIn: 4,
      footfallOut: 2,
      entrySmileRatio: 0.25,
      exitSmileRatio: 0.5,
      lift: 0.25,
      usage: { 'exhibit.history.opened': 3 },
    });
    expect(d.change.footfallIn).toEqual({ current: 11, previous: 4, delta: 7, percent: 175 });
    expect(d.change.footfallOut).toEqual({ current: 8, previous: 2, delta: 6, percent: 300 });
    expect(d.change.usage['exhibit.history.opened']).toEqual({ current: 6, previous: 3, delta: 3, percent: 100 });
    expect(d.change.usage['session.started']).toEqual({ current: 2, previous: 0, delta: 2, percent: null });
  });

  it('an hourly series of 24 local hours and a weekday x hour heat map', () => {
    const d = queryDashboard(kiosk().db, '2026-03-02', '2026-03-02', 'Asia/Shanghai');
    expect(d.series.granularity).toBe('hour');
    expect(d.series.points).toHaveLength(24);
    expect(d.series.points[0]).toEqual({
      start: Date.parse('2026-03-01T16:00:00Z'),
      label: '2026-03-02 00:00',
      entryVisitors: 10,
      entrySmiling: 4,
      exitVisitors: 8,
      exitSmiling: 6,
    });
    expect(d.series.points[23]).toMatchObject({ label: '2026-03-02 23:00', entryVisitors: 1 });
    expect(d.series.points.slice(1, 23).every((p) => p.entryVisitors === 0)).toBe(true);
    expect(d.heatmap).toHaveLength(7);
    expect(d.heatmap[0]?.[0]).toBe(10); // Monday 00:00
    expect(d.heatmap[0]?.[23]).toBe(1); // Monday 23:00
    expect(d.heatmap.flat().reduce((a, b) => a + b, 0)).toBe(11);
  });

  it('a range over a week becomes a daily series; the heat map puts each count on its local weekday', () => {
    const d = queryDashboard(kiosk().db, '2026-02-24', '2026-03-03', 'Asia/Shanghai');
    expect(d.series.granularity).toBe('day');
    expect(d.series.points).toHaveLength(8);
    expect(d.series.points[0]).toMatchObject({ label: '2026-02-24', start: Date.parse('2026-02-23T16:00:00Z'), entryVisitors: 0 });
    expect(d.series.points.slice(-3).map((p) => [p.label, p.entryVisitors])).toEqual([
      ['2026-03-01', 4],
      ['2026-03-02', 11],
      ['2026-03-03', 100],
    ]);
    expect(d.heatmap[6]?.[23]).toBe(4); // Sunday 23:00
    expect(d.heatmap[1]?.[0]).toBe(100); // Tuesday 00:00
    expect(d.previousPeriod).toMatchObject({ from: '2026-02-16', to: '2026-02-23', days: 8 });
    expect(d.change.footfallIn).toEqual({ current: 115, previous: 0, delta: 115, percent: null });
  });

  it('the same counts seen from UTC land on other days', () => {
    const d = queryDashboard(kiosk().db, '2026-03-02', '2026-03-02', 'UTC');
    expect(d.current.footfallIn).toBe(101);
    expect(d.previous.footfallIn).toBe(14);
  });

  it('empty ranges give nulls, not made-up ratios; bad ranges are refused', () => {
    const s = kiosk();
    const d = queryDashboard(s.db, '2025-01-01', '2025-01-07', 'Asia/Shanghai');
    expect(d.current).toMatchObject({ footfallIn: 0, entrySmileRatio: null, exitSmileRatio: null, lift: null });
    expect(d.series.points).toHaveLength(168);
    expect(() => queryDashboard(s.db, '2026-03-05', '2026-03-01', 'Asia/Shanghai')).toThrow(/ends .* before it starts/);
    expect(() => queryDashboard(s.db, '2026-02-30', '2026-03-01', 'Asia/Shanghai')).toThrow(/no such date/);
    expect(() => queryDashboard(s.db, '2000-01-01', '2026-03-01', 'Asia/Shanghai')).toThrow(/longer than/);
  });
});
