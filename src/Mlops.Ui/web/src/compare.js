// Compare page (/compare?ids=a,b): runs table, param diff, overlaid series,
// parallel coordinates.

import { api, showError } from './api.js';
import { overlayChart, parallelChart, PALETTE } from './charts.js';
import { $, el, setChildren, badge, fmtNum, fmtTime, runLink, uniqueRunLabels, orderSeriesKeys, byText } from './util.js';

const SERIES_POINTS = 500;
const NUMERIC = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Run ids from ?ids=a,b (also accepts repeated ids= parameters), de-duplicated. */
export function idsFromLocation() {
  const q = new URLSearchParams(location.search);
  const ids = [];
  for (const part of q.getAll('ids')) {
    for (const id of part.split(',')) {
      const t = id.trim();
      if (t && !ids.includes(t)) ids.push(t);
    }
  }
  return ids;
}

export async function initCompare() {
  const ids = idsFromLocation();
  if (ids.length < 2) {
    showError('Pick at least two runs to compare (/compare?ids=a,b).');
    return;
  }
  let data;
  try {
    data = await api.compare(ids);
  } catch {
    return;
  }
  const runs = Array.isArray(data.runs) ? data.runs : [];
  const differing = Array.isArray(data.differing) ? data.differing.map(String) : [];
  const labels = uniqueRunLabels(runs);
  const colors = runs.map((_, i) => PALETTE[i % PALETTE.length]);
  document.title = `Compare ${runs.length} runs · mlops ui`;
  $('#compare-title').textContent = `Compare ${runs.length} runs`;

  const metricKeys = unionKeys(runs.map((r) => (r.metrics && typeof r.metrics === 'object' ? Object.keys(r.metrics) : [])));
  renderRunsTable(runs, labels, colors, metricKeys);
  setupParamDiff(runs, labels, differing);
  renderParallel(runs, labels, colors, differing, metricKeys);
  await renderCharts(runs, labels, colors);
}

function unionKeys(lists) {
  const seen = new Set();
  const out = [];
  for (const list of lists) for (const k of list) if (!seen.has(k)) { seen.add(k); out.push(String(k)); }
  return out;
}

function lastValue(run, key) {
  const m = run.metrics ? run.metrics[key] : undefined;
  if (m === null || m === undefined) return null;
  return typeof m === 'object' ? m.last ?? null : m;
}

