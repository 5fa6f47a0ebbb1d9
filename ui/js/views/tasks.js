// Remediation tasks: the people list, a new-task form, a list with filters and sorting, a
// board by status. Overdue tasks stand out. Edits carry the version they were made on, so a
// task changed in another window is refused with a clear message instead of overwritten.

import { call } from '../api.js';
import { clear, h, notice, showError } from '../dom.js';
import { openModal } from '../modal.js';

const STATUS = [['todo', 'To do'], ['in_progress', 'In progress'], ['done', 'Done'], ['risk_accepted', 'Risk accepted']];
const PRIORITY = [['high', 'High'], ['medium', 'Medium'], ['low', 'Low']];
const label = (list, v) => (list.find(([k]) => k === v) || [v, v])[1];

export async function renderTasks(panel, c, view) {
  const id = view.assessment.id;
  const [tasks, people] = await Promise.all([call('tasks', { id }), call('people', { id })]);
  const rerender = () => renderTasks(panel, c, view).catch(showError);
  const state = panel.tasksState || (panel.tasksState = { owner: '', status: '', priority: '', overdue: false, criterion: '', sort: 'due', mode: 'list' });

  // People: names are picked, not retyped.
  const personInput = h('input', { id: 'person-name', type: 'text', maxlength: 120, placeholder: 'A name, e.g. Dana (CTO)' });
  const peopleBox = h('section', { class: 'panel people', 'aria-labelledby': 'people-h' },
    h('h2', { id: 'people-h' }, 'People'),
    h('ul', { class: 'people-list' }, people.map((n) => h('li', {}, n, ' ',
      h('button', { type: 'button', class: 'link', 'aria-label': `Remove ${n}`, onclick: async () => { try { await call('remove_person', { id, name: n }); rerender(); } catch (e) { showError(e); } } }, 'remove')))),
    h('form', { class: 'row', id: 'person-form', onsubmit: async (e) => { e.preventDefault(); try { await call('add_person', { id, name: personInput.value }); rerender(); } catch (err) { showError(err); } } },
      h('label', { for: 'person-name', class: 'sr' }, 'Add a person'), personInput, h('button', { type: 'submit', id: 'add-person' }, 'Add person')));

  // New task by hand.
  const ownerSelect = (value, attrs = {}) => h('select', attrs, h('option', { value: '' }, '(no owner)'), people.map((n) => h('option', { value: n, selected: n === value }, n)));
  const nt = { title: h('input', { id: 'task-title', type: 'text', maxlength: 300 }), priority: h('select', { id: 'task-priority' }, PRIORITY.map(([v, l]) => h('option', { value: v, selected: v === 'medium' }, l))),
    owner: ownerSelect('', { id: 'task-owner' }), due: h('input', { id: 'task-due', type: 'text', placeholder: 'YYYY-MM-DD', inputmode: 'numeric' }) };
  const newForm = h('form', { class: 'panel new-task', id: 'new-task-form', onsubmit: async (e) => {
    e.preventDefault();
    try {
      await call('create_task', { id, task: { title: nt.title.value, priority: nt.priority.value, owner: nt.owner.value || null, due: nt.due.value || null, notes: '' } });
      notice('Task created.');
      rerender();
    } catch (err) { showError(err); }
  } },
  h('h2', {}, 'New task'),
  h('div', { class: 'row' },
    h('label', { for: 'task-title' }, 'Title', nt.title), h('label', { for: 'task-priority' }, 'Priority', nt.priority),
    h('label', { for: 'task-owner' }, 'Owner', nt.owner), h('label', { for: 'task-due' }, 'Due (YYYY-MM-DD)', nt.due)),
  h('button', { type: 'submit', id: 'create-task' }, 'Create task'),
  h('p', { class: 'muted small' }, 'Tip: on the Gaps tab, “Create task” makes a task from a gap in one step, with its question, criteria and priority.'));

  // Filters and sorting.
  const criteria = [...new Set(tasks.flatMap((t) => t.criteria))].sort();
  const sel = (key, opts, l) => h('label', {}, l, h('select', { id: `f-${key}`, onchange: (e) => { state[key] = e.target.value; rerender(); } },
    h('option', { value: '' }, 'All'), opts.map(([v, t]) => h('option', { value: v, selected: state[key] === v }, t))));
  const filters = h('div', { class: 'filters row', id: 'task-filters' },
    sel('owner', people.map((n) => [n, n]), 'Owner'), sel('status', STATUS, 'Status'), sel('priority', PRIORITY, 'Priority'),
    sel('criterion', criteria.map((x) => [x, x]), 'Criterion'),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', id: 'f-overdue', checked: state.overdue, onchange: (e) => { state.overdue = e.target.checked; rerender(); } }), 'Overdue only'),
    h('label', {}, 'Sort by', h('select', { id: 'f-sort', onchange: (e) => { state.sort = e.target.value; rerender(); } },
      [['due', 'Due date'], ['priority', 'Priority'], ['status', 'Status'], ['owner', 'Owner']].map(([v, t]) => h('option', { value: v, selected: state.sort === v }, t)))),
    h('div', { class: 'view-toggle', role: 'group', 'aria-label': 'View' },
      ['list', 'board'].map((m) => h('button', { type: 'button', id: `view-${m}`, class: state.mode === m ? '' : 'secondary', 'aria-pressed': String(state.mode === m), onclick: () => { state.mode = m; rerender(); } }, m === 'list' ? 'List' : 'Board'))));

  const rank = { high: 0, medium: 1, low: 2, todo: 0, in_progress: 1, done: 2, risk_accepted: 3 };
  const shown = tasks
    .filter((t) => (!state.owner || t.owner === state.owner) && (!state.status || t.status === state.status)
      && (!state.priority || t.priority === state.priority) && (!state.overdue || t.overdue)
      && (!state.criterion || t.criteria.includes(state.criterion)))
    .sort((x, y) => {
      if (state.sort === 'priority') return rank[x.priority] - rank[y.priority];
      if (state.sort === 'status') return rank[x.status] - rank[y.status];
      if (state.sort === 'owner') return (x.owner || '~').localeCompare(y.owner || '~');
      return (x.due || '9999').localeCompare(y.due || '9999');
    });

  const body = state.mode === 'board'
    ? h('div', { class: 'board', id: 'task-board' }, STATUS.map(([s, l]) => h('section', { class: 'board-col', 'aria-label': l },
      h('h3', {}, `${l} (${shown.filter((t) => t.status === s).length})`),
      shown.filter((t) => t.status === s).map((t) => h('article', { class: `board-card${t.overdue ? ' overdue' : ''}`, dataset: { task: t.id } },
        h('p', {}, t.title), h('p', { class: 'muted small' }, t.owner || 'no owner', ' · ', t.due ? `due ${t.due}` : 'no due date', t.overdue ? ' · OVERDUE' : ''),
        statusSelect(t, c, view, rerender))))))
    : (shown.length === 0 ? h('p', { id: 'no-tasks' }, tasks.length ? 'No task matches the filters.' : 'No tasks yet. Create one from a gap on the Gaps tab, or by hand above.')
      : h('table', { class: 'task-table', id: 'task-table' },
        h('thead', {}, h('tr', {}, ['Task', 'Criteria', 'Priority', 'Owner', 'Due', 'Status', ''].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, shown.map((t) => taskRow(t, c, view, people, ownerSelect, rerender)))));

  clear(panel, h('div', { class: 'tasks-top' }, peopleBox, newForm), filters, body);
}

function taskRow(t, c, view, people, ownerSelect, rerender) {
  const edit = async (patch) => {
    try {
      await call('update_task', { taskId: t.id, edit: { version: t.version, title: t.title, priority: t.priority, owner: t.owner, due: t.due, notes: t.notes, ...patch } });
      rerender();
    } catch (e) { showError(e); if (e.code === 'stale_version') rerender(); }
  };
  const q = t.question_id ? c.questionById.get(t.question_id) : null;
  return h('tr', { class: t.overdue ? 'overdue' : '', dataset: { task: t.id } },
    h('td', {}, h('strong', {}, t.title), q ? h('div', { class: 'muted small' }, 'Closes the gap: ', t.question_id) : null, t.overdue ? h('span', { class: 'overdue-badge' }, 'Overdue') : null,
      h('textarea', { class: 'task-notes', rows: 1, maxlength: 4000, value: t.notes, placeholder: 'Notes', 'aria-label': `Notes on ${t.title}`, onchange: (e) => edit({ notes: e.target.value }) })),
    h('td', {}, t.criteria.join(', ')),
    h('td', {}, h('select', { 'aria-label': `Priority of ${t.title}`, onchange: (e) => edit({ priority: e.target.value }) }, PRIORITY.map(([v, l]) => h('option', { value: v, selected: v === t.priority }, l)))),
    h('td', {}, ownerSelect(t.owner || '', { 'aria-label': `Owner of ${t.title}`, class: 'owner-select', onchange: (e) => edit({ owner: e.target.value || null }) })),
    h('td', {}, h('input', { type: 'text', class: 'due-input', value: t.due || '', placeholder: 'YYYY-MM-DD', 'aria-label': `Due date of ${t.title}`, onchange: (e) => edit({ due: e.target.value || null }) })),
    h('td', {}, statusSelect(t, c, view, rerender),
      t.risk ? h('div', { class: 'muted small' }, `Accepted by ${t.risk.accepted_by}: ${t.risk.justification}`) : null,
      h('div', { class: 'muted small' }, `since ${t.history[t.history.length - 1].on}`)),
    h('td', {}, h('button', { type: 'button', class: 'link', 'aria-label': `Delete ${t.title}`, onclick: () => openModal({
      title: 'Delete this task?', body: [h('p', {}, t.title)], ok: 'Delete', danger: true,
      onOk: async () => { await call('delete_task', { taskId: t.id, version: t.version }); rerender(); },
    }) }, 'Delete')));
}

function statusSelect(t, c, view, rerender) {
  return h('select', { class: 'status-select', 'aria-label': `Status of ${t.title}`, onchange: (e) => changeStatus(t, e.target.value, view, rerender) },
    STATUS.map(([v, l]) => h('option', { value: v, selected: v === t.status }, l)));
}

async function changeStatus(t, status, view, rerender) {
  const send = async (extra = {}) => {
    const r = await call('set_task_status', { taskId: t.id, request: { version: t.version, status, ...extra } });
    if (r.reanswer) {
      openModal({
        title: 'Task done: answer its question again?',
        body: [h('p', {}, r.reanswer.question_text || r.reanswer.text || ''), h('p', { class: 'muted small' }, 'If the gap is closed, answer Yes so readiness goes up.')],
        ok: 'Answer it now',
        onOk: async () => { sessionStorage.setItem('focus-question', r.reanswer.question_id); location.hash = `#/a/${view.assessment.id}`; },
      });
    }
    rerender();
  };
  try {
    if (status === 'risk_accepted') {
      const why = h('textarea', { id: 'risk-why', rows: 3, maxlength: 4000 });
      const who = h('input', { id: 'risk-who', type: 'text', maxlength: 120 });
      openModal({
        title: 'Accept this risk',
        body: [h('p', { class: 'muted small' }, 'The auditor will see who accepted the risk and why.'),
          h('label', { for: 'risk-why' }, 'Justification'), why, h('label', { for: 'risk-who' }, 'Accepted by'), who],
        ok: 'Accept risk',
        onOk: () => send({ justification: why.value, accepted_by: who.value }),
      });
      document.getElementById('modal-cancel').addEventListener('click', rerender, { once: true });
      return;
    }
    await send();
  } catch (e) { showError(e); rerender(); }
}
