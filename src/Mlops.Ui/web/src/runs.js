// Runs page (/): filterable, sortable, paged runs table; polls every 5 s.
// State (filter, sort, desc, status, sweep, page) lives in the URL query.

import { api, ApiError, clearError } from './api.js';
import { $, el, setChildren, badge, fmtNum, fmtTime, runLink } from './util.js';

const PAGE_SIZE = 50;
const POLL_MS = 5000;

function readState() {
  const q = new URLSearchParams(location.search);
  const page = parseInt(q.get('page') || '1', 10);
  return {
    filter: q.get('filter') || '',
    sort: q.get('sort') || '',
    desc: q.get('desc') !== 'false',
    status: q.get('status') || '',
    sweep: q.get('sweep') || '',
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

function stateUrl(state) {
  const q = new URLSearchParams();
  if (state.filter) q.set('filter', state.filter);
  if (state.status) q.set('status', state.status);
  if (state.sweep) q.set('sweep', state.sweep);
  if (state.sort) q.set('sort', state.sort);
  if (!state.desc) q.set('desc', 'false');
  if (state.page > 1) q.set('page', String(state.page));
  const qs = q.toString();
  return location.pathname + (qs ? `?${qs}` : '');
}

export function initRuns() {
  const filterInput = $('#filter');
  const applyButton = $('#apply');
  const filterError = $('#filter-error');
  const statusSelect = $('#status');
  const table = $('#runs-table');
  const prev = $('#prev');
  const next = $('#next');
  const pageInfo = $('#page-info');
  const compareButton = $('#compare');
  const sweepChip = $('#sweep-filter');

  let state = readState();
  let last = null; // last successful response
  let seq = 0;
  let pollTimer = 0;
  let filterBroken = false;
  const selected = new Set(); // run ids, in click order; kept across pages and polls

  function syncInputs() {
    filterInput.value = state.filter;
    statusSelect.value = state.status;
    if (statusSelect.value !== state.status) statusSelect.value = '';
    if (sweepChip) {
      sweepChip.hidden = !state.sweep;
      setChildren(
        sweepChip,
        'sweep: ',
        el('b', { text: state.sweep }),
        ' ',
        el('button', { type: 'button', class: 'link-button', title: 'Show all sweeps', onclick: () => navigate({ sweep: '', page: 1 }), text: '×' }),
      );
    }
  }

  /** Changes state, records it in the URL (history entry) and reloads the table. */
  function navigate(changes, { replace = false } = {}) {
    state = { ...state, ...changes };
    const url = stateUrl(state);
    if (url !== location.pathname + location.search) history[replace ? 'replaceState' : 'pushState'](null, '', url);
    syncInputs();
    load();
  }

  async function load({ poll = false } = {}) {
    clearTimeout(pollTimer);
    const mySeq = ++seq;
    const params = {
      filter: state.filter,
      sort: state.sort,
      desc: state.desc ? 'true' : 'false',
      status: state.status,
      sweep: state.sweep,
      offset: (state.page - 1) * PAGE_SIZE,
      limit: PAGE_SIZE,
    };
    try {
      const res = await api.runs(params, { handles: [400] });
      if (mySeq !== seq) return;
      filterBroken = false;
      filterError.textContent = '';
      filterError.hidden = true;
      filterInput.classList.remove('invalid');
      if (poll) clearError();
      const runs = Array.isArray(res.runs) ? res.runs : [];
      const total = Number(res.total) || 0;
      if (runs.length === 0 && total > 0 && state.page > 1) {
        // Past the end (runs were deleted or the filter shrank): go to the last page.
        navigate({ page: Math.max(1, Math.ceil(total / PAGE_SIZE)) }, { replace: true });
        return;
      }
      last = { ...res, runs, total };
      render();
    } catch (e) {
      if (mySeq !== seq) return;
      if (e instanceof ApiError && e.status === 400) {
        filterBroken = true;
        filterError.textContent = e.message;
        filterError.hidden = false;
        filterInput.classList.add('invalid');
        if (!last) render();
      }
    } finally {
      if (mySeq === seq) schedulePoll();
    }
  }

  function schedulePoll() {
    clearTimeout(pollTimer);
    if (filterBroken) return; // the same filter would fail again
    pollTimer = setTimeout(() => {
      if (document.hidden) schedulePoll();
      else load({ poll: true });
    }, POLL_MS);
  }

  function sortArrow(active) {
    return active ? el('span', { class: 'arrow', text: state.desc ? ' ▼' : ' ▲' }) : null;
  }

  function sortHeader(label, key, attrs = {}) {
    const active = state.sort === key;
    const th = el(
      'th',
      {
        ...attrs,
        class: `sortable${active ? ' sorted' : ''}${attrs.class ? ` ${attrs.class}` : ''}`,
        'data-sort': key,
        'aria-sort': active ? (state.desc ? 'descending' : 'ascending') : 'none',
        title: key ? `Sort by ${key}` : 'Sort by start time',
        tabindex: '0',
      },
      label,
      sortArrow(active),
    );
    const activate = () => {
      if (state.sort === key) navigate({ desc: !state.desc, page: 1 });
      else navigate({ sort: key, desc: true, page: 1 });
    };
    th.addEventListener('click', activate);
    th.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        activate();
      }
    });
    return th;
  }

  function render() {
    const runs = last ? last.runs : [];
    const total = last ? last.total : 0;
    const metricKeys = last && Array.isArray(last.metricKeys) ? last.metricKeys.map(String) : [];

    const selectAll = el('input', { type: 'checkbox', id: 'select-all', title: 'Select all on this page', 'aria-label': 'Select all on this page' });
    const pageIds = runs.map((r) => String(r.id));
    selectAll.checked = pageIds.length > 0 && pageIds.every((id) => selected.has(id));
    selectAll.indeterminate = !selectAll.checked && pageIds.some((id) => selected.has(id));
    selectAll.addEventListener('change', () => {
      for (const id of pageIds) {
        if (selectAll.checked) selected.add(id);
        else selected.delete(id);
      }
      render();
    });

    const thead = el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { class: 'col-select' }, selectAll),
        el('th', { text: 'Name' }),
        el('th', { text: 'Status' }),
        sortHeader('Started', ''),
        el('th', { text: 'Sweep' }),
        metricKeys.map((k) => sortHeader(k, k, { class: 'num metric', 'data-key': k })),
      ),
    );

    const tbody = el('tbody');
    for (const run of runs) {
      const id = String(run.id);
      const checkbox = el('input', { type: 'checkbox', class: 'select', value: id, 'aria-label': `Select ${run.name || id}` });
      checkbox.checked = selected.has(id);
      checkbox.addEventListener('change', () => {
        if (checkbox.checked) selected.add(id);
        else selected.delete(id);
        const tr = checkbox.closest('tr');
        if (tr) tr.classList.toggle('selected', checkbox.checked);
        updateCompare();
        selectAll.checked = pageIds.every((x) => selected.has(x));
        selectAll.indeterminate = !selectAll.checked && pageIds.some((x) => selected.has(x));
      });
      const sweepCell = run.sweep
        ? el('a', { href: stateUrl({ ...state, sweep: String(run.sweep), page: 1 }), class: 'sweep-link', text: run.sweep, onclick: (e) => {
            if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
            e.preventDefault();
            navigate({ sweep: String(run.sweep), page: 1 });
          } })
        : '';
      const metrics = run.metrics && typeof run.metrics === 'object' ? run.metrics : {};
      tbody.appendChild(
        el(
          'tr',
          { 'data-run-id': id, class: selected.has(id) ? 'selected' : null },
          el('td', { class: 'col-select' }, checkbox),
          el('td', { class: 'name' }, runLink(run)),
          el('td', {}, badge(run.status)),
          el('td', { class: 'time', title: run.startedAt || '' }, fmtTime(run.startedAt)),
          el('td', { class: 'sweep' }, sweepCell),
          metricKeys.map((k) => {
            const m = metrics[k];
            const v = m && typeof m === 'object' ? m.last : m;
            const title = m && typeof m === 'object' && m.count !== undefined
              ? `${k}: last ${v} (step ${m.lastStep}), min ${m.min}, max ${m.max}, ${m.count} points`
              : null;
            return el('td', { class: 'num metric', 'data-key': k, title }, fmtNum(v));
          }),
        ),
      );
    }
    if (runs.length === 0) {
      tbody.appendChild(el('tr', { class: 'empty' }, el('td', { colspan: String(5 + metricKeys.length), text: last ? 'No runs match.' : '' })));
    }
    table.replaceChildren(thead, tbody);

    const from = total === 0 ? 0 : (state.page - 1) * PAGE_SIZE + 1;
    const to = Math.min(total, (state.page - 1) * PAGE_SIZE + runs.length);
    pageInfo.textContent = total === 0 ? '0 of 0' : `${from}-${to} of ${total}`;
    prev.disabled = state.page <= 1;
    next.disabled = to >= total;
    updateCompare();
  }

  function updateCompare() {
    compareButton.disabled = selected.size < 2;
    compareButton.textContent = selected.size > 0 ? `Compare (${selected.size})` : 'Compare';
  }

  function applyFilter() {
    navigate({ filter: filterInput.value.trim(), page: 1 });
  }

  applyButton.addEventListener('click', applyFilter);
  filterInput.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      applyFilter();
    }
  });
  statusSelect.addEventListener('change', () => navigate({ status: statusSelect.value, page: 1 }));
  prev.addEventListener('click', () => navigate({ page: Math.max(1, state.page - 1) }));
  next.addEventListener('click', () => navigate({ page: state.page + 1 }));
  compareButton.addEventListener('click', () => {
    if (selected.size < 2) return;
    location.href = `/compare?ids=${[...selected].map(encodeURIComponent).join(',')}`;
  });
  window.addEventListener('popstate', () => {
    state = readState();
    syncInputs();
    load();
  });
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && !filterBroken) load({ poll: true });
  });

  syncInputs();
  render();
  load();
}
