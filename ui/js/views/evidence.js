// Evidence: attach a file to a question or a task (copied into Preflight's data folder with its
// SHA-256, with a progress bar for large files), open it, re-check every file's integrity, and
// remove with confirmation (the record of what was removed and when is kept).

import { askOpenPath, call } from '../api.js';
import { clear, formatDate, h, notice, showError } from '../dom.js';
import { openModal } from '../modal.js';

function size(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

export async function renderEvidence(panel, c, view) {
  const id = view.assessment.id;
  const [list, tasks, dates] = await Promise.all([call('evidence', { id }), call('tasks', { id }), call('evidence_dates', { id })]);
  const rerender = () => renderEvidence(panel, c, view).catch(showError);
  const target = h('select', { id: 'evidence-target' },
    h('optgroup', { label: 'Tasks' }, tasks.map((t) => h('option', { value: `task:${t.id}` }, t.title))),
    h('optgroup', { label: 'Questions' }, view.question_ids.map((q) => h('option', { value: `q:${q}` }, `${q}: ${c.questionById.get(q)?.text ?? ''}`.slice(0, 120)))));
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
      progressText.textContent = `${size(p.done)} of ${size(p.total)}`;
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

  const linked = (e) => (e.task_id ? `Task: ${tasks.find((t) => t.id === e.task_id)?.title ?? e.task_id}` : `Question: ${e.question_id}`);
  const report = h('div', { id: 'verify-report', 'aria-live': 'polite' });
  const table = list.in_use.length === 0 ? h('p', { id: 'no-evidence' }, 'No evidence yet.')
    : h('table', { class: 'task-table', id: 'evidence-table' },
      h('thead', {}, h('tr', {}, ['File', 'For', 'Collected on', 'Date it shows', 'Size', 'SHA-256', ''].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, list.in_use.map((e) => h('tr', { dataset: { evidence: e.id } },
        h('td', {}, e.original_name), h('td', {}, linked(e)), h('td', {}, e.collected_on),
        h('td', {}, h('input', { type: 'text', class: 'due-input', value: dates[e.id]?.date || '', placeholder: 'YYYY-MM-DD', 'aria-label': `Date ${e.original_name} shows`, dataset: { effective: e.id },
          onchange: async (ev) => { try { const c = await call('set_evidence_date', { evidenceId: e.id, date: ev.target.value }); if (!c.fits) notice(c.note, 'error'); rerender(); } catch (err) { showError(err); } } }),
          dates[e.id] && !dates[e.id].fits ? h('div', { class: 'date-flag', title: dates[e.id].note }, 'Outside the window') : null),
        h('td', {}, size(e.size)),
        h('td', { class: 'hash', title: e.sha256 }, `${e.sha256.slice(0, 16)}…`),
        h('td', {},
          h('button', { type: 'button', class: 'link', onclick: () => call('open_evidence', { evidenceId: e.id }).catch(showError) }, 'Open'), ' ',
          h('button', { type: 'button', class: 'link remove-evidence', onclick: () => openModal({
            title: 'Remove this evidence?', body: [h('p', {}, `${e.original_name} will be deleted from Preflight’s folder. The record that it existed, and when it was removed, is kept.`)],
            ok: 'Remove', danger: true, onOk: async () => { await call('remove_evidence', { evidenceId: e.id }); rerender(); },
          }) }, 'Remove'))))));
  const verify = async () => {
    try {
      const r = await call('verify_evidence', { id });
      const bad = [...r.tampered.map((x) => ['changed since it was stored', x]), ...r.missing.map((x) => ['missing', x]), ...r.unreadable.map((x) => ['unreadable', x])];
      for (const [, x] of bad) panel.querySelector(`tr[data-evidence="${x.evidence.id}"]`)?.classList.add('overdue');
      clear(report, h('p', { class: bad.length ? 'form-error' : '' }, `${r.checked} checked: ${r.intact} intact${bad.length ? `, ${bad.length} with problems` : ''}.`),
        bad.length ? h('ul', {}, bad.map(([why, x]) => h('li', {}, `${x.evidence.original_name}: ${why}`))) : null);
    } catch (e) { showError(e); }
  };
  clear(panel, form,
    h('section', { class: 'panel' }, h('div', { class: 'row' }, h('h2', {}, `Evidence (${list.in_use.length})`), h('button', { type: 'button', class: 'secondary', id: 'verify-evidence', onclick: verify }, 'Re-check all files')), report, table),
    list.removed.length ? h('section', { class: 'panel' }, h('h2', {}, 'Removed'), h('ul', {}, list.removed.map((e) => h('li', {}, `${e.original_name} (${linked(e)}), removed ${formatDate(e.removed_at)}`)))) : null);
}
