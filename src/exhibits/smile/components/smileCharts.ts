import type { SmileDay, SmileHour } from '../../../../common/smileSummary';
import type { ChartOption } from '../../../charts/echarts';

/**
 * echarts options of the big screen's two charts (https://echarts.apache.org/en/option.html), sized to
 * be read from a few metres: large type, two colours (entry gold, exit blue, as the rings), high contrast.
 * Shares are percent with one decimal; an hour or day without visitors has no share point (a gap, not 0 %).
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

const pct = (share: number | null): number | null => (share == null ? null : Math.round(share * 1000) / 10);

function base(fontSize: number, animate: boolean): ChartOption {
  return {
    animation: animate,
    animationDuration: 900,
    animationDurationUpdate: 900,
    textStyle: { color: INK, fontSize, fontFamily: FONT_FAMILY },
    legend: { top: 0, right: 8, textStyle: { color: INK, fontSize: fontSize - 2 }, itemWidth: 26, itemHeight: 16 },
  };
}

/** Today hour by hour: visitors in and out as bars, the two smile shares as lines on a 0-100 % axis. */
export function hourlyChart(hours: SmileHour[], labels: ChartLabels, opts: { fontSize?: number; animate?: boolean } = {}): ChartOption {
  const fontSize = opts.fontSize ?? 22;
  return {
    ...base(fontSize, opts.animate ?? true),
    grid: { left: 56, right: 72, top: 48, bottom: 36 },
    xAxis: {
      type: 'category',
      data: hours.map((h) => String(h.hour)),
      axisLabel: { color: INK_SOFT, fontSize: fontSize - 4, interval: 1 },
      axisLine: { lineStyle: { color: GRID_LINE } },
    },
    yAxis: [
      { type: 'value', minInterval: 1, splitNumber: 3, axisLabel: { color: INK_SOFT, fontSize: fontSize - 4 }, splitLine: { lineStyle: { color: GRID_LINE } } },
      { type: 'value', min: 0, max: 100, interval: 50, axisLabel: { color: INK_SOFT, fontSize: fontSize - 4, formatter: '{value}%' }, splitLine: { show: false } },
    ],
    series: [
      { name: labels.visitorsIn, type: 'bar', data: hours.map((h) => h.entry.visitors), itemStyle: { color: ENTRY_COLOUR, opacity: 0.55 } },
      { name: labels.visitorsOut, type: 'bar', data: hours.map((h) => h.exit.visitors), itemStyle: { color: EXIT_COLOUR, opacity: 0.55 } },
      { name: labels.shareIn, type: 'line', yAxisIndex: 1, data: hours.map((h) => pct(h.entry.share)), itemStyle: { color: ENTRY_COLOUR }, lineStyle: { width: 5 }, symbolSize: 10 },
      { name: labels.shareOut, type: 'line', yAxisIndex: 1, data: hours.map((h) => pct(h.exit.share)), itemStyle: { color: EXIT_COLOUR }, lineStyle: { width: 5 }, symbolSize: 10 },
    ],
  };
}

/** The last seven days: each day's entry and exit shares side by side, the value written on the bar. */
export function weekChart(days: SmileDay[], dayLabel: (date: string) => string, labels: ChartLabels, opts: { fontSize?: number; animate?: boolean } = {}): ChartOption {
  const fontSize = opts.fontSize ?? 22;
  const barLabel = { show: true, position: 'top' as const, color: INK, fontSize: fontSize - 4, formatter: '{c}%' };
  return {
    ...base(fontSize, opts.animate ?? true),
    grid: { left: 56, right: 16, top: 48, bottom: 60 },
    xAxis: { type: 'category', data: days.map((d) => dayLabel(d.date)), axisLabel: { color: INK_SOFT, fontSize: fontSize - 6, lineHeight: fontSize, interval: 0 }, axisLine: { lineStyle: { color: GRID_LINE } } },
    yAxis: { type: 'value', min: 0, max: 100, interval: 50, axisLabel: { color: INK_SOFT, fontSize: fontSize - 4, formatter: '{value}%' }, splitLine: { lineStyle: { color: GRID_LINE } } },
    series: [
      { name: labels.shareIn, type: 'bar', data: days.map((d) => pct(d.entry.share)), itemStyle: { color: ENTRY_COLOUR }, label: barLabel },
      { name: labels.shareOut, type: 'bar', data: days.map((d) => pct(d.exit.share)), itemStyle: { color: EXIT_COLOUR }, label: barLabel },
    ],
  };
}
