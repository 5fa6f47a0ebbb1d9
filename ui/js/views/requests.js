// The auditor's request list (PBC): every item the auditor will ask for, generated from the
// scope and report type, with its owner, due date and status, the evidence files linked to it
// and the date each shows (flagged when outside the window), and the evidence package to hand
// over (a .zip written with a progress bar; files checked against their SHA-256).

import { call } from '../api.js';
import { bar, clear, h, notice, noticeAction, showError } from '../dom.js';
import { marked } from '../glossary.js';

const STATUS = [['not_started', 'Not started'], ['collected', 'Collected'], ['delivered', 'Delivered'], ['accepted', 'Accepted']];
const label = (v) => (STATUS.find(([k]) => k === v) || [v, v])[1];
const today = () => new Date().toISOString().slice(0, 10);

export async function renderRequests(panel, c, view) {
  const id = view.assessment.id;
  const [list, people, evidence] = await Promise.all([call('request_list', { id }), call('people', { id }), call('evidence', { id })]);
  const rerender = () => renderRequests(panel, c, view).catch(showError);
  const state = panel.requestState || (panel.requestState = { status: '', kind: '', text: '' });
  const w = list.window;
  const windowText = w.kind === 'period' ? `the observation window, ${w.start} to ${w.end}` : (w.date ? `on or before the as-of date, ${w.date}` : 'on or before the as-of date (set it on the System description tab)');

  const counts = STATUS.map(([s, l]) => [l, list.rows.filter((r) => r.status === s).length]);
  const summary = h('section', { class: 'panel', id: 'request-summary', 'aria-labelledby': 'request-h' },
    h('h2', { id: 'request-h' }, `Request list (${list.rows.length} items)`),
    h('p', { class: 'muted small' }, marked(`What the auditor will ask you to provide, from your scope. An item is collected once it has evidence whose effective date (the date the evidence shows) falls ${windowText}.`, new Set())),
    h('table', { class: 'bars', id: 'request-bars' }, h('tbody', {}, counts.map(([l, n]) => h('tr', {}, h('th', { scope: 'row' }, l),
      h('td', { class: 'bar-cell' }, bar(list.rows.length ? (100 * n) / list.rows.length : 0, l, 'neutral')), h('td', { class: 'num' }, String(n)))))),
    packageForm(id, view));

  const sel = (key, opts, l) => h('label', {}, l, h('select', { id: `rf-${key}`, onchange: (e) => { state[key] = e.target.value; rerender(); } },
    h('option', { value: '' }, 'All'), opts.map(([v, t]) => h('option', { value: v, selected: state[key] === v }, t))));
  const search = h('input', { id: 'rf-text', type: 'text', value: state.text, placeholder: 'Search id, item, question' });
  search.addEventListener('change', () => { state.text = search.value; rerender(); });
  const filters = h('div', { class: 'filters row', id: 'request-filters' }, sel('status', STATUS, 'Status'),
    sel('kind', [['point_in_time', 'Point in time'], ['population', 'Population']], 'Kind'), h('label', { for: 'rf-text' }, 'Find', search));

  const q = state.text.trim().toLowerCase();
  const shown = list.rows.filter((r) => (!state.status || r.status === state.status) && (!state.kind || r.kind === state.kind)
    && (!q || `${r.id} ${r.item} ${r.questions.join(' ')}`.toLowerCase().includes(q)));
  const rows = shown.map((r) => requestRow(id, r, people, evidence.in_use, rerender));
  clear(panel, summary, filters,
    shown.length ? h('table', { class: 'task-table', id: 'request-table' },
      h('thead', {}, h('tr', {}, ['Item', 'Criteria', 'Owner and due', 'Status', 'Evidence', ''].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, rows)) : h('p', {}, 'No item matches the filters.'));
}

function requestRow(id, r, people, evidence, rerender) {
  const save = async (patch) => {
    try { await call('update_request', { id, requestId: r.id, edit: { version: r.version, owner: r.owner, due: r.due, status: r.status, ...patch } }); rerender(); } catch (e) { showError(e); rerender(); }
  };
  const pick = h('select', { 'aria-label': `Evidence to link to ${r.id}`, dataset: { linkFor: r.id } }, h('option', { value: '' }, '(choose a file)'),
    evidence.map((e) => h('option', { value: e.id }, e.original_name)));
  const date = h('input', { type: 'text', placeholder: 'YYYY-MM-DD', value: today(), 'aria-label': `Date the evidence for ${r.id} shows`, dataset: { dateFor: r.id } });
  const link = async (e) => {
    e.preventDefault();
    if (!pick.value) { notice('Choose the evidence file first.', 'error'); return; }
    try {
      const check = await call('set_evidence_date', { evidenceId: pick.value, date: date.value });
      await call('link_evidence_request', { evidenceId: pick.value, requestId: r.id });
      if (!check.fits) notice(check.note, 'error'); else notice('Evidence linked.');
      rerender();
    } catch (err) { showError(err); }
  };
  return h('tr', { dataset: { request: r.id }, class: r.overdue ? 'overdue' : '' },
    h('td', {}, h('strong', {}, r.id), ' ', r.kind === 'population' ? h('span', { class: 'chip type2' }, 'Population') : null, h('div', {}, r.item), h('div', { class: 'muted small' }, r.detail),
      r.auditor_comment || r.auditor_status ? h('div', { class: 'auditor-comment' }, h('strong', {}, 'Auditor', r.auditor_status ? ` (${r.auditor_status})` : '', ': '), r.auditor_comment) : null),
    h('td', { class: 'small' }, r.criteria.join(', '), h('div', { class: 'muted' }, r.questions.join(', '))),
    h('td', {}, h('select', { 'aria-label': `Owner of ${r.id}`, onchange: (e) => save({ owner: e.target.value || null }) }, h('option', { value: '' }, '(no owner)'), people.map((n) => h('option', { value: n, selected: r.owner === n }, n))),
      h('input', { type: 'text', class: 'due-input', value: r.due || '', placeholder: 'Due YYYY-MM-DD', 'aria-label': `Due date of ${r.id}`, onchange: (e) => save({ due: e.target.value || null }) })),
    h('td', {}, h('select', { 'aria-label': `Status of ${r.id}`, dataset: { statusFor: r.id }, onchange: (e) => save({ status: e.target.value }) }, STATUS.map(([v, l]) => h('option', { value: v, selected: r.status === v }, l)))),
    h('td', { class: 'small' }, r.evidence.map((e) => h('div', { class: 'linked-evidence', dataset: { evidence: e.id } }, e.name, ' · ', e.effective_date || 'no date',
      e.check && !e.check.fits ? [' ', h('span', { class: 'date-flag', title: e.check.note }, 'Outside the window')] : null,
      e.removed ? ' (removed)' : '', ' ',
      h('button', { type: 'button', class: 'link', 'aria-label': `Unlink ${e.name} from ${r.id}`, onclick: async () => { try { await call('unlink_evidence_request', { evidenceId: e.id, requestId: r.id }); rerender(); } catch (err) { showError(err); } } }, 'unlink')))),
    h('td', {}, h('form', { class: 'link-form', onsubmit: link }, pick, date, h('button', { type: 'submit', class: 'secondary', dataset: { link: r.id } }, 'Link'))));
}

function packageForm(id, view) {
  const path = h('input', { id: 'package-path', type: 'text', placeholder: 'Where to write the .zip, e.g. /home/me/acme evidence package.zip' });
  const progress = h('progress', { class: 'package-progress', id: 'package-progress', max: 100, value: 0, hidden: true, 'aria-label': 'Package progress' });
  const status = h('span', { class: 'muted small', 'aria-live': 'polite', id: 'package-status' });
  return h('form', { class: 'row', id: 'package-form', onsubmit: async (e) => {
    e.preventDefault();
    const channel = new window.__TAURI__.core.Channel();
    channel.onmessage = (p) => { progress.hidden = false; progress.value = p.total ? Math.round((100 * p.done) / p.total) : 100; };
    try {
      status.textContent = 'Writing…';
      const s = await call('write_package', { id, path: path.value, onProgress: channel });
      progress.value = 100;
      status.textContent = `Written: ${s.files} files for ${s.items_with_files} of ${s.request_items} items.`;
      noticeAction(`Evidence package written to ${s.path}.`, 'Show it', () => call('open_path', { path: s.path }).catch(showError));
    } catch (err) { progress.hidden = true; status.textContent = ''; showError(err); }
  } }, h('label', { for: 'package-path' }, 'Evidence package for the auditor (.zip with the files, an index, the gap workbook and the system description)', path),
  h('button', { type: 'submit', id: 'write-package' }, 'Write package'), progress, status);
}
