// Run page (/runs/{id}): info, params, one line chart per series (live while the
// run is running), confusion heatmap, misclassified sentences, artifacts.

import { api, artifactUrl, ApiError, clearError, showError } from './api.js';
import { lineChart, confusionHeatmap } from './charts.js';
import {
  $, el, setChildren, setBadge, fmtNum, fmtTime, fmtDuration, fmtBytes, fmtPercent,
  debounce, orderSeriesKeys, byText,
} from './util.js';

const LIVE_MS = 2000;
const SERIES_POINTS = 1000;
const MISCLASSIFIED_PAGE = 100;

/** The run id from /runs/{id} (or ?id= as a fallback). */
export function runIdFromLocation() {
  const m = location.pathname.match(/^\/runs\/([^/]+)\/?$/);
  if (m) {
    try {
      return decodeURIComponent(m[1]);
    } catch {
      return m[1];
    }
  }
  return new URLSearchParams(location.search).get('id') || '';
}

export async function initRun() {
  const id = runIdFromLocation();
  if (!id) {
    showError('No run id in the address (expected /runs/{id}).');
    return;
  }
  const page = new RunPage(id);
  await page.start();
}

class RunPage {
  constructor(id) {
    this.id = id;
    this.charts = new Map(); // key -> { node, meta }
    this.liveTimer = 0;
    this.live = false;
    this.status = null;
    this.mis = { q: '', rows: [], total: 0, seq: 0 };
    this.confusion = null; // { labels, matrix } once loaded
  }

  async start() {
    let detail;
    try {
      detail = await api.run(this.id);
    } catch {
      $('#run-name').textContent = this.id;
      return;
    }
    this.renderDetail(detail);
    this.setupMisclassified();
    $('#confusion-normalized').addEventListener('change', () => { if (this.confusion) this.drawConfusion(); });
    const charts = this.refreshCharts(detail.seriesKeys);
    this.loadConfusion();
    this.loadMisclassified();
    await charts;
    if (this.status === 'running') this.startLive();
  }

  // ---------- header, info, params, artifacts ----------

  renderDetail(detail) {
    const run = detail.run || {};
    this.status = run.status;
    // Optional hints: when the server says explicitly that there is no confusion
    // matrix / prediction file, skip the request (avoids a logged 404).
    this.hasConfusion = detail.hasConfusion;
    this.hasMisclassified = detail.hasMisclassified;
    const name = run.name || run.id || this.id;
    $('#run-name').textContent = name;
    document.title = `${name} · mlops ui`;
    setBadge($('#run-status'), run.status);
    this.renderInfo(run);
    this.renderParams(detail.params || {});
    this.renderArtifacts(Array.isArray(detail.artifacts) ? detail.artifacts : []);
  }

  renderInfo(run) {
    const rows = [];
    const add = (label, value, attrs = {}) => rows.push(el('dt', { text: label }), el('dd', attrs, value));
    add('id', el('code', { text: run.id ?? this.id }), { 'data-field': 'id' });
    add('started', fmtTime(run.startedAt), { title: run.startedAt || '', 'data-field': 'startedAt' });
    add('ended', run.endedAt ? fmtTime(run.endedAt) : '—', { title: run.endedAt || '', 'data-field': 'endedAt' });
    add('duration', fmtDuration(run.startedAt, run.endedAt) + (run.endedAt ? '' : run.status === 'running' ? ' (so far)' : ''), { 'data-field': 'duration' });
    const commit = run.gitCommit
      ? [el('code', { text: run.gitCommit }), run.gitDirty === true ? el('span', { class: 'tag dirty', text: 'dirty' }) : run.gitDirty === false ? el('span', { class: 'tag clean', text: 'clean' }) : null]
      : '—';
    add('git commit', commit, { 'data-field': 'gitCommit' });
    add('config hash', run.configHash ? el('code', { text: run.configHash }) : '—', { 'data-field': 'configHash' });
    add('data fingerprint', run.dataFingerprint ? el('code', { text: run.dataFingerprint }) : '—', { 'data-field': 'dataFingerprint' });
    add('model id', run.modelId ?? '—', { 'data-field': 'modelId' });
    add('sweep', run.sweep ? el('a', { href: `/?sweep=${encodeURIComponent(run.sweep)}`, text: run.sweep }) : '—', { 'data-field': 'sweep' });
    if (run.runDir) add('run dir', el('code', { text: run.runDir }), { 'data-field': 'runDir' });
    add('notes', run.notes ? run.notes : '—', { class: 'notes', 'data-field': 'notes' });
    setChildren($('#run-info'), rows);
  }

