// JSON API client. Errors are shown as one line in the page's #error element,
// except statuses the caller says it handles itself (e.g. 404 for a run without
// a confusion matrix, 400 for a bad filter).

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

const oneLine = (text) => String(text).replace(/\s+/g, ' ').trim();

export function showError(message) {
  const box = document.getElementById('error');
  if (!box) return;
  box.textContent = oneLine(message);
  box.hidden = false;
}

export function clearError() {
  const box = document.getElementById('error');
  if (!box) return;
  box.textContent = '';
  box.hidden = true;
}

/**
 * GET a JSON document. Throws ApiError on a non-2xx answer (message = the
 * server's `{ "error": "..." }` line) and shows it in #error unless the status
 * is listed in `handles`.
 */
export async function getJSON(url, { handles = [], signal } = {}) {
  let res;
  try {
    res = await fetch(url, { headers: { Accept: 'application/json' }, signal, cache: 'no-store' });
  } catch (e) {
    if (e && e.name === 'AbortError') throw e;
    const err = new ApiError(0, `Cannot reach the server (${e && e.message ? e.message : e}).`);
    showError(err.message);
    throw err;
  }
  if (!res.ok) {
    let message = `${res.status} ${res.statusText || 'error'} (${url})`;
    try {
      const body = await res.json();
      if (body && typeof body.error === 'string' && body.error) message = body.error;
    } catch {
      /* not JSON: keep the status line */
    }
    const err = new ApiError(res.status, oneLine(message));
    if (!handles.includes(res.status)) showError(err.message);
    throw err;
  }
  return res.json();
}

const enc = encodeURIComponent;

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null) continue;
    q.set(k, String(v));
  }
  return q.toString();
}

export const api = {
  runs: (params, opts) => getJSON(`/api/runs?${query(params)}`, opts),
  run: (id, opts) => getJSON(`/api/runs/${enc(id)}`, opts),
  series: (id, key, points = 1000, opts) => getJSON(`/api/runs/${enc(id)}/series?${query({ key, points })}`, opts),
  confusion: (id, opts) => getJSON(`/api/runs/${enc(id)}/confusion`, opts),
  misclassified: (id, params, opts) => getJSON(`/api/runs/${enc(id)}/misclassified?${query(params)}`, opts),
  compare: (ids, opts) => getJSON(`/api/compare?ids=${ids.map(enc).join(',')}`, opts),
  monitoringModels: (opts) => getJSON('/api/monitoring/models', opts),
  traffic: (model, buckets, opts) => getJSON(`/api/monitoring/traffic?${query({ model, buckets })}`, opts),
};

/** URL of an artifact; each path segment is encoded, slashes kept. */
export function artifactUrl(id, path) {
  const segments = String(path).split('/').filter((s) => s !== '').map(enc);
  return `/api/runs/${enc(id)}/artifacts/${segments.join('/')}`;
}
