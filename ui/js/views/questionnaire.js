// The questionnaire: questions grouped by series, answered with one click or key, saved at once.

import { call } from '../api.js';
import { bar, clear, formatDate, h, showError } from '../dom.js';
import { openModal } from '../modal.js';
import { marked } from '../glossary.js';

const ANSWERS = [
  ['yes', 'Yes', 'y'], ['partly', 'Partly', 'p'], ['no', 'No', 'n'], ['na', 'Not applicable', 'a'], ['unknown', 'Don’t know', 'd'],
];

// The group a question is shown in: the series of its first criterion in scope, or the area of
// its first objective in scope (a question may also map to criteria of a category not in scope).
function groupOf(c, q, soc1, scope) {
  if (soc1) {
    const o = c.objectiveById.get(q.objectives.find((id) => scope.objectives.includes(id)) || q.objectives[0]);
    return { id: o.id, name: `${o.title} (${o.area})` };
  }
  const inScope = (id) => scope.categories.includes(c.seriesById.get(c.criterionById.get(id)?.series)?.category);
  const cr = c.criterionById.get(q.criteria.find(inScope) || q.criteria[0]);
  const s = c.seriesById.get(cr.series);
  return { id: s.id, name: `${s.id} ${s.name}` };
}

export function renderQuestionnaire(panel, c, view, onSaved, comments = [], facts = {}) {
  const review = new Map(comments.map((x) => [x.question_id, x]));
  const a = view.assessment;
  const soc1 = a.scope.kind === 'soc1';
  const answers = new Map(view.answers.map((x) => [x.question_id, x]));
  const groups = new Map();
  for (const qid of view.question_ids) {
    const q = c.questionById.get(qid);
    const g = groupOf(c, q, soc1, a.scope);
    if (!groups.has(g.id)) groups.set(g.id, { ...g, questions: [] });
    groups.get(g.id).questions.push(q);
  }

  let afterAll = () => {};
  const progress = new Map();
  const updateProgress = (g) => {
    const done = g.questions.filter((q) => answers.get(q.id)?.value).length;
    clear(progress.get(g.id), h('span', { class: 'muted small' }, `${done} of ${g.questions.length} answered`),
      bar(100 * done / g.questions.length, `${g.name} answered`));
  };

  const sections = [...groups.values()].map((g) => {
    const prog = h('div', { class: 'group-progress' });
    progress.set(g.id, prog);
    updateProgress(g);
    const objective = soc1 ? c.objectiveById.get(g.id) : null;
    return h('section', { class: 'group', 'aria-labelledby': `group-${g.id}` },
      h('div', { class: 'group-head' }, h('h2', { id: `group-${g.id}` }, g.name), prog),
      objective ? h('p', { class: 'objective-statement' }, h('span', { id: `statement-${g.id}` }, objective.statement), ' ',
        h('button', { type: 'button', class: 'link reword', dataset: { objective: g.id }, onclick: () => editObjective(a, objective) }, 'Edit wording')) : null,
      soc1 ? null : practiceHints(c, g),
      g.questions.map((q) => questionCard(c, a, q, answers, soc1, review.get(q.id), async () => { updateProgress(g); afterAll(); await onSaved(); }, facts[q.id])));
  });

  const total = view.question_ids.length;
  const overall = h('div', { class: 'overall-progress', id: 'answered-progress' });
  const updateOverall = () => {
    const done = view.question_ids.filter((id) => answers.get(id)?.value).length;
    clear(overall, h('span', { class: 'small' }, `${done} of ${total} questions answered`), bar(100 * done / total, 'Questions answered'));
  };
  updateOverall();
  const filters = [['all', 'All'], ['unanswered', 'Unanswered'], ['gaps', 'Gaps'], ['high', 'High severity']];
  const filterBar = h('fieldset', { class: 'filter-bar', id: 'filter' }, h('legend', {}, 'Show'),
    filters.map(([value, label]) => h('label', { class: 'pill' },
      h('input', { type: 'radio', name: 'filter', value, checked: value === 'all', id: `filter-${value}` }), label)));
  const applyFilter = () => {
    const f = filterBar.querySelector('input:checked').value;
    for (const card of panel.querySelectorAll('.question')) {
      const q = c.questionById.get(card.dataset.question);
      const v = answers.get(q.id)?.value;
      card.hidden = (f === 'unanswered' && v) || (f === 'gaps' && ['yes', 'na'].includes(v)) || (f === 'high' && q.severity !== 'high');
    }
    for (const g of panel.querySelectorAll('.group')) g.hidden = !g.querySelector('.question:not([hidden])');
  };
  filterBar.addEventListener('change', applyFilter);
  afterAll = () => { updateOverall(); };

  clear(panel,
    h('div', { class: 'questionnaire-tools' }, overall, filterBar),
    h('p', { class: 'muted small keys-help' }, 'Keyboard: Tab moves between questions and fields; inside a question press Y, P, N, A or D to answer, J and K for the next and previous question.'),
    h('div', { class: 'questionnaire', id: 'questionnaire', onkeydown: onKey }, sections),
    soc1 ? h('div', { class: 'panel own-objective' },
      h('p', {}, 'SOC 1 objectives belong to your company. Add one the templates do not cover; Preflight asks two questions about it.'),
      h('button', { type: 'button', id: 'add-objective', onclick: () => editObjective(a, null) }, 'Add your own objective')) : null);
  const focus = sessionStorage.getItem('focus-question');
  if (focus) {
    sessionStorage.removeItem('focus-question');
    const card = panel.querySelector(`[data-question="${CSS.escape(focus)}"]`);
    if (card) { card.scrollIntoView({ block: 'center' }); card.querySelector('input[type=radio]').focus(); }
  }
}

