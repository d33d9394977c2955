import type { z } from 'zod';
import type { DashboardSchema } from '../../../../common/operatorConsole';
import type { ChartOption } from '../../../../web/charts/echarts';

type Dashboard = z.infer<typeof DashboardSchema>;

/** Colours of the kiosk's dark operator screen (src/styles/base.css). */
const INK = '#f6efe3';
const INK_SOFT = 'rgba(246, 239, 227, 0.72)';
const GRID_LINE = 'rgba(255, 255, 255, 0.1)';
const IN_COLOUR = '#f2b950';
const OUT_COLOUR = '#5fb6d6';
const FONT = 18;
/** The kiosk's font stack (base.css --font): a canvas cannot read CSS variables. */
const FONT_FAMILY = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Noto Sans SC", system-ui, sans-serif';

export interface SeriesLabels {
  footfallIn: string;
  footfallOut: string;
  entryRatio: string;
  exitRatio: string;
}

/** "2026-03-18 10:00" -> "10:00" for one day, "03-18 10:00" for several; "2026-03-18" -> "03-18". */
export function axisLabel(label: string, granularity: 'hour' | 'day', days: number): string {
  if (granularity === 'hour') return days <= 1 ? label.slice(11) : label.slice(5);
  return label.slice(5);
}

const percentAxis = {
  type: 'value' as const,
  min: 0,
  max: 100,
  axisLabel: { color: INK_SOFT, fontSize: FONT, formatter: '{value}%' },
  splitLine: { show: false },
};

/**
 * Footfall in and out per hour (ranges up to 7 days) or per day, as bars, with the entry and exit
 * smile ratios as lines on a percent axis. The backend decides the granularity.
 */
export function footfallChart(d: Dashboard, labels: SeriesLabels): ChartOption {
  const pts = d.series.points;
  const pct = (n: number, v: number): number | null => (v > 0 ? Math.round((n / v) * 1000) / 10 : null);
  return {
    animation: false,
    textStyle: { color: INK, fontSize: FONT, fontFamily: FONT_FAMILY },
    legend: { top: 0, textStyle: { color: INK, fontSize: FONT }, itemWidth: 28, itemHeight: 16 },
    tooltip: { trigger: 'axis', textStyle: { fontSize: FONT } },
    grid: { left: 64, right: 72, top: 56, bottom: 48 },
    xAxis: {
      type: 'category',
      data: pts.map((p) => axisLabel(p.label, d.series.granularity, d.period.days)),
      axisLabel: { color: INK_SOFT, fontSize: FONT - 2 },
      axisLine: { lineStyle: { color: GRID_LINE } },
    },
    yAxis: [
      { type: 'value', minInterval: 1, axisLabel: { color: INK_SOFT, fontSize: FONT }, splitLine: { lineStyle: { color: GRID_LINE } } },
      percentAxis,
    ],
    series: [
      { name: labels.footfallIn, type: 'bar', data: pts.map((p) => p.entryVisitors), itemStyle: { color: IN_COLOUR } },
      { name: labels.footfallOut, type: 'bar', data: pts.map((p) => p.exitVisitors), itemStyle: { color: OUT_COLOUR } },
      {
        name: labels.entryRatio,
        type: 'line',
        yAxisIndex: 1,
        connectNulls: true,
        data: pts.map((p) => pct(p.entrySmiling, p.entryVisitors)),
        itemStyle: { color: '#ffd98a' },
        lineStyle: { width: 3 },
      },
      {
        name: labels.exitRatio,
        type: 'line',
        yAxisIndex: 1,
        connectNulls: true,
        data: pts.map((p) => pct(p.exitSmiling, p.exitVisitors)),
        itemStyle: { color: '#9fe3ff' },
        lineStyle: { width: 3, type: 'dashed' },
      },
    ],
  };
}

/** Footfall in by weekday (rows, Monday first) and local hour (columns), as a heat map. */
export function heatmapChart(d: Dashboard, weekdays: string[], seriesName: string): ChartOption {
  const data = d.heatmap.flatMap((row, day) => row.map((v, hour) => [hour, day, v]));
  const max = Math.max(1, ...d.heatmap.flat());
  return {
    animation: false,
    textStyle: { color: INK, fontSize: FONT, fontFamily: FONT_FAMILY },
    tooltip: { position: 'top', textStyle: { fontSize: FONT } },
    grid: { left: 120, right: 24, top: 16, bottom: 96 },
    xAxis: {
      type: 'category',
      data: Array.from({ length: 24 }, (_, h) => String(h)),
      splitArea: { show: true },
      axisLabel: { color: INK_SOFT, fontSize: FONT - 2 },
    },
    yAxis: {
      type: 'category',
      data: weekdays,
      inverse: true,
      splitArea: { show: true },
      axisLabel: { color: INK_SOFT, fontSize: FONT - 2 },
    },
    visualMap: {
      min: 0,
      max,
      calculable: false,
      // The scale's two ends as numbers, so a colour can be read as a count.
      text: [String(max), '0'],
      orient: 'horizontal',
      left: 'center',
      bottom: 8,
      itemHeight: 320,
      textStyle: { color: INK, fontSize: FONT - 2 },
      inRange: { color: ['#0d3446', '#11566b', '#d89a2b', '#f7c867'] },
    },
    series: [{ name: seriesName, type: 'heatmap', data, emphasis: { itemStyle: { borderColor: INK, borderWidth: 2 } } }],
  };
}