function paramText(run, key) {
  const params = run.params && typeof run.params === 'object' ? run.params : {};
  if (!Object.prototype.hasOwnProperty.call(params, key)) return undefined;
  const v = params[key];
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function swatch(color) {
  const s = el('span', { class: 'swatch', 'aria-hidden': 'true' });
  s.style.background = color;
  return s;
}

function renderRunsTable(runs, labels, colors, metricKeys) {
  const table = $('#compare-runs');
  const thead = el(
    'thead',
    {},
    el('tr', {}, el('th', { text: 'Run' }), el('th', { text: 'Status' }), el('th', { text: 'Started' }), el('th', { text: 'Sweep' }),
      metricKeys.map((k) => el('th', { class: 'num metric', 'data-key': k, text: k }))),
  );
  const tbody = el(
    'tbody',
    {},
    runs.map((run, i) => {
      const link = runLink(run);
      if (labels[i] !== (run.name || run.id)) link.textContent = labels[i];
      return el(
        'tr',
        { 'data-run-id': String(run.id) },
        el('td', { class: 'name' }, swatch(colors[i]), link),
        el('td', {}, badge(run.status)),
        el('td', { class: 'time', title: run.startedAt || '' }, fmtTime(run.startedAt)),
        el('td', { class: 'sweep', text: run.sweep || '' }),
        metricKeys.map((k) => el('td', { class: 'num metric', 'data-key': k, title: String(lastValue(run, k) ?? '') }, fmtNum(lastValue(run, k)))),
      );
    }),
  );
  table.replaceChildren(thead, tbody);
}

function setupParamDiff(runs, labels, differing) {
  const toggle = $('#show-all-params');
  const allKeys = unionKeys(runs.map((r) => (r.params && typeof r.params === 'object' ? Object.keys(r.params) : []))).sort(byText);
  const diffSet = new Set(differing);
  const render = () => {
    const keys = toggle.checked ? allKeys : [...differing].sort(byText);
    const table = $('#param-diff');
    const thead = el('thead', {}, el('tr', {}, el('th', { text: 'Param' }), labels.map((l, i) => el('th', { 'data-run-id': String(runs[i].id), text: l }))));
    const tbody = el('tbody');
    if (keys.length === 0) {
      tbody.appendChild(el('tr', { class: 'empty' }, el('td', { colspan: String(runs.length + 1), text: toggle.checked ? 'No params.' : 'No differing params.' })));
    }
    for (const key of keys) {
      tbody.appendChild(
        el(
          'tr',
          { 'data-param': key, class: diffSet.has(key) ? 'differs' : null },
          el('td', { class: 'key' }, el('code', { text: key })),
          runs.map((run) => {
            const v = paramText(run, key);
            return el('td', { class: v === undefined ? 'value missing' : 'value', text: v === undefined ? '—' : v });
          }),
        ),
      );
    }
    table.replaceChildren(thead, tbody);
    $('#param-diff-count').textContent = `${differing.length} of ${allKeys.length} params differ`;
  };
  toggle.addEventListener('change', render);
  render();
}

function renderParallel(runs, labels, colors, differing, metricKeys) {
  const node = $('#parallel');
  const axes = [];
  const columns = []; // per axis: value getter
  for (const key of [...differing].sort(byText)) {
    const values = runs.map((r) => paramText(r, key));
    const present = values.filter((v) => v !== undefined && v !== '');
    const numeric = present.length > 0 && present.every((v) => NUMERIC.test(v.trim()));
    if (numeric) {
      axes.push({ name: key, type: 'value' });
      columns.push(values.map((v) => (v === undefined || v === '' ? null : Number(v))));
    } else {
      const shown = values.map((v) => (v === undefined ? '—' : v === '' ? '""' : v));
      axes.push({ name: key, type: 'category', categories: [...new Set(shown)].sort(byText) });
      columns.push(shown);
    }
  }
  for (const key of metricKeys) {
    const values = runs.map((r) => {
      const v = lastValue(r, key);
      const n = v === null ? NaN : Number(v);
      return Number.isFinite(n) ? n : null;
    });
    if (values.every((v) => v === null)) continue;
    axes.push({ name: key, type: 'value' });
    columns.push(values);
  }
  const empty = $('#parallel-empty');
  if (axes.length === 0) {
    if (empty) empty.hidden = false;
    node.hidden = true;
    node.setAttribute('data-lines', '0');
    return;
  }
  const lines = runs.map((run, i) => ({ name: labels[i], color: colors[i], values: columns.map((col) => col[i]) }));
  parallelChart(node, axes, lines);
}

async function renderCharts(runs, labels, colors) {
  const container = $('#compare-charts');
  let details;
  try {
    details = await Promise.all(runs.map((r) => api.run(r.id)));
  } catch {
    return;
  }
  const keyLists = details.map((d) => (Array.isArray(d.seriesKeys) ? d.seriesKeys.map(String) : []));
  const common = orderSeriesKeys(keyLists[0] ? keyLists[0].filter((k) => keyLists.every((list) => list.includes(k))) : []);
  if (common.length === 0) {
    setChildren(container, el('p', { class: 'muted', text: 'These runs have no series in common.' }));
    return;
  }
  const nodes = new Map();
  const metricsGrid = el('div', { class: 'chart-grid' });
  const systemGrid = el('div', { class: 'chart-grid' });
  for (const key of common) {
    const node = el('div', { class: 'chart', 'data-key': key });
    const meta = el('span', { class: 'chart-meta' });
    const card = el('div', { class: 'chart-card' }, el('div', { class: 'chart-head' }, el('h3', { class: 'chart-title', text: key, title: key }), meta), node);
    (key.startsWith('system/') ? systemGrid : metricsGrid).appendChild(card);
    nodes.set(key, { node, meta });
  }
  setChildren(
    container,
    metricsGrid.childElementCount ? metricsGrid : null,
    systemGrid.childElementCount ? [el('h3', { class: 'group-title', text: 'System' }), systemGrid] : null,
  );
  await Promise.all(
    common.map(async (key) => {
      const results = await Promise.all(runs.map((r) => api.series(r.id, key, SERIES_POINTS).catch(() => null)));
      const series = results.map((res, i) => ({ name: labels[i], color: colors[i], points: res && Array.isArray(res.points) ? res.points : [] }));
      const { node, meta } = nodes.get(key);
      const total = overlayChart(node, key, series);
      meta.textContent = `${total.toLocaleString('en-US')} pts drawn`;
    }),
  );
}
