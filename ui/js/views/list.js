// The assessment list: open, rename, save to file, delete; create and load.

import { askOpenPath, askSavePath, call } from '../api.js';
import { bar, clear, fileSize, formatDate, h, notice, pct, showError } from '../dom.js';
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

// One file holds the whole assessment. With the evidence files (a .preflight archive) it is
// how a founder moves to a new laptop; without them (.preflight.json) it is small.
export function saveToFile(a) {
  const choice = (value, label, hint, checked) => h('label', { class: 'choice' },
    h('input', { type: 'radio', name: 'save-kind', value, checked, id: `save-kind-${value}` }),
    h('span', {}, h('strong', {}, label), h('span', { class: 'muted small' }, hint)));
  const progress = h('progress', { id: 'save-progress', max: 100, value: 0, hidden: true, 'aria-label': 'Saving the evidence files' });
  const progressText = h('p', { class: 'muted small', 'aria-live': 'polite' });
  openModal({
    title: `Save “${a.name}” to a file`,
    body: [
      h('fieldset', { class: 'choices' },
        h('legend', {}, 'What to save'),
        choice('archive', 'Everything, with the evidence files (.preflight)',
          'One file to move to another computer or keep as a complete copy. Every file is checked against its fingerprint (SHA-256) when it is loaded.', true),
        choice('json', 'Without the evidence files (.preflight.json)',
          'Answers, tasks, registers and the records of your evidence, but not the files themselves: small enough to e-mail.', false)),
      progress, progressText,
    ],
    ok: 'Choose where to save…',
    onOk: async () => {
      const kind = document.querySelector('input[name="save-kind"]:checked')?.value || 'archive';
      if (kind === 'json') {
        const path = await askSavePath(`${fileStem(a.name)}.preflight.json`, 'Preflight assessment', 'json');
        if (!path) return;
        await call('export_json', { id: a.id, path });
        notice(`Saved to ${path}`);
        return;
      }
      const path = await askSavePath(`${fileStem(a.name)}.preflight`, 'Preflight archive', 'preflight');
      if (!path) return;
      const channel = new window.__TAURI__.core.Channel();
      channel.onmessage = (p) => {
        progress.hidden = false;
        progress.value = p.total ? Math.round((100 * p.done) / p.total) : 100;
        progressText.textContent = `Evidence files: ${fileSize(p.done)} of ${fileSize(p.total)}`;
      };
      const saved = await call('export_archive', { id: a.id, path, onProgress: channel });
      const files = `${saved.files} evidence file${saved.files === 1 ? '' : 's'}, ${fileSize(saved.bytes)}`;
      if (saved.left_out.length) {
        notice(`Saved to ${path} (${files}). Left out because the file is missing or changed on this computer: ${saved.left_out.join(', ')}. Attach them again and save once more.`, 'error');
      } else {
        notice(`Saved to ${path} (${files}).`);
      }
    },
  });
}

// What a file holds, as the load confirmation lists it.
const FILE_CONTENTS = [
  ['answers', 'answer', 'answers'],
  ['tasks', 'task', 'tasks'],
  ['evidence', 'evidence file', 'evidence files'],
  ['duty_occurrences', 'recorded duty', 'recorded duties'],
  ['risks', 'risk', 'risks'],
  ['vendors', 'vendor', 'vendors'],
  ['policies', 'policy', 'policies'],
  ['people', 'person', 'people'],
];

async function loadFromFile() {
  let path; let preview;
  try {
    path = await askOpenPath('Preflight file', ['preflight', 'json']);
    if (!path) return;
    preview = await call('preview_file', { path });
  } catch (e) { showError(e); return; }
  const held = FILE_CONTENTS.filter(([k]) => preview[k] > 0)
    .map(([k, one, many]) => h('li', {}, `${preview[k]} ${preview[k] === 1 ? one : many}`));
  const same = preview.same_here;
  const option = (value, label, checked) => h('label', { class: 'choice' },
    h('input', { type: 'radio', name: 'load-kind', value, checked, id: `load-kind-${value}` }), h('span', {}, label));
  const progress = h('progress', { id: 'load-progress', max: 100, value: 0, hidden: true, 'aria-label': 'Checking the evidence files' });
  const progressText = h('p', { class: 'muted small', 'aria-live': 'polite' });
  openModal({
    title: `Load “${preview.name}”?`,
    body: [
      h('p', {}, `${preview.company} · saved ${formatDate(preview.saved_at)}`),
      held.length ? h('ul', { id: 'load-contents' }, held) : h('p', {}, 'It holds no answers yet.'),
      same
        ? h('fieldset', { class: 'choices', id: 'load-same' },
          h('legend', {}, `Already on this computer as “${same}”`),
          option('copy', 'Load it as a copy beside it (nothing here changes)', true),
          option('replace', `Replace “${same}” with the file’s version: everything saved in it here is replaced`, false))
        : null,
      progress, progressText,
    ].filter(Boolean),
    ok: 'Load',
    onOk: async () => {
      const replace = document.querySelector('input[name="load-kind"]:checked')?.value === 'replace';
      const channel = new window.__TAURI__.core.Channel();
      channel.onmessage = (p) => {
        progress.hidden = false;
        progress.value = p.total ? Math.round((100 * p.done) / p.total) : 100;
        progressText.textContent = `Evidence files checked: ${fileSize(p.done)} of ${fileSize(p.total)}`;
      };
      const loaded = await call('load_file', { path, replace, onProgress: channel });
      const parts = [`${loaded.replaced ? 'Replaced' : 'Loaded'} “${loaded.assessment.name}”.`];
      if (loaded.evidence_files) parts.push(`${loaded.evidence_files} evidence file${loaded.evidence_files === 1 ? '' : 's'} restored and checked.`);
      if (loaded.evidence_files_missing) parts.push(`${loaded.evidence_files_missing} evidence file${loaded.evidence_files_missing === 1 ? ' is' : 's are'} not on this computer: load the .preflight archive to bring them, or attach them again.`);
      notice(parts.join(' '), loaded.evidence_files_missing ? 'error' : 'info');
      location.hash = `#/a/${loaded.assessment.id}`;
    },
  });
}

export function fileStem(name) {
  return name.replace(/[\\/:*?"<>|]+/g, '-').trim() || 'assessment';
}