// Preflight's practice hints for the criteria of a group: common practice the criteria do not
// set (how often, carve-outs), shown apart from the criteria's points of focus.
function practiceHints(c, g) {
  const ids = [...new Set(g.questions.flatMap((q) => q.criteria))]
    .filter((id) => c.criterionById.get(id)?.series === g.id);
  const hints = ids.flatMap((id) => (c.criterionById.get(id).practice_hints || []).map((text) => [id, text]));
  if (!hints.length) return null;
  return h('aside', { class: 'practice-hints', dataset: { hints: g.id }, 'aria-label': `Practice hints for ${g.id}` },
    h('h3', {}, 'Preflight’s practice hints'),
    h('p', { class: 'muted small' }, 'Common practice, not set by the criteria: confirm with your auditor.'),
    h('ul', {}, hints.map(([id, text]) => h('li', {}, h('span', { class: 'chip' }, id), ' ', text))));
}

// `fact`: what the registers hold, shown beside questions about them (risks, vendors), so the
// answer rests on facts.
function questionCard(c, a, q, answers, soc1, auditor, afterSave, fact) {
  const saved = answers.get(q.id);
  const status = h('span', { class: 'save-status muted small', 'aria-live': 'polite' }, saved ? `Saved ${formatDate(saved.answered_at)}` : '');
  const note = h('textarea', { id: `note-${q.id}`, dataset: { note: q.id }, maxlength: 32000, rows: 2, value: saved?.note ?? '', placeholder: 'What you have today, who owns it, links to evidence…' });
  let queue = Promise.resolve();
  const save = () => {
    const checked = card.querySelector(`input[name="answer-${q.id}"]:checked`);
    const value = checked ? checked.value : null;
    status.textContent = 'Saving…';
    queue = queue.then(async () => {
      try {
        const ans = await call('save_answer', { assessmentId: a.id, questionId: q.id, value, note: note.value });
        answers.set(q.id, ans);
        card.classList.toggle('is-gap', !['yes', 'na'].includes(ans.value));
        card.classList.toggle('is-answered', !!ans.value);
        status.textContent = `Saved ${formatDate(ans.answered_at)}`;
        await afterSave();
        if (ans.value === 'yes') await offerToCloseTasks(a.id, q);
      } catch (e) {
        status.textContent = 'Not saved';
        showError(e);
      }
    });
    return queue;
  };
  let timer;
  note.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(save, 700); });
  note.addEventListener('change', () => { clearTimeout(timer); save(); });

  const textId = `q-${q.id}-text`;
  // Each card's answers are a form of their own: the browser then keeps each radio group
  // apart instead of in one document-wide set of 1,100 radios, which made leaving the
  // questionnaire (taking its page down) take about 100 ms longer with every question shown.
  const radios = h('form', { class: 'answers', role: 'radiogroup', 'aria-labelledby': textId, onsubmit: (e) => e.preventDefault() },
    ANSWERS.map(([value, label, key]) => h('label', { class: `answer answer-${value}` },
      h('input', { type: 'radio', name: `answer-${q.id}`, value, checked: saved?.value === value, onchange: save }),
      h('span', {}, label), h('kbd', { 'aria-hidden': 'true' }, key.toUpperCase()))));

  const items = soc1 ? q.objectives : q.criteria;
  const terms = new Set(); // each glossary term is marked once per card
  const card = h('article', { class: 'question', dataset: { question: q.id }, 'aria-labelledby': textId },
    h('div', { class: 'q-main' },
      h('p', { class: 'q-meta' },
        h('span', { class: `severity severity-${q.severity}`, title: `How serious a No is: ${q.severity}` }, q.severity),
        items.map((id) => h('span', { class: 'chip', title: (c.criterionById.get(id) || c.objectiveById.get(id) || {}).title }, id)),
        q.type2_only ? h('span', { class: 'chip type2' }, 'Type 2') : null,
        h('span', { class: 'muted small q-id' }, q.id)),
      h('h3', { id: textId }, marked(q.text, terms)),
      fact ? h('p', { class: 'register-fact', dataset: { fact: q.id } }, fact) : null,
      radios,
      h('label', { for: `note-${q.id}`, class: 'note-label' }, 'Note'),
      note, status,
      auditor ? h('div', { class: 'auditor-comment', dataset: { auditor: q.id } },
        h('strong', {}, 'Auditor', auditor.status_label ? ` (${auditor.status_label})` : '', ': '), auditor.comment,
        h('span', { class: 'muted small' }, ` from ${auditor.source_file}`)) : null),
    h('aside', { class: 'q-help', 'aria-label': 'Guidance' },
      h('h4', {}, 'What “Yes” looks like'), h('p', {}, marked(q.guidance, terms)),
      h('h4', {}, 'Evidence the auditor will ask for'), h('p', {}, marked(q.evidence, terms))));
  card.classList.toggle('is-answered', !!saved?.value);
  card.classList.toggle('is-gap', !saved || !['yes', 'na'].includes(saved.value));
  return card;
}

