// One assessment: its header (scope, readiness, export) and the questionnaire or gaps tab.

import { askOpenPath, askSavePath, call, catalog, forAssessment } from '../api.js';
import { bar, clear, h, notice, noticeAction, pct, showError } from '../dom.js';
import { openModal } from '../modal.js';
import { fileStem, saveToFile } from './list.js';
import { renderQuestionnaire } from './questionnaire.js';
import { renderReadiness } from './readiness.js';
import { renderTasks, requestTasks } from './tasks.js';
import { renderDashboard } from './dashboard.js';
import { renderEvidence, requestEvidence } from './evidence.js';
import { renderCalendar } from './calendar.js';
import { renderRisks } from './risks.js';
import { renderVendors } from './vendors.js';
import { renderPolicies } from './policies.js';
import { renderPeople } from './people.js';
import { renderDescription } from './description.js';
import { renderRequests } from './requests.js';

export async function renderAssessment(main, id, tab, info) {
  // The auditor's comments and the register facts are shown on the questionnaire only.
  const questionnaire = tab === 'questions';
  const asked = Promise.all([catalog(), call('get_assessment', { id }), call('readiness', { id }),
    questionnaire ? call('auditor_comments', { id }) : [], questionnaire ? call('register_facts', { id }) : {}]);
  // The long lists' first page is asked for now, after the header's data: Rust reads it while
  // the window takes the previous tab down and draws the header.
  const early = tab === 'tasks' ? requestTasks(id) : tab === 'evidence' ? requestEvidence(id) : null;
  // From one tab of this assessment to another, the old tab stays as it is until the new one
  // is in place, and comes down once the new one is on screen (see `leave`).
  const old = document.getElementById('tab-panel');
  const leaving = old && old.dataset.assessment === id ? old : null;
  const [shared, view, ready, comments, facts] = await asked;
  const c = forAssessment(shared, view);
  const a = view.assessment;
  const overall = h('div', { class: 'overall', id: 'overall', title: info.scoring_rule });
  const refreshOverall = (r) => clear(overall,
    h('span', { class: 'figure', id: 'overall-figure' }, pct(r.readiness.overall)),
    h('span', { class: 'muted small' }, ` ready · ${r.readiness.answered} of ${r.readiness.questions} answered · ${r.gaps.length} gaps`),
    bar(r.readiness.overall, 'Overall readiness'));
  refreshOverall(ready);

  const obs = a.scope.observation;
  const head = h('section', { class: 'page-head assessment-head' },
    h('div', {},
      h('p', { class: 'muted small' }, h('a', { href: '#/' }, 'Assessments'), ' / ', a.company),
      h('h1', { id: 'assessment-title' }, a.name),
      h('p', { class: 'muted' }, view.scope_label, obs ? ` · observation ${obs.start} to ${obs.end}` : '')),
    h('div', { class: 'head-side' }, overall,
      h('div', { class: 'actions' },
        h('button', { type: 'button', id: 'export-workbook', onclick: () => exportWorkbook(a) }, 'Export workbook…'),
        h('button', { type: 'button', class: 'secondary', id: 'import-review', onclick: () => importReview(a) }, 'Import auditor review…'),
        h('button', { type: 'button', class: 'secondary', id: 'export-csv', onclick: () => exportCsv(a) }, 'Export CSV…'),
        h('button', { type: 'button', class: 'secondary', onclick: () => saveToFile(a) }, 'Save to file…'))));

  const tabs = h('nav', { class: 'tabs', 'aria-label': 'Assessment sections' },
    h('a', { href: `#/a/${id}`, id: 'tab-questions', 'aria-current': tab === 'questions' ? 'page' : null }, 'Questionnaire'),
    h('a', { href: `#/a/${id}/gaps`, id: 'tab-gaps', 'aria-current': tab === 'gaps' ? 'page' : null }, `Gaps & readiness (${ready.gaps.length})`),
    h('a', { href: `#/a/${id}/tasks`, id: 'tab-tasks', 'aria-current': tab === 'tasks' ? 'page' : null }, 'Tasks'),
    h('a', { href: `#/a/${id}/evidence`, id: 'tab-evidence', 'aria-current': tab === 'evidence' ? 'page' : null }, 'Evidence'),
    h('a', { href: `#/a/${id}/risks`, id: 'tab-risks', 'aria-current': tab === 'risks' ? 'page' : null }, 'Risks'),
    h('a', { href: `#/a/${id}/vendors`, id: 'tab-vendors', 'aria-current': tab === 'vendors' ? 'page' : null }, 'Vendors'),
    h('a', { href: `#/a/${id}/policies`, id: 'tab-policies', 'aria-current': tab === 'policies' ? 'page' : null }, 'Policies'),
    h('a', { href: `#/a/${id}/people`, id: 'tab-people', 'aria-current': tab === 'people' ? 'page' : null }, 'People'),
    h('a', { href: `#/a/${id}/description`, id: 'tab-description', 'aria-current': tab === 'description' ? 'page' : null }, 'System description'),
    h('a', { href: `#/a/${id}/requests`, id: 'tab-requests', 'aria-current': tab === 'requests' ? 'page' : null }, 'Request list'),
    a.scope.report_type === 'type2' ? h('a', { href: `#/a/${id}/calendar`, id: 'tab-calendar', 'aria-current': tab === 'calendar' ? 'page' : null }, 'Type 2 calendar') : null,
    h('a', { href: `#/a/${id}/dashboard`, id: 'tab-dashboard', 'aria-current': tab === 'dashboard' ? 'page' : null }, 'Dashboard'));
  const panel = h('div', { id: 'tab-panel', dataset: { assessment: id } });
  const taken = leaving && leaving.parentNode === main ? leave(main, leaving) : null;
  if (taken) taken.before(head, tabs, panel);
  else clear(main, head, tabs, panel);

  const onSaved = async () => {
    const r = await call('readiness', { id });
    refreshOverall(r);
    tabs.querySelector('#tab-gaps').textContent = `Gaps & readiness (${r.gaps.length})`;
  };
  if (tab === 'gaps') renderReadiness(panel, c, view, ready, info);
  else if (tab === 'tasks') await renderTasks(panel, c, view, early);
  else if (tab === 'dashboard') await renderDashboard(panel, c, view, info);
  else if (tab === 'evidence') await renderEvidence(panel, c, view, early);
  else if (tab === 'calendar') await renderCalendar(panel, c, view);
  else if (tab === 'risks') await renderRisks(panel, c, view);
  else if (tab === 'vendors') await renderVendors(panel, c, view);
  else if (tab === 'policies') await renderPolicies(panel, c, view);
  else if (tab === 'people') await renderPeople(panel, c, view);
  else if (tab === 'description') await renderDescription(panel, c, view);
  else if (tab === 'requests') await renderRequests(panel, c, view);
  else renderQuestionnaire(panel, c, view, onSaved, comments, facts);
  if (taken) afterNextFrame(() => taken.remove());
}

