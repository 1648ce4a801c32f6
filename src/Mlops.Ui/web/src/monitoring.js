// Monitoring page (/monitoring?model=sha256:...): the model versions that served traffic, then one version's
// traffic over time from the tracking store - volume by label, confidence, input length, latency - and the drift
// decision and the label-free accuracy estimate against its reference profile. Refreshes itself while open.

import { api } from './api.js';
import { timeChart } from './charts.js';
import { $, el, setChildren, fmtNum, fmtTime } from './util.js';

const BUCKETS = 48;
const REFRESH_MS = 15000;
const STATE_TEXT = { drift: 'drift', noDrift: 'no drift', insufficientData: 'insufficient data' };

export async function initMonitoring() {
  let models;
  try {
    models = (await api.monitoringModels()).models || [];
  } catch {
    return;
  }
  if (models.length === 0) {
    $('#no-traffic').hidden = false;
    return;
  }
  const wanted = new URLSearchParams(location.search).get('model');
  let selected = models.some((m) => m.modelId === wanted) ? wanted : models[0].modelId;
  const rows = models.map((m) =>
    el('tr', { 'data-model': m.modelId, onclick: () => select(m.modelId) },
      el('td', { class: 'mono', text: m.version }),
      el('td', { text: m.registered.length > 0 ? m.registered.join(', ') : '—' }),
      el('td', { class: 'num', text: String(m.events) }),
      el('td', { text: fmtTime(m.first) }),
      el('td', { text: fmtTime(m.last) })));
  setChildren($('#models tbody'), rows);
  $('#models-panel').hidden = false;

  async function select(model) {
    selected = model;
    for (const row of rows) row.setAttribute('aria-selected', String(row.dataset.model === model));
    const url = new URL(location.href);
    url.searchParams.set('model', model);
    history.replaceState(null, '', url);
    await showTraffic(model);
  }

  await select(selected);
  setInterval(() => {
    if (document.visibilityState === 'visible') showTraffic(selected).catch(() => {});
  }, REFRESH_MS);
}

async function showTraffic(model) {
  let traffic;
  try {
    traffic = await api.traffic(model, BUCKETS);
  } catch {
    return;
  }
  const buckets = traffic.buckets || [];
  const labels = traffic.labels || [];
  const at = (b) => Date.parse(b.start);
  const series = (name, value) => ({ name, points: buckets.map((b) => [at(b), value(b)]) });

  $('#traffic-panel').hidden = false;
  $('#traffic-title').textContent = `Traffic of ${traffic.model.version}${traffic.model.registered.length > 0 ? ` (${traffic.model.registered.join(', ')})` : ''}`;
  $('#traffic-summary').textContent =
    `${traffic.events} predictions${traffic.truncated ? ' (the most recent)' : ''} from ${fmtTime(traffic.model.first)} to ${fmtTime(traffic.model.last)}, ` +
    `in ${buckets.length} buckets.` + (traffic.reference ? ` Reference: ${traffic.reference.source}.` : '');
  const note = $('#reference-note');
  note.hidden = !traffic.referenceNote;
  note.textContent = traffic.referenceNote || '';

  timeChart($('#volume-chart'), labels.map((label, i) => ({ ...series(label, (b) => b.labelCounts[i] || 0), bar: true })));
  timeChart($('#confidence-chart'), [series('p10', (b) => b.confidence.p10), series('p50', (b) => b.confidence.p50), series('p90', (b) => b.confidence.p90)]);
  timeChart($('#length-chart'), [series('p50', (b) => b.tokens.p50), series('p90', (b) => b.tokens.p90), series('p99', (b) => b.tokens.p99)]);
  timeChart($('#latency-chart'), [series('p50', (b) => b.latencyMs.p50), series('p90', (b) => b.latencyMs.p90), series('p99', (b) => b.latencyMs.p99)]);

  const judged = buckets.filter((b) => b.drift);
  $('#drift-card').hidden = judged.length === 0;
  const last = judged.length > 0 ? judged[judged.length - 1].drift : null;
  if (last) {
    const names = last.signals.map((s) => s.name);
    timeChart(
      $('#drift-chart'),
      names.map((name) => ({
        name,
        points: judged.map((b) => {
          const s = b.drift.signals.find((x) => x.name === name);
          return [at(b), s && s.threshold > 0 ? s.effect / s.threshold : null];
        }),
      })),
      { lineAt: 1 },
    );
  }
  const estimated = judged.filter((b) => b.drift.estimate);
  $('#estimate-card').hidden = estimated.length === 0;
  if (estimated.length > 0) {
    const reference = estimated[estimated.length - 1].drift.estimate;
    const line = (name, value) => ({ name, points: estimated.map((b) => [at(b), value(b.drift.estimate)]) });
    timeChart(
      $('#estimate-chart'),
      [
        line('accuracy', (e) => e.accuracy.value),
        line('accuracy, lower 95 %', (e) => e.accuracy.lower),
        ...(reference.mcc ? [line('MCC', (e) => e.mcc.value)] : []),
      ],
      { lineAt: reference.referenceAccuracy },
    );
  }
  const now = $('#drift-now');
  if (!last) {
    setChildren(now);
    return;
  }
  setChildren(
    now,
    el('span', { text: 'Latest window:' }),
    el('span', { class: 'drift-state', 'data-state': last.state, text: `${STATE_TEXT[last.state] || last.state} (${last.events} events)` }),
    last.signals.map((s) =>
      el('span', { class: 'signal', 'data-drifted': String(s.drifted), title: s.method, text: `${s.name} ${fmtNum(s.effect)} / ${fmtNum(s.threshold)}` })),
    last.estimate
      ? el('span', { class: 'estimate', text: `estimated accuracy ${fmtNum(last.estimate.accuracy.value)} (${fmtNum(last.estimate.accuracy.lower)}-${fmtNum(last.estimate.accuracy.upper)}; held-out ${fmtNum(last.estimate.referenceAccuracy)})` })
      : el('span', { class: 'muted', text: last.noEstimate || '' }),
  );
}
