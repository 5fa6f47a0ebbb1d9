// Gaps and readiness: the figures per criterion (drawn as bars) and every gap.

import { call } from '../api.js';
import { bar, clear, h, notice, pct, showError } from '../dom.js';

const REASONS = { unanswered: 'Not answered yet', no: 'Not in place', partly: 'Partly in place', dont_know: 'Unknown: find out' };
const STATUS = { ready: 'Ready', gaps: 'Gaps', not_assessed: 'Not assessed' };

export function renderReadiness(panel, c, view, ready, info) {
  const r = ready.readiness;
  const soc1 = view.assessment.scope.kind === 'soc1';
  const counts = h('div', { class: 'stat-row' },
    stat('Overall readiness', pct(r.overall), 'stat-overall'),
    stat('Answered', `${r.answered} / ${r.questions}`, 'stat-answered'),
    stat('High gaps', r.gaps.high, 'stat-high'),
    stat('Medium gaps', r.gaps.medium, 'stat-medium'),
    stat('Low gaps', r.gaps.low, 'stat-low'));

  const rule = h('details', { class: 'rule' }, h('summary', {}, 'How is readiness scored?'), h('p', {}, info.scoring_rule));

  const table = h('table', { class: 'readiness-table', id: 'readiness-table' },
    h('caption', {}, soc1 ? 'Readiness by control objective' : 'Readiness by criterion'),
    h('thead', {}, h('tr', {}, ['', 'Title', 'Readiness', '', 'Answered', 'Gaps (H/M/L)', 'Status'].map((t, i) => h('th', { scope: 'col', class: i === 3 ? 'num' : null }, i === 0 ? (soc1 ? 'Objective' : 'Criterion') : t)))),
    h('tbody', {}, r.items.map((it) => h('tr', { dataset: { item: it.item.id } },
      h('th', { scope: 'row' }, it.item.id),
      h('td', {}, it.item.title),
      h('td', { class: 'bar-cell', title: info.scoring_rule }, bar(it.readiness, `${it.item.id} readiness`)),
      h('td', { class: 'num' }, pct(it.readiness)),
      h('td', { class: 'num' }, `${it.answered} / ${it.questions}`),
      h('td', { class: 'num' }, `${it.gaps.high} / ${it.gaps.medium} / ${it.gaps.low}`),
      h('td', {}, h('span', { class: `status status-${it.status}` }, STATUS[it.status]))))));

  const order = { high: 0, medium: 1, low: 2 };
  const gaps = [...ready.gaps].sort((x, y) => order[x.severity] - order[y.severity]);
  const gapList = gaps.length === 0
    ? h('p', { id: 'no-gaps' }, 'No gaps: every question in scope is answered Yes or Not applicable.')
    : h('ol', { class: 'gap-list', id: 'gap-list' }, gaps.map((g) => {
      const q = c.questionById.get(g.question_id);
      return h('li', { class: 'gap', dataset: { question: g.question_id } },
        h('span', { class: `severity severity-${g.severity}` }, g.severity),
        h('div', {},
          h('p', {}, q.text),
          h('p', { class: 'muted small' }, REASONS[g.reason], ' · ', (soc1 ? q.objectives : q.criteria).join(', '), ' · ',
            h('a', { href: `#/a/${view.assessment.id}`, onclick: () => { sessionStorage.setItem('focus-question', g.question_id); } }, 'Answer it'), ' · ',
            h('button', { type: 'button', class: 'link create-task', dataset: { question: g.question_id }, onclick: (e) => createTask(view.assessment.id, g.question_id, e.target) }, 'Create task'))));
    }));

  clear(panel, counts, rule, table, h('h2', {}, `Gaps (${gaps.length})`), gapList);
}

function stat(label, value, id) {
  return h('div', { class: 'stat', id }, h('span', { class: 'stat-value' }, String(value)), h('span', { class: 'stat-label' }, label));
}

async function createTask(id, questionId, button) {
  try {
    const t = await call('create_task_from_gap', { id, questionId });
    button.replaceWith(h('a', { href: `#/a/${id}/tasks`, class: 'task-link' }, 'Task created: set owner and due date'));
    notice(`Task created: ${t.title}`);
  } catch (e) { showError(e); }
}