  renderParams(params) {
    const tbody = $('#params tbody');
    const keys = Object.keys(params).sort(byText);
    if (keys.length === 0) {
      setChildren(tbody, el('tr', { class: 'empty' }, el('td', { colspan: '2', text: 'No params.' })));
      return;
    }
    setChildren(
      tbody,
      keys.map((k) => el('tr', { 'data-param': k }, el('td', { class: 'key' }, el('code', { text: k })), el('td', { class: 'value', text: fmtParam(params[k]) }))),
    );
  }

  renderArtifacts(artifacts) {
    const list = $('#artifacts');
    if (artifacts.length === 0) {
      setChildren(list, el('li', { class: 'empty', text: 'No artifacts.' }));
      return;
    }
    const sorted = [...artifacts].sort((a, b) => byText(String(a.path), String(b.path)));
    setChildren(
      list,
      sorted.map((a) => {
        const path = String(a.path);
        const base = path.split('/').pop() || path;
        return el(
          'li',
          {},
          el('a', { href: artifactUrl(this.id, path), download: base, text: path }),
          ' ',
          el('span', { class: 'size', text: fmtBytes(a.bytes) }),
        );
      }),
    );
  }

  // ---------- series charts ----------

  ensureChart(key) {
    let entry = this.charts.get(key);
    if (entry) return entry;
    const isSystem = key.startsWith('system/');
    const group = isSystem ? $('#charts .chart-group[data-group="system"]') : $('#charts .chart-group[data-group="metrics"]');
    const node = el('div', { class: 'chart', 'data-key': key });
    const meta = el('span', { class: 'chart-meta' });
    const card = el('div', { class: 'chart-card' }, el('div', { class: 'chart-head' }, el('h3', { class: 'chart-title', text: key, title: key }), meta), node);
    group.querySelector('.chart-grid').appendChild(card);
    group.hidden = false;
    entry = { node, meta };
    this.charts.set(key, entry);
    return entry;
  }

  async refreshCharts(seriesKeys) {
    const keys = orderSeriesKeys((Array.isArray(seriesKeys) ? seriesKeys : []).map(String));
    const empty = $('#charts-empty');
    if (empty) empty.hidden = keys.length > 0 || this.charts.size > 0;
    for (const key of keys) this.ensureChart(key); // create in order before the fetches resolve
    await Promise.all(
      keys.map(async (key) => {
        let res;
        try {
          res = await api.series(this.id, key, SERIES_POINTS);
        } catch {
          return;
        }
        const { node, meta } = this.charts.get(key);
        const points = Array.isArray(res.points) ? res.points : [];
        lineChart(node, key, points);
        const count = Number(res.count);
        node.setAttribute('data-count', String(Number.isFinite(count) ? count : points.length));
        meta.textContent = Number.isFinite(count)
          ? `${count.toLocaleString('en-US')} pts${res.downsampled ? ' · downsampled' : ''}${points.length ? ` · last ${fmtNum(points[points.length - 1][1])}` : ''}`
          : '';
      }),
    );
  }

  // ---------- live refresh ----------

  startLive() {
    this.live = true;
    $('#live').hidden = false;
    this.scheduleLive();
  }

  stopLive() {
    this.live = false;
    clearTimeout(this.liveTimer);
    $('#live').hidden = true;
  }

  scheduleLive() {
    clearTimeout(this.liveTimer);
    if (this.live) this.liveTimer = setTimeout(() => this.liveTick(), LIVE_MS);
  }

