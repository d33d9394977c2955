import type { ChartOption } from '../charts/echarts';
import type { DistrictSummary, HeartbeatHistory, StationDashboard } from '../../common/consoleApi';

/** The console's light page colours (console.css); a canvas cannot read CSS variables. */
const INK = '#1c2b33';
const INK_SOFT = '#4a5a63';
const GRID = '#dde3e6';
const IN_COLOUR = '#b8741a';
const OUT_COLOUR = '#1f6f8b';
const PALETTE = ['#1f6f8b', '#b8741a', '#8e3b8a', '#2e7d4f', '#c8372d', '#5b5f97', '#7a6a2f'];
const FONT = 13;

const base = { animation: false, color: PALETTE, textStyle: { color: INK, fontSize: FONT } };

/** "2026-03-18 10:00" -> "10:00" for one day, "03-18 10:00" for several; "2026-03-18" -> "03-18". */
const axisLabel = (label: string, hourly: boolean, days: number): string =>
  hourly ? (days <= 1 ? label.slice(11) : label.slice(5)) : label.slice(5);

export interface FootfallLabels {
  visitorsIn: string;
  visitorsOut: string;
  entryShare: string;
  exitShare: string;
}

/**
 * Footfall in and out as bars per hour (up to a week) or day, with the counted smiling shares as lines (per point no
 * correction: too few visitors each).
 */
export function footfallChart(d: StationDashboard, l: FootfallLabels): ChartOption {
  const pts = d.series.points;
  const hourly = d.series.granularity === 'hour';
  const pct = (n: number, v: number): number | null => (v > 0 ? Math.round((n / v) * 1000) / 10 : null);
  return {
    ...base,
    legend: { top: 0, textStyle: { color: INK, fontSize: FONT } },
    tooltip: { trigger: 'axis' },
    grid: { left: 44, right: 44, top: 48, bottom: 32 },
    xAxis: {
      type: 'category',
      data: pts.map((p) => axisLabel(p.label, hourly, d.period.days)),
      axisLabel: { color: INK_SOFT },
      axisLine: { lineStyle: { color: GRID } },
    },
    yAxis: [
      { type: 'value', minInterval: 1, axisLabel: { color: INK_SOFT }, splitLine: { lineStyle: { color: GRID } } },
      { type: 'value', min: 0, max: 100, axisLabel: { color: INK_SOFT, formatter: '{value}%' }, splitLine: { show: false } },
    ],
    series: [
      { name: l.visitorsIn, type: 'bar', data: pts.map((p) => p.entryVisitors), itemStyle: { color: IN_COLOUR } },
      { name: l.visitorsOut, type: 'bar', data: pts.map((p) => p.exitVisitors), itemStyle: { color: OUT_COLOUR } },
      {
        name: l.entryShare,
        type: 'line',
        yAxisIndex: 1,
        connectNulls: true,
        data: pts.map((p) => pct(p.entrySmiling, p.entryVisitors)),
        itemStyle: { color: '#8a5a12' },
      },
      {
        name: l.exitShare,
        type: 'line',
        yAxisIndex: 1,
        connectNulls: true,
        data: pts.map((p) => pct(p.exitSmiling, p.exitVisitors)),
        itemStyle: { color: '#134a5d' },
        lineStyle: { type: 'dashed' },
      },
    ],
  };
}

/** Footfall in by local weekday (rows, Monday first) and hour (columns). */
export function heatmapChart(heatmap: number[][], weekdays: string[], name: string): ChartOption {
  const max = Math.max(1, ...heatmap.flat());
  return {
    ...base,
    tooltip: { position: 'top' },
    grid: { left: 48, right: 12, top: 8, bottom: 72 },
    xAxis: {
      type: 'category',
      data: Array.from({ length: 24 }, (_, h) => String(h)),
      splitArea: { show: true },
      axisLabel: { color: INK_SOFT },
    },
    yAxis: { type: 'category', data: weekdays, inverse: true, splitArea: { show: true }, axisLabel: { color: INK_SOFT } },
    visualMap: {
      min: 0,
      max,
      calculable: false,
      text: [String(max), '0'],
      orient: 'horizontal',
      left: 'center',
      bottom: 4,
      itemHeight: 200,
      textStyle: { color: INK },
      inRange: { color: ['#eef3f5', '#9cc6d3', '#e0a54a', '#9a4d0f'] },
    },
    series: [{ name, type: 'heatmap', data: heatmap.flatMap((row, day) => row.map((v, hour) => [hour, day, v])) }],
  };
}

/** Every station's visitors in per day: one line each (the district's trend). */
export function trendChart(s: DistrictSummary): ChartOption {
  const days = s.stations[0]?.days.map((d) => d.day.slice(5)) ?? [];
  return {
    ...base,
    legend: { top: 0, type: 'scroll', textStyle: { color: INK } },
    tooltip: { trigger: 'axis' },
    grid: { left: 44, right: 16, top: 40, bottom: 28 },
    xAxis: { type: 'category', data: days, axisLabel: { color: INK_SOFT }, axisLine: { lineStyle: { color: GRID } } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: INK_SOFT }, splitLine: { lineStyle: { color: GRID } } },
    series: s.stations.map((st) => ({ name: st.name, type: 'line' as const, data: st.days.map((d) => d.visitorsIn) })),
  };
}

/** Visitors in and out per station, side by side (bars). */
export function stationsChart(s: DistrictSummary, l: { visitorsIn: string; visitorsOut: string }): ChartOption {
  return {
    ...base,
    legend: { top: 0, textStyle: { color: INK } },
    tooltip: { trigger: 'axis' },
    grid: { left: 44, right: 16, top: 40, bottom: 28, containLabel: true },
    xAxis: {
      type: 'category',
      data: s.stations.map((st) => st.name),
      axisLabel: { color: INK_SOFT, interval: 0, overflow: 'truncate', width: 90 },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: INK_SOFT }, splitLine: { lineStyle: { color: GRID } } },
    series: [
      { name: l.visitorsIn, type: 'bar', data: s.stations.map((st) => st.current.footfallIn), itemStyle: { color: IN_COLOUR } },
      { name: l.visitorsOut, type: 'bar', data: s.stations.map((st) => st.current.footfallOut), itemStyle: { color: OUT_COLOUR } },
    ],
  };
}

/** A kiosk's upload backlog and restarts over its heartbeats, oldest first (the history below the fleet table). */
export function heartbeatChart(h: HeartbeatHistory, l: { backlog: string; restarts: string }, locale: string): ChartOption {
  const beats = [...h.heartbeats].reverse();
  return {
    ...base,
    legend: { top: 0, textStyle: { color: INK } },
    tooltip: { trigger: 'axis' },
    grid: { left: 44, right: 16, top: 40, bottom: 28 },
    xAxis: {
      type: 'category',
      data: beats.map((b) => new Date(b.receivedAt).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' })),
      axisLabel: { color: INK_SOFT },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: INK_SOFT }, splitLine: { lineStyle: { color: GRID } } },
    series: [
      { name: l.backlog, type: 'line', step: 'end', data: beats.map((b) => b.uploadBacklog), itemStyle: { color: OUT_COLOUR } },
      { name: l.restarts, type: 'line', step: 'end', data: beats.map((b) => b.restarts), itemStyle: { color: IN_COLOUR } },
    ],
  };
}
