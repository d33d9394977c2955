import { describe, expect, it } from 'vitest';
import { axisLabel, footfallChart, heatmapChart } from '../../../../../src/views/operator/dashboard/chartOptions';

const period = (from: string, to: string, days: number) => ({ from, to, days, startMs: 0, endMs: 0 });
const noShare = { n: 0, rawShare: null, correctedShare: null, interval: null };
const summary = {
  footfallIn: 0,
  footfallOut: 0,
  entrySmiling: 0,
  exitSmiling: 0,
  entrySmileRatio: null,
  exitSmileRatio: null,
  lift: null,
  entryShare: noShare,
  exitShare: noShare,
  correctedLift: null,
  usage: {},
};
const none = { current: null, previous: null, delta: null, percent: null };

function dashboard(
  points: { label: string; entryVisitors: number; entrySmiling: number; exitVisitors: number; exitSmiling: number }[],
  granularity: 'hour' | 'day',
  days: number,
) {
  const heatmap = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  heatmap[2]![10] = 9;
  return {
    timeZone: 'Asia/Shanghai',
    period: period('2026-03-18', '2026-03-18', days),
    previousPeriod: period('2026-03-17', '2026-03-17', days),
    current: summary,
    previous: summary,
    change: {
      footfallIn: none,
      footfallOut: none,
      entrySmileRatio: none,
      exitSmileRatio: none,
      lift: none,
      entryCorrectedShare: none,
      exitCorrectedShare: none,
      correctedLift: none,
      usage: {},
    },
    smileModel: null,
    series: { granularity, points: points.map((p, i) => ({ start: i, ...p })) },
    heatmap,
  };
}
const labels = { footfallIn: 'in', footfallOut: 'out', entryRatio: 'entry %', exitRatio: 'exit %' };

describe('dashboard chart options', () => {
  it('labels hours by time for one day, by date and time for several, and days by date', () => {
    expect(axisLabel('2026-03-18 10:00', 'hour', 1)).toBe('10:00');
    expect(axisLabel('2026-03-18 10:00', 'hour', 7)).toBe('03-18 10:00');
    expect(axisLabel('2026-03-18', 'day', 30)).toBe('03-18');
  });

  it('footfall bars and smile-ratio lines (percent, none without visitors) from the series', () => {
    const d = dashboard(
      [
        { label: '2026-03-18 10:00', entryVisitors: 8, entrySmiling: 2, exitVisitors: 4, exitSmiling: 3 },
        { label: '2026-03-18 11:00', entryVisitors: 0, entrySmiling: 0, exitVisitors: 0, exitSmiling: 0 },
      ],
      'hour',
      1,
    );
    const o = footfallChart(d, labels) as { xAxis: { data: string[] }; series: { name: string; type: string; data: (number | null)[] }[] };
    expect(o.xAxis.data).toEqual(['10:00', '11:00']);
    expect(o.series.map((s) => [s.name, s.type, s.data])).toEqual([
      ['in', 'bar', [8, 0]],
      ['out', 'bar', [4, 0]],
      ['entry %', 'line', [25, null]],
      ['exit %', 'line', [75, null]],
    ]);
  });

  it('the heat map has one cell per weekday and hour, scaled to the busiest', () => {
    const o = heatmapChart(dashboard([], 'day', 30), ['M', 'T', 'W', 'T', 'F', 'S', 'S'], 'in') as {
      series: { data: number[][] }[];
      visualMap: { max: number };
      yAxis: { data: string[] };
    };
    expect(o.series[0]!.data).toHaveLength(7 * 24);
    expect(o.series[0]!.data).toContainEqual([10, 2, 9]);
    expect(o.visualMap.max).toBe(9);
    expect(o.yAxis.data).toHaveLength(7);
  });
});
