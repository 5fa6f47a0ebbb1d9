// One assessment: its header (scope, readiness, export) and the questionnaire or gaps tab.

import { askSavePath, call, catalog } from '../api.js';
import { bar, clear, h, noticeAction, pct, showError } from '../dom.js';
import { fileStem, saveToFile } from './list.js';
import { renderQuestionnaire } from './questionnaire.js';
import { renderReadiness } from './readiness.js';

export async function renderAssessment(main, id, tab, info) {
  const [c, view, ready] = await Promise.all([catalog(), call('get_assessment', { id }), call('readiness', { id })]);
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
        h('button', { type: 'button', class: 'secondary', onclick: () => saveToFile(a) }, 'Save to file…'))));

  const tabs = h('nav', { class: 'tabs', 'aria-label': 'Assessment sections' },
    h('a', { href: `#/a/${id}`, id: 'tab-questions', 'aria-current': tab === 'questions' ? 'page' : null }, 'Questionnaire'),
    h('a', { href: `#/a/${id}/gaps`, id: 'tab-gaps', 'aria-current': tab === 'gaps' ? 'page' : null }, `Gaps & readiness (${ready.gaps.length})`));
  const panel = h('div', { id: 'tab-panel' });
  clear(main, head, tabs, panel);

  const onSaved = async () => {
    const r = await call('readiness', { id });
    refreshOverall(r);
    tabs.querySelector('#tab-gaps').textContent = `Gaps & readiness (${r.gaps.length})`;
  };
  if (tab === 'gaps') renderReadiness(panel, c, view, ready, info);
  else renderQuestionnaire(panel, c, view, onSaved);
}

async function exportWorkbook(a) {
  try {
    const path = await askSavePath(`${fileStem(a.name)} - gap workbook.xlsx`, 'Excel workbook', 'xlsx');
    if (!path) return;
    const written = await call('export_workbook', { id: a.id, path });
    noticeAction(`Workbook saved to ${written}.`, 'Open it', () => call('open_path', { path: written }).catch(showError));
  } catch (e) { showError(e); }
}
