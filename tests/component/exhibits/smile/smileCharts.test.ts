import { describe, expect, it } from 'vitest';
import {
  chartFontSize,
  ENTRY_COLOUR,
  EXIT_COLOUR,
  hourlyChart,
  weekChart,
  weekLabelHasRoom,
} from '../../../../src/exhibits/smile/components/smileCharts';
import { summaryOf } from './smileFixtures';

const labels = { visitorsIn: 'in', visitorsOut: 'out', shareIn: 'share in', shareOut: 'share out' };
type Series = { name: string; type: string; data: (number | null)[]; itemStyle: { color: string } }[];

describe("the big screen's chart options", () => {
  it('hourly: visitors as bars, shares as percent lines with gaps (not 0) where nobody passed', () => {
    // Not corrected (correction null): the shares as counted.
    const s = summaryOf([100, 21], [30, 26], { correction: null });
    const o = hourlyChart(s.hourly, labels, { animate: false });
    expect(o.animation).toBe(false);
    expect((o.xAxis as { data: string[] }).data).toEqual(Array.from({ length: 24 }, (_, i) => String(i)));
    const series = o.series as Series;
    expect(series.map((x) => [x.name, x.type])).toEqual([
      ['in', 'bar'],
      ['out', 'bar'],
      ['share in', 'line'],
      ['share out', 'line'],
    ]);
    expect(series[0]?.data[10]).toBe(100);
    expect(series[1]?.data[10]).toBe(30);
    expect(series[2]?.data[10]).toBe(21);
    expect(series[3]?.data[10]).toBe(86.7);
    expect(series[2]?.data[9]).toBeNull();
    expect(series[2]?.itemStyle.color).toBe(ENTRY_COLOUR);
    // Corrected (Se 0.88, Sp 0.90): the lines show the corrected shares, (0.21 - 0.10) / 0.78 and (26/30 - 0.10) / 0.78.
    const corrected = hourlyChart(summaryOf([100, 21], [30, 26]).hourly, labels).series as Series;
    expect(corrected[0]?.data[10]).toBe(100);
    expect(corrected[2]?.data[10]).toBe(14.1);
    expect(corrected[3]?.data[10]).toBe(98.3);
    expect(series[3]?.itemStyle.color).toBe(EXIT_COLOUR);
  });

  it('week: seven days of shares in and out, labelled by the caller, animated unless told not to', () => {
    const s = summaryOf([4, 1], [4, 3], { correction: null });
    const o = weekChart(s.days, (d) => d.slice(5), labels);
    expect(o.animation).toBe(true);
    expect((o.xAxis as { data: string[] }).data).toEqual(['03-12', '03-13', '03-14', '03-15', '03-16', '03-17', '03-18']);
    const series = o.series as Series;
    expect(series.map((x) => x.data)).toEqual([
      [null, null, null, null, null, null, 25],
      [null, null, null, null, null, null, 75],
    ]);
  });
});

describe('chart sizing', () => {
  it('keeps 22 px type in a chart of 220 px or more, shrinks it in a smaller one, never below 13 px', () => {
    expect(chartFontSize(0)).toBe(22); // not measured yet
    expect(chartFontSize(300)).toBe(22);
    expect(chartFontSize(220)).toBe(22);
    expect(chartFontSize(160)).toBe(16);
    expect(chartFontSize(60)).toBe(13);
  });

  it('grows the margins with the type, so the axis labels keep their room', () => {
    const s = summaryOf([4, 1], [4, 3]);
    const small = hourlyChart(s.hourly, labels, { fontSize: 13 }).grid as { top: number; bottom: number };
    const large = hourlyChart(s.hourly, labels, { fontSize: 22 }).grid as { top: number; bottom: number };
    expect(large.top).toBeGreaterThan(small.top);
    expect(large.bottom).toBeGreaterThan(small.bottom);
  });

  it("puts the day's visitors under the date only where a week column has room for them", () => {
    expect(weekLabelHasRoom(760, 22)).toBe(true); // 1080p landscape: the week chart is ~760 px wide
    expect(weekLabelHasRoom(460, 22)).toBe(false); // 720p landscape: ~460 px
    expect(weekLabelHasRoom(460, 13)).toBe(true);
  });
});
