// The assessment list: open, rename, save to file, delete; create and load.

import { askOpenPath, askSavePath, call } from '../api.js';
import { bar, clear, formatDate, h, notice, pct, showError } from '../dom.js';
import { openModal } from '../modal.js';

export async function renderList(main) {
  const items = await call('list_assessments');
  const rows = items.map((a) => h('li', { class: 'assessment-card', dataset: { id: a.id } },
    h('div', { class: 'card-main' },
      h('h2', {}, h('a', { href: `#/a/${a.id}`, class: 'open-assessment' }, a.name)),
      h('p', { class: 'muted' }, a.company, ' · ', a.scope_label),
      h('p', { class: 'muted small' }, `Last change ${formatDate(a.updated_at)}`)),
    h('div', { class: 'card-figures' },
      h('div', {}, h('span', { class: 'figure' }, pct(a.readiness)), h('span', { class: 'muted small' }, ' ready')),
      bar(a.readiness, `Readiness of ${a.name}`),
      h('p', { class: 'muted small' }, `${a.answered} of ${a.questions} answered`)),
    h('div', { class: 'card-actions' },
      h('a', { class: 'button', href: `#/a/${a.id}` }, 'Open'),
      h('button', { type: 'button', class: 'secondary rename', onclick: () => rename(a) }, 'Rename'),
      h('button', { type: 'button', class: 'secondary save-file', onclick: () => saveToFile(a) }, 'Save to file…'),
      h('button', { type: 'button', class: 'danger-outline delete', onclick: () => remove(a) }, 'Delete'))));

  clear(main,
    h('section', { class: 'page-head' },
      h('h1', {}, 'Assessments'),
      h('div', { class: 'actions' },
        h('a', { class: 'button', href: '#/new', id: 'new-assessment' }, 'New assessment'),
        h('button', { type: 'button', class: 'secondary', id: 'load-file', onclick: loadFromFile }, 'Load from file…'))),
    items.length === 0
      ? h('section', { class: 'panel empty', id: 'empty-list' },
        h('h2', {}, 'No assessments yet'),
        h('p', {}, 'Start one for the report you are preparing: pick SOC 1, SOC 2 or SOC 3, the type and the criteria in scope, then answer the questions in plain language. Everything stays on this computer.'),
        h('a', { class: 'button', href: '#/new' }, 'Start your first assessment'))
      : h('ul', { class: 'assessment-list', id: 'assessment-list' }, rows));
}

function rename(a) {
  const input = h('input', { id: 'rename-input', type: 'text', value: a.name, maxlength: 200, required: true });
  openModal({
    title: 'Rename assessment',
    body: [h('label', { for: 'rename-input' }, 'Name'), input],
    ok: 'Rename',
    onOk: async () => {
      await call('rename_assessment', { id: a.id, name: input.value });
      notice('Renamed.');
      await renderList(document.getElementById('main'));
    },
  });
}

// What an assessment holds (the `assessment_contents` command), as the confirmation names it.
const CONTENTS = [
  ['answers', 'answer', 'answers'],
  ['tasks', 'task', 'tasks'],
  ['evidence_files', 'evidence file', 'evidence files'],
  ['auditor_comments', 'auditor comment', 'auditor comments'],
  ['duty_records', 'recorded duty', 'recorded duties'],
  ['risks', 'risk', 'risks'],
  ['vendors', 'vendor', 'vendors'],
  ['customer_controls', 'customer control', 'customer controls'],
  ['policies', 'policy', 'policies'],
  ['people', 'person', 'people'],
  ['description_entries', 'system description entry', 'system description entries'],
  ['request_items', 'request list item', 'request list items'],
];

export function contentsList(c) {
  return CONTENTS.filter(([k]) => c[k] > 0).map(([k, one, many]) => `${c[k]} ${c[k] === 1 ? one : many}`);
}

async function remove(a) {
  let contents;
  try {
    contents = await call('assessment_contents', { id: a.id });
  } catch (e) { showError(e); return; }
  const items = contentsList(contents);
  openModal({
    title: 'Delete this assessment?',
    body: [
      h('p', {}, items.length
        ? `“${a.name}” will be deleted from this computer with everything saved in it:`
        : `“${a.name}” will be deleted from this computer. Nothing has been saved in it yet.`),
      items.length ? h('ul', { id: 'delete-contents' }, items.map((t) => h('li', {}, t))) : null,
      h('p', {}, 'This cannot be undone. Save it to a file first if you may need it.'),
    ].filter(Boolean),
    ok: 'Delete',
    danger: true,
    onOk: async () => {
      await call('delete_assessment', { id: a.id });
      notice(`Deleted “${a.name}”.`);
      await renderList(document.getElementById('main'));
    },
  });
}

export async function saveToFile(a) {
  try {
    const path = await askSavePath(`${fileStem(a.name)}.preflight.json`, 'Preflight assessment', 'json');
    if (!path) return;
    await call('export_json', { id: a.id, path });
    notice(`Saved to ${path}`);
  } catch (e) { showError(e); }
}

async function loadFromFile() {
  try {
    const path = await askOpenPath('Preflight assessment', ['json']);
    if (!path) return;
    const a = await call('import_json', { path });
    notice(`Loaded “${a.name}”.`);
    location.hash = `#/a/${a.id}`;
  } catch (e) { showError(e); }
}

export function fileStem(name) {
  return name.replace(/[\\/:*?"<>|]+/g, '-').trim() || 'assessment';
}