function onKey(e) {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  const t = e.target;
  if (t.tagName === 'TEXTAREA' || (t.tagName === 'INPUT' && t.type === 'text')) return;
  const card = t.closest('.question');
  if (!card) return;
  const key = e.key.toLowerCase();
  const hit = ANSWERS.find(([, , k]) => k === key);
  if (hit) {
    const input = card.querySelector(`input[value="${hit[0]}"]`);
    input.checked = true;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    input.focus();
    e.preventDefault();
  } else if (key === 'j' || key === 'k') {
    const all = [...document.querySelectorAll('.question')];
    const next = all[all.indexOf(card) + (key === 'j' ? 1 : -1)];
    if (next) {
      const target = next.querySelector('input:checked') || next.querySelector('input[type=radio]');
      target.focus();
      next.scrollIntoView({ block: 'center' });
    }
    e.preventDefault();
  }
}

// Reword an objective in scope, or (objective null) add one of the company's own.
function editObjective(a, objective) {
  const title = h('input', { id: 'objective-title', type: 'text', maxlength: 200, value: objective ? objective.title : '' });
  const statement = h('textarea', { id: 'objective-statement', rows: 4, maxlength: 2000, value: objective ? objective.statement : '' });
  openModal({
    title: objective ? `Word “${objective.title}” for your company` : 'Add your own control objective',
    body: [h('label', { for: 'objective-title' }, 'Title'), title,
      h('label', { for: 'objective-statement' }, 'Objective: what your controls give reasonable assurance of'), statement],
    ok: objective ? 'Save wording' : 'Add objective',
    onOk: async () => {
      if (objective) await call('reword_objective', { id: a.id, objectiveId: objective.id, title: title.value, statement: statement.value });
      else await call('add_objective', { id: a.id, title: title.value, statement: statement.value });
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    },
  });
}

// Answering Yes may close the question's open tasks, but only when the user confirms.
async function offerToCloseTasks(id, q) {
  const open = await call('open_tasks_for_question', { id, questionId: q.id });
  if (!open.length) return;
  openModal({
    title: `Close ${open.length} open task${open.length > 1 ? 's' : ''}?`,
    body: [h('p', {}, 'You answered Yes. These tasks were opened to close this gap:'),
      h('ul', {}, open.map((t) => h('li', {}, t.title, t.owner ? ` (${t.owner})` : ''))),
      h('p', { class: 'muted small' }, 'Mark them done? Cancel keeps them open.')],
    ok: 'Mark done',
    onOk: async () => { await call('close_tasks_for_question', { id, questionId: q.id }); },
  });
}
