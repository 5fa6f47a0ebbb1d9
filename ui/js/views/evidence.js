// Evidence: attach a file to a question or a task (copied into Preflight's data folder with its
// SHA-256, with a progress bar for large files), open it, re-check every file's integrity, and
// remove with confirmation (the record of what was removed and when is kept).

import { askOpenPath, call } from '../api.js';
import { clear, fileSize, formatDate, h, notice, showError } from '../dom.js';
import { openModal } from '../modal.js';
import { keepingFocus, pager } from '../pager.js';

// The list's search, filter, sort and page as `evidence_page` takes them.
const queryOf = (state) => ({ search: state.search, link: state.link || null, sort: state.sort, page: state.page, page_size: state.pageSize });

// 50 rows a page unless the user picks more (about two screens): see tasks.js.
const newState = () => ({ search: '', link: '', sort: 'collected', page: 0, pageSize: 50, removedPage: 0, bad: new Map() });

// One page of the list (Rust searches, filters and sorts every record: `evidence_page`).
const firstPage = (id, state) => Promise.all([call('evidence_page', { id, query: queryOf(state), removedPage: state.removedPage }), call('evidence_dates', { id })]);

// Asks for the tab's first page as soon as the tab is chosen: see requestTasks in tasks.js.
export function requestEvidence(id) {
  const state = newState();
  const first = firstPage(id, state);
  first.catch(() => {}); // a failure is reported where the page is awaited
  return { state, first };
}