  async liveTick() {
    if (!this.live) return;
    if (document.hidden) {
      this.scheduleLive();
      return;
    }
    try {
      const detail = await api.run(this.id);
      clearError();
      this.renderDetail(detail);
      await this.refreshCharts(detail.seriesKeys);
      if (this.status !== 'running') {
        // Finished: the end-of-run artifacts (confusion, misclassified) may exist now.
        this.stopLive();
        this.loadConfusion();
        this.loadMisclassified();
        return;
      }
    } catch {
      /* shown in #error; keep trying */
    }
    this.scheduleLive();
  }

  // ---------- confusion matrix ----------

  async loadConfusion() {
    const section = $('#confusion');
    if (this.hasConfusion === false) {
      section.hidden = true;
      return;
    }
    let res;
    try {
      res = await api.confusion(this.id, { handles: [404] });
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) section.hidden = true;
      return;
    }
    const labels = Array.isArray(res.labels) ? res.labels : [];
    const matrix = Array.isArray(res.matrix) ? res.matrix : [];
    if (labels.length === 0 || matrix.length === 0) {
      section.hidden = true;
      return;
    }
    section.hidden = false; // visible before init so ECharts can measure the box
    this.confusion = { labels, matrix };
    this.drawConfusion();
  }

  /** The heatmap sized by the class count (a row a label can be read in, room for standing labels below), counts or row shares. */
  drawConfusion() {
    const { labels, matrix } = this.confusion;
    const node = $('#confusion-chart');
    const standing = labels.length > 6 ? 150 : 0;
    const side = Math.max(300, 90 + labels.length * Math.max(28, Math.min(56, 560 / labels.length)));
    node.style.height = `${side + standing}px`;
    node.style.maxWidth = `${side + 200}px`;
    confusionHeatmap(node, labels, matrix, { normalized: $('#confusion-normalized').checked });
  }

  // ---------- misclassified sentences ----------

  setupMisclassified() {
    const search = $('#misclassified-search');
    const onInput = debounce(() => {
      this.mis.q = search.value;
      this.loadMisclassified();
    }, 200);
    search.addEventListener('input', onInput);
    search.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        this.mis.q = search.value;
        this.loadMisclassified();
      }
    });
    $('#misclassified-more').addEventListener('click', () => this.loadMisclassified({ append: true }));
  }

  async loadMisclassified({ append = false } = {}) {
    const section = $('#misclassified');
    const mySeq = ++this.mis.seq;
    if (this.hasMisclassified === false) {
      section.hidden = true;
      return;
    }
    const offset = append ? this.mis.rows.length : 0;
    let res;
    try {
      res = await api.misclassified(this.id, { q: this.mis.q, offset, limit: MISCLASSIFIED_PAGE }, { handles: [404] });
    } catch (e) {
      if (mySeq !== this.mis.seq) return;
      if (e instanceof ApiError && e.status === 404 && !this.mis.q && !append) section.hidden = true;
      return;
    }
    if (mySeq !== this.mis.seq) return; // a newer search is on its way
    const rows = Array.isArray(res.rows) ? res.rows : [];
    this.mis.rows = append ? [...this.mis.rows, ...rows] : rows;
    this.mis.total = Number(res.total) || 0;
    section.hidden = false;
    this.renderMisclassified();
  }

  renderMisclassified() {
    const { rows, total, q } = this.mis;
    $('#misclassified-count').textContent = `${total} ${total === 1 ? 'sentence' : 'sentences'}${q ? ' match' : ''}`;
    const tbody = $('#misclassified-table tbody');
    if (rows.length === 0) {
      setChildren(tbody, el('tr', { class: 'empty' }, el('td', { colspan: '4', text: q ? 'No sentence matches.' : 'No misclassified sentences.' })));
    } else {
      setChildren(
        tbody,
        rows.map((r) =>
          el(
            'tr',
            {},
            el('td', { class: 'text', text: r.text ?? '' }),
            el('td', { class: 'label', text: r.label ?? '' }),
            el('td', { class: 'prediction', text: r.prediction ?? '' }),
            el('td', { class: 'num confidence', text: fmtPercent(r.confidence) }),
          ),
        ),
      );
    }
    const more = $('#misclassified-more');
    more.hidden = rows.length >= total;
    more.textContent = `Show more (${rows.length} of ${total} shown)`;
  }
}

function fmtParam(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

