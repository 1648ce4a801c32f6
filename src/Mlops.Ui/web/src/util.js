// DOM and formatting helpers.
//
// Every value that comes from the server is untrusted: it only ever reaches the
// page through textContent, createElement and setAttribute (see el() below).
// Never build HTML from strings in this code base. The one place where HTML
// strings are unavoidable is ECharts' HTML tooltip; those formatters go through
// escapeHtml().

export const $ = (selector, root = document) => root.querySelector(selector);

/**
 * Creates an element. attrs: `class`, `text` (textContent), `hidden` (boolean),
 * `onX` (function: event listener), anything else goes through setAttribute.
 * Children: nodes, or strings/numbers (become text nodes); null/undefined/false skipped.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'text') node.textContent = String(value);
    else if (key === 'hidden') node.hidden = Boolean(value);
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else if (child instanceof Node) node.appendChild(child);
    else node.appendChild(document.createTextNode(String(child)));
  }
}

/** Replaces all children of `node`. */
export function setChildren(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

const HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for the (HTML) ECharts tooltip. */
export function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** A number with 4 significant digits, trailing zeros dropped ("0.3", "0.3457", "12350", "1.235e-5", "1e+6"). */
export function fmtNum(value) {
  if (value === null || value === undefined || value === '') return '—';
  const n = Number(value);
  if (!Number.isFinite(n)) return String(value);
  if (n === 0) return '0';
  const abs = Math.abs(n);
  if (abs >= 1e-4 && abs < 1e6) return String(Number(n.toPrecision(4)));
  return n.toExponential(3).replace(/\.?0+e/, 'e');
}

const pad = (n) => String(n).padStart(2, '0');

/** ISO timestamp -> local "YYYY-MM-DD HH:MM:SS". */
export function fmtTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Duration between two ISO timestamps (end defaults to now), e.g. "1h 02m", "3m 05s". */
export function fmtDuration(startIso, endIso) {
  const start = Date.parse(startIso);
  const end = endIso ? Date.parse(endIso) : Date.now();
  if (!Number.isFinite(start) || !Number.isFinite(end)) return '—';
  let s = Math.max(0, Math.round((end - start) / 1000));
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  if (h >= 48) return `${Math.floor(h / 24)}d ${h % 24}h`;
  if (h > 0) return `${h}h ${pad(m)}m`;
  if (m > 0) return `${m}m ${pad(s)}s`;
  return `${s}s`;
}

export function fmtBytes(bytes) {
  const n = Number(bytes);
  if (!Number.isFinite(n)) return '';
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = -1;
  do {
    v /= 1024;
    i++;
  } while (v >= 1024 && i < units.length - 1);
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

/**
 * `text` when it has at most `max` characters, else its first 8 and last characters around an ellipsis, `max` in all:
 * class labels often share long prefixes (area-System.…) and differ at the end.
 */
export function middleEllipsis(text, max) {
  const s = String(text);
  const head = 8;
  return s.length <= max ? s : `${s.slice(0, head)}…${s.slice(s.length - (max - head - 1))}`;
}

export function fmtPercent(fraction) {
  const n = Number(fraction);
  return Number.isFinite(n) ? `${(n * 100).toFixed(1)}%` : '—';
}

const STATUSES = new Set(['running', 'finished', 'failed', 'killed', 'pruned']);

/** Status badge: <span class="badge status-finished" data-status="finished">finished</span>. */
export function badge(status, attrs = {}) {
  const text = String(status ?? 'unknown');
  const cls = STATUSES.has(text) ? text : 'unknown';
  return el('span', { ...attrs, class: `badge status-${cls}`, 'data-status': text, text });
}

/** Updates an existing badge element in place (keeps its id). */
export function setBadge(node, status) {
  const text = String(status ?? 'unknown');
  node.className = `badge status-${STATUSES.has(text) ? text : 'unknown'}`;
  node.dataset.status = text;
  node.textContent = text;
}

/** Link to the run page; the id is URL-encoded. */
export function runHref(id) {
  return `/runs/${encodeURIComponent(id)}`;
}

export function runLink(run) {
  return el('a', { href: runHref(run.id), class: 'run-link', text: run.name || run.id });
}

export function debounce(fn, ms) {
  let timer = 0;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** Display names for a list of runs, made unique (ECharts legends key series by name). */
export function uniqueRunLabels(runs) {
  const counts = new Map();
  for (const r of runs) {
    const name = r.name || r.id;
    counts.set(name, (counts.get(name) || 0) + 1);
  }
  return runs.map((r) => {
    const name = r.name || r.id;
    return counts.get(name) > 1 ? `${name} (${String(r.id).slice(0, 6)})` : name;
  });
}

/** Series keys with system/* keys moved after the others (order otherwise kept). */
export function orderSeriesKeys(keys) {
  const isSystem = (k) => String(k).startsWith('system/');
  return [...keys.filter((k) => !isSystem(k)), ...keys.filter(isSystem)];
}

/** Ordinal string compare (stable across locales). */
export const byText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
