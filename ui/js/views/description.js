// The system description: a guided page with the sections the auditor expects (DC 200), each
// drafted from what Preflight knows (the profile, the component lists below, the subservice
// organizations and CUECs from the Vendors tab, the scope) and marked complete or not; parts
// the company must still write are marked [[to fill: …]]. Exported as .docx and Markdown.

import { call } from '../api.js';
import { bar, clear, h, notice, noticeAction, showError } from '../dom.js';
import { marked } from '../glossary.js';

const LISTS = [
  ['system', 'Systems', 'Cloud accounts, the application, tools that run or support the service', 'e.g. AWS (eu-west-1): hosting'],
  ['data_store', 'Data stores', 'Where data lives', 'e.g. Postgres (RDS): customer invoices'],
  ['team', 'Teams', 'Who runs the service', 'e.g. Engineering: 6 people, build and run the service'],
];

export async function renderDescription(panel, c, view) {
  const id = view.assessment.id;
  const d = await call('system_description', { id });
  const rerender = () => renderDescription(panel, c, view).catch(showError);

  const total = d.sections.length;
  const outDir = h('input', { id: 'description-export-dir', type: 'text', placeholder: 'A folder to write the files into' });
  const head = h('section', { class: 'panel', id: 'description-head', 'aria-labelledby': 'description-h' },
    h('h2', { id: 'description-h' }, 'System description'),
    h('p', { class: 'muted small' }, marked('The description the company writes for its report. Each section starts as a draft from what Preflight knows; parts only you can write are marked [[to fill: …]]. A section is complete when nothing is left to fill.', new Set())),
    h('p', { id: 'description-progress' }, `${d.complete} of ${total} sections complete`, bar(total ? (100 * d.complete) / total : 0, 'Sections complete')),
    d.type2 ? null : h('form', { class: 'row', id: 'as-of-form', onsubmit: async (e) => {
      e.preventDefault();
      try { await call('set_as_of_date', { id, date: e.target.querySelector('input').value }); notice('As-of date saved.'); rerender(); } catch (err) { showError(err); }
    } }, h('label', { for: 'as-of-date' }, 'Type 1 report as of (YYYY-MM-DD)', h('input', { id: 'as-of-date', type: 'text', value: d.as_of || '', placeholder: 'YYYY-MM-DD' })),
    h('button', { type: 'submit', class: 'secondary' }, 'Save date')),
    h('form', { class: 'row', id: 'description-export-form', onsubmit: async (e) => {
      e.preventDefault();
      try {
        const files = await call('export_description', { id, dir: outDir.value });
        noticeAction(`Written: ${files.join(', ')}`, 'Open the folder', () => call('open_path', { path: outDir.value }).catch(showError));
      } catch (err) { showError(err); }
    } }, h('label', { for: 'description-export-dir' }, 'Export the draft (.docx and Markdown) to', outDir), h('button', { type: 'submit', id: 'export-description' }, 'Export')));

  const lists = h('section', { class: 'panel', id: 'components', 'aria-labelledby': 'components-h' },
    h('h2', { id: 'components-h' }, 'Components: fill these in once'),
    h('div', { class: 'component-lists' }, LISTS.map(([kind, title, hint, example]) => componentList(id, kind, title, hint, example, d.components.filter((x) => x.kind === kind), rerender))));

  const sections = d.sections.map((s) => {
    const text = h('textarea', { id: `section-${s.id}`, rows: Math.min(18, Math.max(5, s.text.split('\n').length + 2)), value: s.text });
    return h('section', { class: `panel description-section${s.complete ? ' complete' : ''}`, dataset: { section: s.id }, 'aria-labelledby': `section-h-${s.id}` },
      h('h3', { id: `section-h-${s.id}` }, s.title, ' ', h('span', { class: `chip ${s.complete ? 'status-approved' : 'status-draft'}` }, s.complete ? 'Complete' : 'To finish'),
        s.saved ? null : h('span', { class: 'muted small' }, ' · draft from what Preflight knows')),
      h('p', { class: 'small' }, h('strong', {}, s.prompt)),
      h('p', { class: 'muted small' }, marked(s.guidance, new Set())),
      h('label', { for: `section-${s.id}`, class: 'sr' }, s.title), text,
      h('div', { class: 'actions' },
        h('button', { type: 'button', dataset: { saveSection: s.id }, onclick: async () => {
          try { await call('save_description_section', { id, sectionId: s.id, text: text.value }); notice(`${s.title}: saved.`); rerender(); } catch (e) { showError(e); }
        } }, 'Save section'),
        s.saved ? h('button', { type: 'button', class: 'secondary', onclick: async () => {
          try { await call('save_description_section', { id, sectionId: s.id, text: '' }); rerender(); } catch (e) { showError(e); }
        } }, 'Back to the draft') : null));
  });
  clear(panel, head, lists, sections);
}

function componentList(id, kind, title, hint, example, items, rerender) {
  const rows = h('ol', { class: 'row-list', id: `list-${kind}` });
  const addRow = (name = '', detail = '') => {
    const i = rows.children.length;
    const n = h('input', { type: 'text', id: `${kind}-name-${i}`, value: name, placeholder: 'Name' });
    const dt = h('input', { type: 'text', id: `${kind}-detail-${i}`, value: detail, placeholder: example });
    const li = h('li', { class: 'row-item' }, h('label', { for: `${kind}-name-${i}`, class: 'sr' }, `${title}: name`), n,
      h('label', { for: `${kind}-detail-${i}`, class: 'sr' }, `${title}: what it is`), dt,
      h('button', { type: 'button', class: 'link', 'aria-label': `Remove this row of ${title}`, onclick: () => li.remove() }, 'Remove'));
    rows.append(li);
  };
  items.forEach((x) => addRow(x.name, x.detail));
  if (!items.length) addRow();
  return h('div', { class: 'component-list' }, h('h3', {}, title), h('p', { class: 'muted small' }, hint), rows,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', onclick: () => addRow() }, 'Add row'),
      h('button', { type: 'button', dataset: { saveList: kind }, onclick: async () => {
        const items_ = [...rows.querySelectorAll('li')].map((li) => { const [a, b] = li.querySelectorAll('input'); return [a.value, b.value]; });
        try { await call('save_components', { id, kind, items: items_ }); notice(`${title} saved.`); rerender(); } catch (e) { showError(e); }
      } }, `Save ${title.toLowerCase()}`)));
}
