// ECharts wrappers (tree-shaken import). Every chart has a tooltip formatter that
// escapes text: ECharts renders tooltips as HTML, and run names, labels and
// param values are untrusted.

import * as echarts from 'echarts/core';
import { LineChart, BarChart, HeatmapChart, ParallelChart } from 'echarts/charts';
import {
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomComponent,
  VisualMapComponent,
  ParallelComponent,
  TitleComponent,
  MarkLineComponent,
} from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import { escapeHtml, fmtNum, middleEllipsis } from './util.js';

echarts.use([
  LineChart,
  BarChart,
  HeatmapChart,
  ParallelChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomComponent,
  VisualMapComponent,
  ParallelComponent,
  TitleComponent,
  MarkLineComponent,
  CanvasRenderer,
  SVGRenderer,
]);

/** Shared palette so a run has the same colour in every chart of the compare page. */
export const PALETTE = [
  '#2f6fdf', '#e4572e', '#29a36a', '#9b59b6', '#f0a202', '#17a2b8',
  '#d63384', '#6c757d', '#8c564b', '#3d405b', '#bcbd22', '#1a936f',
];

const TEXT = '#334';
const AXIS = '#99a';
const SPLIT = '#eef0f4';

const resizeObserver =
  typeof ResizeObserver === 'function'
    ? new ResizeObserver((entries) => {
        for (const entry of entries) echarts.getInstanceByDom(entry.target)?.resize();
      })
    : null;

function chartFor(node, renderer = 'canvas') {
  let chart = echarts.getInstanceByDom(node);
  if (!chart) {
    chart = echarts.init(node, null, { renderer });
    resizeObserver?.observe(node);
  }
  return chart;
}

export function disposeChart(node) {
  resizeObserver?.unobserve(node);
  echarts.getInstanceByDom(node)?.dispose();
}

/** The legend of every chart with several series: one scrolling row above the plot. */
const LEGEND = { type: 'scroll', top: 0, left: 0, right: 0, textStyle: { color: TEXT, fontSize: 11 }, itemWidth: 14, itemHeight: 8, tooltip: { show: false } };

const tooltipBase = {
  confine: true,
  backgroundColor: 'rgba(255,255,255,0.96)',
  borderColor: '#ccd',
  textStyle: { color: TEXT, fontSize: 12 },
  extraCssText: 'max-width: 420px; white-space: normal; word-break: break-word;',
};

/** Tooltip for line charts (axis trigger): "step N" then one escaped line per series. */
function axisTooltip(params) {
  const list = Array.isArray(params) ? params : [params];
  if (list.length === 0) return '';
  const step = Array.isArray(list[0].value) ? list[0].value[0] : list[0].axisValue;
  const lines = [`step ${escapeHtml(fmtStep(step))}`];
  for (const p of list) {
    const y = Array.isArray(p.value) ? p.value[1] : p.value;
    // p.marker is ECharts' own coloured dot built from our palette (not server data).
    lines.push(`${p.marker || ''}${escapeHtml(p.seriesName)}: <b>${escapeHtml(fmtNum(y))}</b>`);
  }
  return lines.join('<br>');
}

function fmtStep(step) {
  const n = Number(step);
  return Number.isInteger(n) ? String(n) : fmtNum(step);
}

/**
 * A series of one point (every validation metric of a one-epoch run) has no line to draw: its symbol is shown
 * instead, and its x axis widened around the step (dataMin = dataMax would leave no room to draw in).
 */
const pointsOnly = (points) => (Array.isArray(points) ? points.length : 0) < 2;
const axisMin = (extent) => (extent.min === extent.max ? extent.min - 1 : extent.min);
const axisMax = (extent) => (extent.min === extent.max ? extent.max + 1 : extent.max);

