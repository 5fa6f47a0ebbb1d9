// The policy set: the templates that fit the scope, adopted and filled in from what Preflight
// knows; each policy edited as Markdown with a preview, approved with a name (read-only from
// then on; a change makes a new draft version), retired, its versions kept, and exported as
// .docx and Markdown, one policy or the whole approved set.

import { call } from '../api.js';
import { clear, h, notice, noticeAction, showError } from '../dom.js';
import { openModal } from '../modal.js';
import { marked } from '../glossary.js';

const STATUS = { draft: 'Draft', approved: 'Approved', retired: 'Retired' };
const today = () => new Date().toISOString().slice(0, 10);

export async function renderPolicies(panel, c, view) {
  const id = view.assessment.id;
  const [set, people] = await Promise.all([call('policy_set', { id }), call('people', { id })]);
  const rerender = () => renderPolicies(panel, c, view).catch(showError);
  const state = panel.policyState || (panel.policyState = { open: null });

  const list = set.policies.length === 0
    ? h('p', { id: 'no-policies' }, 'No policies yet. Adopt the templates below: each is filled in with your company name, owners and the timings your questionnaire uses.')
    : h('table', { class: 'task-table', id: 'policy-table' },
      h('caption', { class: 'sr' }, 'Policies'),
      h('thead', {}, h('tr', {}, ['Policy', 'Status', 'Version in force', 'Owner', 'Approved', 'Next review', ''].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, set.policies.map((p) => {
        const cur = p.versions.find((v) => v.number === p.current_version);
        return h('tr', { dataset: { policy: p.id }, class: p.review_overdue ? 'overdue' : '' },
          h('td', {}, h('strong', {}, p.title), p.to_fill ? h('div', { class: 'flag', title: 'Parts marked [[to fill: …]] are still to be written' }, 'To fill in') : null,
            p.criteria.length ? h('div', { class: 'muted small' }, p.criteria.join(', ')) : null),
          h('td', {}, h('span', { class: `chip status-${p.status}` }, STATUS[p.status]), p.status === 'draft' && p.current_version ? h('div', { class: 'muted small' }, `v${p.versions.length} draft pending`) : null),
          h('td', {}, p.current_version ? `v${p.current_version}` : 'none yet'),
          h('td', {}, p.owner || ''),
          h('td', { class: 'small' }, cur ? `${cur.approved_by}, ${cur.approved_on}` : ''),
          h('td', { class: 'small' }, p.next_review || '', p.review_overdue ? h('span', { class: 'overdue-badge' }, 'Overdue') : null),
          h('td', {}, h('button', { type: 'button', class: 'link', dataset: { open: p.id }, 'aria-label': `Open ${p.title}`, onclick: () => { state.open = p.id; rerender(); } }, 'Open')));
      })));

  const open = set.policies.find((p) => p.id === state.open);
  const editor = open ? policyEditor(open, people, rerender) : null;

  const outDir = h('input', { id: 'policy-export-dir', type: 'text', placeholder: 'A folder to write the files into' });
  const exportAll = h('form', { class: 'row', id: 'policy-export-form', onsubmit: async (e) => {
    e.preventDefault();
    try {
      const files = await call('export_policies', { id, policyId: null, dir: outDir.value });
      noticeAction(`${files.length} file(s) written to ${outDir.value}.`, 'Open the folder', () => call('open_path', { path: outDir.value }).catch(showError));
    } catch (err) { showError(err); }
  } }, h('label', { for: 'policy-export-dir' }, 'Export the approved set (.docx and Markdown)', outDir), h('button', { type: 'submit', id: 'export-policies' }, 'Export approved set'));

  const open_ = set.templates.filter((t) => t.proposed && !t.adopted);
  const boxes = open_.map((t) => h('label', { class: 'check template-choice' }, h('input', { type: 'checkbox', value: t.id, checked: true, dataset: { template: t.id } }),
    h('span', {}, h('strong', {}, t.title), ' ', h('span', { class: 'muted small' }, `owner: ${t.owner_role} · ${t.criteria.join(', ')}`), h('br'), h('span', { class: 'small' }, t.summary))));
  const templates = h('section', { class: 'panel', id: 'policy-templates', 'aria-labelledby': 'templates-h' },
    h('h2', { id: 'templates-h' }, `Templates for your scope (${open_.length} not adopted)`),
    h('p', { class: 'muted small' }, 'Written for a 10 to 50 person cloud company, in plain words. Adopting fills in your company name, the owners from the people list (by the role written there) and the timings your questionnaire uses; anything Preflight does not know is marked [[to fill: …]].'),
    boxes.length ? [h('div', { class: 'template-list' }, boxes),
      h('button', { type: 'button', id: 'adopt-policies', onclick: async () => {
        const ids = boxes.map((b) => b.querySelector('input')).filter((i) => i.checked).map((i) => i.value);
        try { const done = await call('adopt_policies', { id, templateIds: ids }); notice(`${done.length} policies adopted as drafts.`); rerender(); } catch (e) { showError(e); }
      } }, 'Adopt selected')] : h('p', {}, 'Every template that fits your scope is adopted.'),
    set.templates.some((t) => !t.proposed) ? h('p', { class: 'muted small' }, 'Not proposed for your scope: ', set.templates.filter((t) => !t.proposed).map((t) => t.title).join(', '), '.') : null);

  clear(panel, h('section', { 'aria-labelledby': 'policies-h' }, h('h2', { id: 'policies-h' }, `Policies (${set.policies.length})`), list, set.policies.length ? exportAll : null), editor, templates);
  if (editor) editor.scrollIntoView({ block: 'start' });
}

function policyEditor(p, people, rerender) {
  const latest = p.versions[p.versions.length - 1];
  const retired = p.status === 'retired';
  const title = h('input', { id: 'policy-title', type: 'text', maxlength: 300, value: p.title, disabled: retired });
  const owner = h('select', { id: 'policy-owner', disabled: retired }, h('option', { value: '' }, '(no owner)'), people.map((n) => h('option', { value: n, selected: p.owner === n }, n)));
  const months = h('input', { id: 'policy-review-months', type: 'text', inputmode: 'numeric', value: String(p.review_months), disabled: retired });
  const text = h('textarea', { id: 'policy-text', rows: 22, value: latest.text, disabled: retired, spellcheck: 'true' });
  const preview = h('div', { class: 'policy-preview', id: 'policy-preview', 'aria-live': 'polite' });
  const showPreview = async () => {
    try { clear(preview, blocks(await call('markdown_preview', { text: text.value }))); } catch (e) { showError(e); }
  };
  let timer;
  text.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(showPreview, 400); });
  showPreview();
  const save = async () => {
    try {
      const r = await call('update_policy', { policyId: p.id, edit: { version: p.version, title: title.value, text: text.value, owner: owner.value || null, review_months: Number(months.value) || null } });
      notice(r.versions.length > p.versions.length ? `Saved as draft version ${r.versions.length}; version ${p.current_version} stays in force until it is approved.` : 'Saved.');
      rerender();
    } catch (e) { showError(e); if (e.code === 'stale_version') rerender(); }
  };
  const approve = () => {
    const who = h('input', { id: 'approver', type: 'text', maxlength: 200 });
    const on = h('input', { id: 'approved-on', type: 'text', value: today(), placeholder: 'YYYY-MM-DD' });
    openModal({
      title: `Approve ${p.title}, version ${latest.number}`,
      body: [h('p', { class: 'muted small' }, 'Once approved this version cannot be changed; a later change makes a new draft version. Save your edits first.'),
        h('label', { for: 'approver' }, 'Approved by'), who, h('label', { for: 'approved-on' }, 'Approved on (YYYY-MM-DD)'), on],
      ok: 'Approve',
      onOk: async () => { await call('approve_policy', { policyId: p.id, version: p.version, approver: who.value, on: on.value || null }); notice('Policy approved.'); rerender(); },
    });
  };
  const exportOne = h('input', { id: 'policy-export-one', type: 'text', placeholder: 'A folder' });
  return h('section', { class: 'panel policy-editor', id: 'policy-editor', 'aria-labelledby': 'editor-h' },
    h('h2', { id: 'editor-h' }, p.title, ' ', h('span', { class: `chip status-${p.status}` }, `${STATUS[p.status]} · v${latest.number}`)),
    latest.approved_on ? h('p', { class: 'muted small' }, `Version ${latest.number} was approved by ${latest.approved_by} on ${latest.approved_on}. Editing the text makes version ${latest.number + 1}, a draft.`) : null,
    h('div', { class: 'row' }, h('label', { for: 'policy-title' }, 'Title', title), h('label', { for: 'policy-owner' }, 'Owner', owner), h('label', { for: 'policy-review-months' }, 'Review every (months)', months)),
    h('div', { class: 'policy-edit' }, h('label', { for: 'policy-text' }, 'Text (Markdown: ## headings, - lists, **bold**)', text), h('div', {}, h('h3', {}, 'Preview'), preview)),
    retired ? h('p', {}, `Retired on ${p.retired_on}.`) : h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'save-policy', onclick: save }, 'Save'),
      latest.approved_on ? null : h('button', { type: 'button', id: 'approve-policy', onclick: approve }, 'Approve…'),
      h('button', { type: 'button', class: 'secondary', id: 'retire-policy', onclick: () => openModal({
        title: `Retire ${p.title}?`, body: [h('p', {}, 'A retired policy is kept with its versions but can no longer be changed or approved.')], ok: 'Retire', danger: true,
        onOk: async () => { await call('retire_policy', { policyId: p.id, version: p.version }); rerender(); },
      }) }, 'Retire…')),
    h('form', { class: 'row', id: 'policy-export-one-form', onsubmit: async (e) => {
      e.preventDefault();
      try {
        const files = await call('export_policies', { id: p.assessment_id, policyId: p.id, dir: exportOne.value });
        noticeAction(`Written: ${files.join(', ')}`, 'Open the folder', () => call('open_path', { path: exportOne.value }).catch(showError));
      } catch (err) { showError(err); }
    } }, h('label', { for: 'policy-export-one' }, 'Export this policy (.docx and Markdown) to', exportOne), h('button', { type: 'submit', class: 'secondary', id: 'export-policy' }, 'Export')),
    h('details', { id: 'policy-history' }, h('summary', {}, `Versions (${p.versions.length})`),
      h('ol', {}, p.versions.map((v) => h('li', {}, `v${v.number}, created ${v.created_on}`, v.approved_on ? `, approved by ${v.approved_by} on ${v.approved_on}` : ' (draft)', ' ',
        h('details', {}, h('summary', {}, 'Text'), h('div', { class: 'policy-preview' }, h('pre', { class: 'policy-old' }, v.text))))))));
}

// The preview's blocks (from Rust, which reads the Markdown) as DOM nodes: never as HTML.
function blocks(list) {
  return list.map((b) => {
    if (b.kind === 'heading') return h(`h${Math.min(6, Math.max(3, b.level + 1))}`, {}, inline(b.text));
    if (b.kind === 'item') return h('p', { class: 'preview-item', style: `margin-left:${(b.level || 1) * 14}px` }, `${b.ordered ? `${b.number}.` : '•'} `, inline(b.text));
    return h('p', {}, inline(b.text));
  });
}

function inline(text) {
  // Parts still to write stand out.
  return text.split(/(\[\[to fill:[^\]]*\]\])/).map((part) => (part.startsWith('[[to fill:') ? h('mark', { class: 'to-fill' }, part) : marked(part, new Set())));
}