// Taking a tab down is not free: removing a questionnaire of 227 questions just drawn took 80
// to 180 ms on the 2-core test machine (23 to 42 ms a second later), all before the next tab
// could show (docs/benchmarks.md). So the old tab is folded away instead (no height, nothing
// of it on screen: one style change on its root, none on its 9,000 elements) and removed once
// the new tab has been drawn. Everything else in `main` (the old header, or a tab that had not
// been drawn yet when another was asked for) goes now. Answers the element the new page goes
// before.
function leave(main, old) {
  for (const n of [...main.children]) if (n !== old) n.remove();
  old.style.cssText = 'height:0;overflow:hidden;margin:0;padding:0;border:0';
  old.setAttribute('aria-hidden', 'true');
  return old;
}

// Runs `f` once the frame after this one is being made, so the frame now due is drawn first;
// a window that draws no frames (minimised) runs it after half a second.
function afterNextFrame(f) {
  let done = false;
  const once = () => { if (!done) { done = true; f(); } };
  requestAnimationFrame(() => requestAnimationFrame(once));
  setTimeout(once, 500);
}

async function exportWorkbook(a) {
  try {
    const path = await askSavePath(`${fileStem(a.name)} - gap workbook.xlsx`, 'Excel workbook', 'xlsx');
    if (!path) return;
    const written = await call('export_workbook', { id: a.id, path });
    noticeAction(`Workbook saved to ${written}.`, 'Open it', () => call('open_path', { path: written }).catch(showError));
  } catch (e) { showError(e); }
}

// The auditor sends the workbook back with their comment and status columns filled: read it,
// attach the comments to the matching questions (by question id), and say row by row what
// was taken and what was rejected.
async function importReview(a) {
  try {
    const path = await askOpenPath('Excel workbook', ['xlsx']);
    if (!path) return;
    const r = await call('import_review', { id: a.id, path });
    const { report, saved } = r;
    openModal({
      title: 'Auditor review imported',
      body: [
        h('p', { id: 'review-summary' }, `${report.taken.length} rows taken: ${saved.new.length} new, ${saved.changed.length} changed, ${saved.unchanged.length} unchanged. ${report.rejected.length} rejected. ${report.blank_rows} rows had no auditor entry. Your own answers were not changed.`),
        report.rejected.length ? h('ul', { class: 'rejected' }, report.rejected.map((x) => h('li', {}, `Row ${x.row}${x.question_id ? ` (${x.question_id})` : ''}: ${x.message}`))) : null,
      ],
      ok: 'Done',
      onOk: async () => { window.dispatchEvent(new HashChangeEvent('hashchange')); },
    });
  } catch (e) { showError(e); }
}

async function exportCsv(a) {
  try {
    const dir = await window.__TAURI__.dialog.open({ directory: true, multiple: false });
    if (!dir) return;
    const files = await call('export_csv', { id: a.id, dir });
    notice(`Wrote ${files.join(' and ')}`);
  } catch (e) { showError(e); }
}