function valueAxes(yName) {
  return {
    xAxis: {
      type: 'value',
      min: axisMin,
      max: axisMax,
      axisLine: { lineStyle: { color: AXIS } },
      axisLabel: { color: TEXT, fontSize: 10, hideOverlap: true, formatter: (v) => fmtStep(v) },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      scale: true,
      name: yName,
      axisLine: { show: false },
      axisLabel: { color: TEXT, fontSize: 10, formatter: (v) => fmtNum(v) },
      splitLine: { lineStyle: { color: SPLIT } },
    },
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
      { type: 'slider', xAxisIndex: 0, filterMode: 'none', height: 16, bottom: 6, showDetail: false, brushSelect: false },
    ],
  };
}

function noDataTitle(count) {
  return count > 0
    ? { show: false }
    : { show: true, text: 'no data', left: 'center', top: 'middle', textStyle: { color: AXIS, fontSize: 12, fontWeight: 'normal' } };
}

/**
 * One series as a line chart with dataZoom. Updating an existing chart keeps the
 * zoom. Returns the number of points drawn.
 */
export function lineChart(node, key, points) {
  const data = Array.isArray(points) ? points : [];
  const chart = chartFor(node);
  const fresh = !chart.getOption();
  if (fresh) {
    chart.setOption({
      animation: false,
      color: PALETTE,
      grid: { left: 8, right: 16, top: 14, bottom: 44, containLabel: true },
      tooltip: { ...tooltipBase, trigger: 'axis', formatter: axisTooltip },
      title: noDataTitle(data.length),
      ...valueAxes(''),
      series: [{ id: 'main', type: 'line', name: String(key), data, showSymbol: pointsOnly(data), symbol: 'circle', symbolSize: 6, lineStyle: { width: 1.5 }, emphasis: { disabled: true } }],
    });
  } else {
    chart.setOption({ title: noDataTitle(data.length), series: [{ id: 'main', data, showSymbol: pointsOnly(data) }] });
  }
  node.setAttribute('data-points', String(data.length));
  return data.length;
}

/**
 * Several runs' series on one chart. series: [{ name, points, color? }].
 * Returns the total number of points drawn.
 */
export function overlayChart(node, key, series) {
  const chart = chartFor(node);
  const total = series.reduce((sum, s) => sum + (Array.isArray(s.points) ? s.points.length : 0), 0);
  chart.setOption(
    {
      animation: false,
      color: PALETTE,
      grid: { left: 8, right: 16, top: 34, bottom: 44, containLabel: true },
      legend: { ...LEGEND },
      tooltip: { ...tooltipBase, trigger: 'axis', formatter: axisTooltip },
      title: noDataTitle(total),
      ...valueAxes(''),
      series: series.map((s, i) => ({
        id: `run-${i}`,
        type: 'line',
        name: String(s.name),
        data: Array.isArray(s.points) ? s.points : [],
        showSymbol: pointsOnly(s.points),
        symbol: 'circle',
        symbolSize: 6,
        lineStyle: { width: 1.5 },
        emphasis: { focus: 'series' },
        ...(s.color ? { itemStyle: { color: s.color }, lineStyle: { width: 1.5, color: s.color } } : {}),
      })),
    },
    { replaceMerge: ['series'] },
  );
  node.setAttribute('data-key', String(key));
  node.setAttribute('data-points', String(total));
  return total;
}

/** Tooltip for time charts: the bucket's start, then one escaped line per series. */
function timeTooltip(params) {
  const list = Array.isArray(params) ? params : [params];
  if (list.length === 0) return '';
  const lines = [escapeHtml(new Date(list[0].value[0]).toLocaleString())];
  for (const p of list) lines.push(`${p.marker || ''}${escapeHtml(p.seriesName)}: <b>${escapeHtml(fmtNum(p.value[1]))}</b>`);
  return lines.join('<br>');
}

/**
 * Series over time: series = [{ name, points: [[epochMs, y], ...], bar? }]; bars stack. `lineAt` draws a dashed
 * line at that y (the drift chart's 1 = threshold, the estimate's held-out accuracy). Returns the number of time
 * buckets drawn.
 */