export async function renderEvidence(panel, c, view, early = null) {
  const id = view.assessment.id;
  const fresh = !panel.evidenceState;
  const state = panel.evidenceState || (panel.evidenceState = early ? early.state : newState());
  const [first, dates] = await (fresh && early ? early.first : firstPage(id, state));
  const rerender = () => renderEvidence(panel, c, view).catch(showError);
  // The picker's tasks are loaded after the list is drawn (see the end), the questions now.
  const target = h('select', { id: 'evidence-target' });
  const group = (label, options) => {
    const g = h('optgroup', { label });
    g.append(...options.map(([value, text]) => new Option(text, value)));
    return g;
  };
  const questions = group('Questions', view.question_ids.map((q) => [`q:${q}`, `${q}: ${c.questionById.get(q)?.text ?? ''}`.slice(0, 120)]));
  target.append(questions);
  const path = h('input', { id: 'evidence-path', type: 'text', placeholder: 'A file path, or use Choose file…' });
  const progress = h('progress', { id: 'evidence-progress', max: 100, value: 0, hidden: true, 'aria-label': 'Copy progress' });
  const progressText = h('span', { class: 'muted small', 'aria-live': 'polite' });
  const attach = async (e) => {
    e.preventDefault();
    const [kind, ref] = target.value.split(/:(.*)/s);
    const channel = new window.__TAURI__.core.Channel();
    channel.onmessage = (p) => {
      progress.hidden = false;
      progress.value = p.total ? Math.round((100 * p.done) / p.total) : 100;
      progressText.textContent = `${fileSize(p.done)} of ${fileSize(p.total)}`;
    };
    try {
      const ev = await call('attach_evidence', { id, path: path.value, questionId: kind === 'q' ? ref : null, taskId: kind === 'task' ? ref : null, onProgress: channel });
      notice(`Attached ${ev.original_name} (SHA-256 ${ev.sha256.slice(0, 12)}…).`);
      rerender();
    } catch (err) { progress.hidden = true; progressText.textContent = ''; showError(err); }
  };
  const form = h('form', { class: 'panel', id: 'evidence-form', onsubmit: attach },
    h('h2', {}, 'Attach evidence'),
    h('p', { class: 'muted small' }, 'The file is copied into Preflight’s data folder with its SHA-256, size and the date, so it stays even if the original moves.'),
    h('label', { for: 'evidence-target' }, 'For', target),
    h('div', { class: 'row' }, h('label', { for: 'evidence-path' }, 'File', path),
      h('button', { type: 'button', class: 'secondary', onclick: async () => { const p = await askOpenPath('Any file', ['*']); if (p) path.value = p; } }, 'Choose file…')),
    h('div', { class: 'row' }, h('button', { type: 'submit', id: 'attach-evidence' }, 'Attach'), progress, progressText));

  const report = h('div', { id: 'verify-report', 'aria-live': 'polite' });
  const row = (e) => h('tr', { class: state.bad.has(e.id) ? 'overdue' : '', dataset: { evidence: e.id } },
    h('td', {}, e.original_name), h('td', {}, e.linked), h('td', {}, e.collected_on),
    h('td', {}, h('input', { type: 'text', class: 'due-input', value: dates[e.id]?.date || '', placeholder: 'YYYY-MM-DD', 'aria-label': `Date ${e.original_name} shows`, dataset: { effective: e.id },
      onchange: async (ev) => { try { const r = await call('set_evidence_date', { evidenceId: e.id, date: ev.target.value }); if (!r.fits) notice(r.note, 'error'); rerender(); } catch (err) { showError(err); } } }),
      dates[e.id] && !dates[e.id].fits ? h('div', { class: 'date-flag', title: dates[e.id].note }, 'Outside the window') : null),
    h('td', {}, fileSize(e.size)),
    h('td', { class: 'hash', title: e.sha256 }, `${e.sha256.slice(0, 16)}…`),
    h('td', {},
      h('button', { type: 'button', class: 'link', 'aria-label': `Open ${e.original_name}`, onclick: () => call('open_evidence', { evidenceId: e.id }).catch(showError) }, 'Open'), ' ',
      h('button', { type: 'button', class: 'link remove-evidence', 'aria-label': `Remove ${e.original_name}`, onclick: () => openModal({
        title: 'Remove this evidence?', body: [h('p', {}, `${e.original_name} will be deleted from Preflight’s folder. The record that it existed, and when it was removed, is kept.`)],
        ok: 'Remove', danger: true, onOk: async () => { await call('remove_evidence', { evidenceId: e.id }); rerender(); },
      }) }, 'Remove')));

  // Search, filter and sorting over every record; a change asks for the first page again.
  const refilter = (key, value) => { state[key] = value; state.page = 0; refresh(); };
  const filters = first.all === 0 ? null : h('div', { class: 'filters row', id: 'evidence-filters' },
    h('label', { class: 'search' }, 'Search', h('input', { type: 'search', id: 'ev-search', value: state.search, placeholder: 'File name, task or question, SHA-256', oninput: (e) => refilter('search', e.target.value) })),
    h('label', {}, 'For', h('select', { id: 'ev-link', onchange: (e) => refilter('link', e.target.value) },
      [['', 'All'], ['question', 'Questions'], ['task', 'Tasks']].map(([v, t]) => h('option', { value: v, selected: state.link === v }, t)))),
    h('label', {}, 'Sort by', h('select', { id: 'ev-sort', onchange: (e) => refilter('sort', e.target.value) },
      [['collected', 'Collected on (oldest first)'], ['newest', 'Collected on (newest first)'], ['name', 'File name'], ['size', 'Size (largest first)']]
        .map(([v, t]) => h('option', { value: v, selected: state.sort === v }, t)))));
  const pages = pager('evidence-pager', 'evidence files', (to) => { state.page = to; refresh(); },
    { size: state.pageSize, onSize: (n) => { state.page = Math.floor((state.page * state.pageSize) / n); state.pageSize = n; refresh(); } });
  const table = h('div', { id: 'evidence-list' });
  const span = (p) => ({ ...p, from: p.total ? p.page * p.page_size + 1 : 0, to: p.page * p.page_size + p.items.length });
  let asked = 0;
  async function refresh() {
    const n = ++asked;
    try {
      const got = await call('evidence_page', { id, query: queryOf(state), removedPage: state.removedPage });
      if (n === asked) keepingFocus(() => { draw(got); drawRemoved(got.removed); });
    } catch (e) { showError(e); }
  }
  function draw(got) {
    if (got.all === 0) { pages.hidden = true; clear(table, h('p', { id: 'no-evidence' }, 'No evidence yet.')); return; }
    state.page = got.page;
    pages.update(span(got));
    clear(table, got.total === 0 ? h('p', { id: 'no-evidence-match' }, 'No evidence matches the search and filter.')
      : h('table', { class: 'task-table', id: 'evidence-table' },
        h('thead', {}, h('tr', {}, ['File', 'For', 'Collected on', 'Date it shows', 'Size', 'SHA-256', ''].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, got.items.map(row))));
  }

  const verify = async () => {
    try {
      const r = await call('verify_evidence', { id });
      const bad = [...r.tampered.map((x) => ['changed since it was stored', x]), ...r.missing.map((x) => ['missing', x]), ...r.unreadable.map((x) => ['unreadable', x])];
      state.bad = new Map(bad.map(([why, x]) => [x.evidence.id, why]));
      for (const [, x] of bad) table.querySelector(`tr[data-evidence="${x.evidence.id}"]`)?.classList.add('overdue');
      clear(report, h('p', { class: bad.length ? 'form-error' : '' }, `${r.checked} checked: ${r.intact} intact${bad.length ? `, ${bad.length} with problems` : ''}.`),
        bad.length ? h('ul', {}, bad.map(([why, x]) => h('li', {}, `${x.evidence.original_name}: ${why}`))) : null);
    } catch (e) { showError(e); }
  };

  // Removed records: a page at a time too.
  const removedList = h('ul', { id: 'removed-evidence' });
  const removedPages = pager('removed-pager', 'removed files', (to) => { state.removedPage = to; refresh(); });
  function drawRemoved(p) {
    state.removedPage = p.page;
    removedPages.update(span(p));
    clear(removedList, p.items.map((e) => h('li', {}, `${e.original_name} (${e.linked}), removed ${formatDate(e.removed_at)}`)));
  }

  clear(panel, form,
    h('section', { class: 'panel' }, h('div', { class: 'row' }, h('h2', {}, `Evidence (${first.all})`), h('button', { type: 'button', class: 'secondary', id: 'verify-evidence', onclick: verify }, 'Re-check all files')),
      report, filters, pages, table),
    first.removed.all ? h('section', { class: 'panel' }, h('h2', {}, `Removed (${first.removed.all})`), removedPages, removedList) : null);
  draw(first);
  if (first.removed.all) drawRemoved(first.removed);

  // The picker's tasks (thousands of titles take a moment): once the list has been drawn and
  // shown, or at once when the picker is used first.
  let touched = false;
  let loading = null;
  const loadTasks = () => loading || (loading = call('task_titles', { id }).then((tasks) => {
    target.insertBefore(group('Tasks', tasks.map((t) => [`task:${t.id}`, t.title])), questions);
    if (!touched) target.selectedIndex = 0;
  }).catch(showError));
  target.addEventListener('change', () => { touched = true; }, { once: true });
  target.addEventListener('focus', loadTasks, { once: true });
  target.addEventListener('pointerdown', loadTasks, { once: true });
  requestAnimationFrame(() => setTimeout(loadTasks, 300));
}
