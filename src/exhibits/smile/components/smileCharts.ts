import { shownShare, type SmileDay, type SmileHour } from '../../../../common/smileSummary';
import type { ChartOption } from '../../../../web/charts/echarts';

/**
 * echarts options of the big screen's two charts (https://echarts.apache.org/en/option.html), sized to
 * be read from a few metres: large type, two colours (entry gold, exit blue, as the rings), high contrast.
 * Shares are the corrected ones where the summary has them (common/smileShare.ts), in percent with one decimal; an hour or day without
 * visitors has no share point (a gap, not 0 %).
 */
export const ENTRY_COLOUR = '#f2b950';
export const EXIT_COLOUR = '#5fd0f0';
const INK = '#f6efe3';
const INK_SOFT = 'rgba(246, 239, 227, 0.8)';
const GRID_LINE = 'rgba(255, 255, 255, 0.12)';
const FONT_FAMILY = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Noto Sans SC", system-ui, sans-serif';

export interface ChartLabels {
  visitorsIn: string;
  visitorsOut: string;
  shareIn: string;
  shareOut: string;
}

/** Axis type: a little smaller than the legend, never below 11 px. */
const axisSize = (fontSize: number) => Math.max(11, fontSize - 4);

/**
 * Type size for a chart of this height: 22 px (read from a few metres) wherever the chart is 220 px tall or more (the
 * big screen at 1080p, and 720p with its compact layout), smaller in a smaller chart (down to 13 px), so that the
 * axis, legend and plot still fit instead of overlapping.
 */
export function chartFontSize(chartHeight: number): number {
  if (!(chartHeight > 0)) return 22;
  return Math.max(13, Math.min(22, Math.round(chartHeight / 10)));
}

/**
 * Whether a week column can also carry the day's visitors ("100进 30出") under the date: about 5.4 em of the
 * axis type per column, else the label would run into the next day's.
 */
export function weekLabelHasRoom(chartWidth: number, fontSize: number): boolean {
  const plotWidth = chartWidth - 3 * fontSize; // the y-axis labels and margins (grid below)
  return plotWidth / 7 >= 5.4 * axisSize(fontSize);
}

const pct = (share: number | null): number | null => (share == null ? null : Math.round(share * 1000) / 10);

function base(fontSize: number, animate: boolean): ChartOption {
  return {
    animation: animate,
    animationDuration: 900,
    animationDurationUpdate: 900,
    textStyle: { color: INK, fontSize, fontFamily: FONT_FAMILY },
    legend: {
      top: 0,
      right: 8,
      textStyle: { color: INK, fontSize: fontSize - 2 },
      itemWidth: Math.round(fontSize * 1.2),
      itemHeight: Math.round(fontSize * 0.7),
    },
  };
}

/** Today hour by hour: visitors in and out as bars, the two smile shares as lines on a 0-100 % axis. */
export function hourlyChart(hours: SmileHour[], labels: ChartLabels, opts: { fontSize?: number; animate?: boolean } = {}): ChartOption {
  const fontSize = opts.fontSize ?? 22;
  return {
    ...base(fontSize, opts.animate ?? true),
    grid: { left: 2.6 * fontSize, right: 3.3 * fontSize, top: 2.2 * fontSize, bottom: 1.7 * fontSize },
    xAxis: {
      type: 'category',
      data: hours.map((h) => String(h.hour)),
      axisLabel: { color: INK_SOFT, fontSize: axisSize(fontSize), interval: 1 },
      axisLine: { lineStyle: { color: GRID_LINE } },
    },
    yAxis: [
      {
        type: 'value',
        minInterval: 1,
        splitNumber: 3,
        axisLabel: { color: INK_SOFT, fontSize: axisSize(fontSize) },
        splitLine: { lineStyle: { color: GRID_LINE } },
      },
      {
        type: 'value',
        min: 0,
        max: 100,
        interval: 50,
        axisLabel: { color: INK_SOFT, fontSize: axisSize(fontSize), formatter: '{value}%' },
        splitLine: { show: false },
      },
    ],
    series: [
      { name: labels.visitorsIn, type: 'bar', data: hours.map((h) => h.entry.visitors), itemStyle: { color: ENTRY_COLOUR, opacity: 0.55 } },
      { name: labels.visitorsOut, type: 'bar', data: hours.map((h) => h.exit.visitors), itemStyle: { color: EXIT_COLOUR, opacity: 0.55 } },
      {
        name: labels.shareIn,
        type: 'line',
        yAxisIndex: 1,
        data: hours.map((h) => pct(shownShare(h.entry))),
        itemStyle: { color: ENTRY_COLOUR },
        lineStyle: { width: 5 },
        symbolSize: 10,
      },
      {
        name: labels.shareOut,
        type: 'line',
        yAxisIndex: 1,
        data: hours.map((h) => pct(shownShare(h.exit))),
        itemStyle: { color: EXIT_COLOUR },
        lineStyle: { width: 5 },
        symbolSize: 10,
      },
    ],
  };
}

/** The last seven days: each day's entry and exit shares side by side, the value written on the bar. */
export function weekChart(
  days: SmileDay[],
  dayLabel: (date: string) => string,
  labels: ChartLabels,
  opts: { fontSize?: number; animate?: boolean } = {},
): ChartOption {
  const fontSize = opts.fontSize ?? 22;
  const barLabel = { show: true, position: 'top' as const, color: INK, fontSize: axisSize(fontSize), formatter: '{c}%' };
  return {
    ...base(fontSize, opts.animate ?? true),
    // Room above the bars for the legend and a 100 % bar's value; below for a two- or three-line day label.
    grid: { left: 2.6 * fontSize, right: 0.8 * fontSize, top: 3 * fontSize, bottom: 3.6 * fontSize },
    xAxis: {
      type: 'category',
      data: days.map((d) => dayLabel(d.date)),
      axisLabel: { color: INK_SOFT, fontSize: axisSize(fontSize), lineHeight: axisSize(fontSize) + 3, interval: 0 },
      axisLine: { lineStyle: { color: GRID_LINE } },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: 100,
      interval: 50,
      axisLabel: { color: INK_SOFT, fontSize: axisSize(fontSize), formatter: '{value}%' },
      splitLine: { lineStyle: { color: GRID_LINE } },
    },
    series: [
      {
        name: labels.shareIn,
        type: 'bar',
        data: days.map((d) => pct(shownShare(d.entry))),
        itemStyle: { color: ENTRY_COLOUR },
        label: barLabel,
      },
      {
        name: labels.shareOut,
        type: 'bar',
        data: days.map((d) => pct(shownShare(d.exit))),
        itemStyle: { color: EXIT_COLOUR },
        label: barLabel,
      },
    ],
  };
}