export function timeChart(node, series, { lineAt } = {}) {
  const chart = chartFor(node);
  const buckets = series.length > 0 && Array.isArray(series[0].points) ? series[0].points.length : 0;
  chart.setOption(
    {
      animation: false,
      color: PALETTE,
      grid: { left: 8, right: 16, top: 34, bottom: 24, containLabel: true },
      legend: { ...LEGEND },
      tooltip: { ...tooltipBase, trigger: 'axis', formatter: timeTooltip },
      title: noDataTitle(buckets),
      xAxis: { type: 'time', axisLine: { lineStyle: { color: AXIS } }, axisLabel: { color: TEXT, fontSize: 10, hideOverlap: true }, splitLine: { show: false } },
      yAxis: { type: 'value', scale: !series.some((s) => s.bar), axisLine: { show: false }, axisLabel: { color: TEXT, fontSize: 10, formatter: (v) => fmtNum(v) }, splitLine: { lineStyle: { color: SPLIT } } },
      series: series.map((s, i) => ({
        id: `s-${i}`,
        name: String(s.name),
        type: s.bar ? 'bar' : 'line',
        stack: s.bar ? 'total' : undefined,
        data: Array.isArray(s.points) ? s.points : [],
        showSymbol: pointsOnly(s.points),
        symbol: 'circle',
        symbolSize: 6,
        lineStyle: { width: 1.5 },
        emphasis: { focus: 'series' },
        ...(i === 0 && lineAt !== undefined
          ? { markLine: { silent: true, symbol: 'none', lineStyle: { color: '#e4572e', type: 'dashed' }, label: { show: false }, data: [{ yAxis: lineAt }] } }
          : {}),
      })),
    },
    { notMerge: true },
  );
  node.setAttribute('data-points', String(buckets));
  node.setAttribute('data-series', String(series.length));
  return buckets;
}

/** The longest class label an axis writes whole; longer ones keep both ends (their full name is in the tooltips). */
const LABEL_CHARS = 24;

/**
 * Confusion matrix heatmap: rows = true label, columns = prediction; cells labelled with counts or, `normalized`,
 * with each row's shares (the diagonal is every class's recall). Every label is written (none skipped for room):
 * long ones shortened in the middle, the columns' standing once they would not fit side by side, and the full name
 * shown on hovering a label or a cell. SVG, so each label is a text node of the page.
 */
export function confusionHeatmap(node, labels, matrix, { normalized = false } = {}) {
  const names = labels.map((l) => String(l));
  const rowTotals = matrix.map((row) => row.reduce((s, v) => s + (Number(v) || 0), 0));
  const share = (n, y) => (rowTotals[y] > 0 ? n / rowTotals[y] : 0);
  const data = [];
  let max = 0;
  matrix.forEach((row) => row.forEach((v) => { max = Math.max(max, Number(v) || 0); }));
  const top = normalized ? 1 : max;
  matrix.forEach((row, y) =>
    row.forEach((v, x) => {
      const n = Number(v) || 0;
      const shown = normalized ? share(n, y) : n;
      data.push({ value: [x, y, shown, n], label: { color: top > 0 && shown > top * 0.55 ? '#fff' : '#223' } });
    }),
  );
  const many = names.length > 6;
  const cellFont = names.length > 14 ? 9 : names.length > 6 ? 11 : 13;
  const axisLabel = { color: TEXT, fontSize: 11, interval: 0, formatter: (name) => middleEllipsis(name, LABEL_CHARS) };
  const chart = chartFor(node, 'svg');
  chart.setOption(
    {
      animation: false,
      grid: { left: 8, right: 16, top: 28, bottom: 40, containLabel: true },
      tooltip: {
        ...tooltipBase,
        trigger: 'item',
        formatter: (p) => {
          const [x, y, , n] = p.value;
          const part = rowTotals[y] > 0 ? ` (${(share(n, y) * 100).toFixed(1)}% of true ${escapeHtml(names[y])})` : '';
          return `true: <b>${escapeHtml(names[y])}</b><br>predicted: <b>${escapeHtml(names[x])}</b><br>count: <b>${escapeHtml(n)}</b>${part}`;
        },
      },
      xAxis: {
        type: 'category', data: names, name: 'predicted', nameLocation: 'middle', nameGap: many ? 150 : 26, nameTextStyle: { color: AXIS },
        axisLabel: { ...axisLabel, rotate: many ? 90 : 0 }, splitArea: { show: true }, triggerEvent: true,
      },
      yAxis: { type: 'category', data: names, name: 'true', nameLocation: 'start', nameTextStyle: { color: AXIS }, inverse: true, axisLabel, splitArea: { show: true }, triggerEvent: true },
      visualMap: { show: false, min: 0, max: Math.max(1, top), dimension: 2, inRange: { color: ['#f4f7fd', '#2f6fdf'] } },
      series: [{
        type: 'heatmap', data,
        label: { show: true, fontSize: cellFont, formatter: (p) => (normalized ? fmtShare(p.value[2]) : String(p.value[2])) },
        emphasis: { itemStyle: { borderColor: '#223', borderWidth: 1 } },
      }],
    },
    { notMerge: true },
  );
  // A shortened axis label's full name: the browser's own tooltip while the pointer is on it.
  chart.off('mouseover');
  chart.off('mouseout');
  chart.on('mouseover', (p) => { if (p.componentType === 'xAxis' || p.componentType === 'yAxis') node.title = String(p.value); });
  chart.on('mouseout', (p) => { if (p.componentType === 'xAxis' || p.componentType === 'yAxis') node.title = ''; });
  node.setAttribute('data-cells', String(data.length));
  node.setAttribute('data-normalized', String(normalized));
  return data.length;
}

/** A share of a row as the cell writes it: two decimals, and 0 and 1 short. */
function fmtShare(v) {
  return v === 0 ? '0' : v === 1 ? '1' : v.toFixed(2);
}

/**
 * Parallel coordinates.
 * axes: [{ name, type: 'value'|'category', categories? }]
 * lines: [{ name, values: [...per axis], color? }]
 * Returns the number of lines drawn.
 */
export function parallelChart(node, axes, lines) {
  const chart = chartFor(node);
  const names = axes.map((a) => String(a.name));
  chart.setOption(
    {
      animation: false,
      color: PALETTE,
      tooltip: {
        ...tooltipBase,
        trigger: 'item',
        formatter: (p) => {
          const values = Array.isArray(p.value) ? p.value : [];
          const rows = names.map((n, i) => {
            const v = values[i];
            const shown = axes[i].type === 'value' ? fmtNum(v) : v;
            return `${escapeHtml(n)}: <b>${escapeHtml(shown ?? '—')}</b>`;
          });
          return [`<b>${escapeHtml(p.name)}</b>`, ...rows].join('<br>');
        },
      },
      parallel: {
        left: 40,
        right: 90,
        top: 54,
        bottom: 28,
        parallelAxisDefault: {
          nameLocation: 'end',
          nameGap: 14,
          nameRotate: 12,
          nameTextStyle: { color: TEXT, fontSize: 11 },
          nameTruncate: { maxWidth: 130 },
          axisLine: { lineStyle: { color: AXIS } },
          axisLabel: { color: TEXT, fontSize: 10, width: 90, overflow: 'truncate' },
          splitLine: { show: false },
        },
      },
      parallelAxis: axes.map((a, i) => ({
        dim: i,
        name: names[i],
        type: a.type === 'category' ? 'category' : 'value',
        ...(a.type === 'category' ? { data: (a.categories || []).map(String) } : { scale: true, axisLabel: { formatter: (v) => fmtNum(v) } }),
      })),
      series: [
        {
          type: 'parallel',
          smooth: false,
          inactiveOpacity: 0.1,
          activeOpacity: 1,
          lineStyle: { width: 2, opacity: 0.85 },
          emphasis: { lineStyle: { width: 4 } },
          data: lines.map((l, i) => ({
            name: String(l.name),
            value: l.values,
            lineStyle: { color: l.color || PALETTE[i % PALETTE.length] },
          })),
        },
      ],
    },
    { notMerge: true },
  );
  node.setAttribute('data-lines', String(lines.length));
  return lines.length;
}
