// Remediation tasks: the people list, a new-task form, a list with search, filters and sorting,
// a board by status. Overdue tasks stand out. Edits carry the version they were made on, so a
// task changed in another window is refused with a clear message instead of overwritten.
// Thousands of tasks stay quick: Rust searches, filters and sorts every task
// (`task_page`, rules in preflight_remediation::listing) and sends one page, which is all
// that is built here.

import { call } from '../api.js';
import { clear, h, notice, showError } from '../dom.js';
import { openModal } from '../modal.js';
import { keepingFocus, PAGE_SIZE, pager } from '../pager.js';

const STATUS = [['todo', 'To do'], ['in_progress', 'In progress'], ['done', 'Done'], ['risk_accepted', 'Risk accepted']];
const PRIORITY = [['high', 'High'], ['medium', 'Medium'], ['low', 'Low']];
// People listed open on the Tasks tab; more are folded under "All N people".
const PEOPLE_SHOWN = 8;
const SORTS = [['due', 'Due date'], ['priority', 'Priority'], ['status', 'Status'], ['owner', 'Owner'], ['title', 'Title']];

// The list's search, filters, sort and page as `task_page` takes them.
function queryOf(state, extra = {}) {
  return {
    search: state.search, owner: state.owner || null, status: state.status || null, priority: state.priority || null,
    criterion: state.criterion || null, overdue: state.overdue, sort: state.sort, page: state.page, page_size: state.pageSize, ...extra,
  };
}

// 25 rows a page unless the user picks more: about two screens of rows.
const newState = () => ({
  owner: '', status: '', priority: '', overdue: false, criterion: '', search: '', sort: 'due', mode: 'list', page: 0, pageSize: 25, board: {},
});

const firstPage = (id, state) => Promise.all([call('task_page', { id, query: queryOf(state) }), call('people', { id })]);

// Asks for the tab's first page as soon as the tab is chosen (assessment.js), so Rust reads it
// while the window is still taking the previous tab down and drawing the header.
export function requestTasks(id) {
  const state = newState();
  const first = firstPage(id, state);
  first.catch(() => {}); // a failure is reported where the page is awaited
  return { state, first };
}

// `early`: what requestTasks started, used for the first drawing only.
export async function renderTasks(panel, c, view, early = null) {
  const id = view.assessment.id;
  const fresh = !panel.tasksState;
  const state = panel.tasksState || (panel.tasksState = early ? early.state : newState());
  const [first, people] = await (fresh && early ? early.first : firstPage(id, state));
  const rerender = () => renderTasks(panel, c, view).catch(showError);

  // People: names are picked, not retyped. A long list (a company's whole register) is
  // folded until asked for.
  const names = h('ul', { class: 'people-list' }, people.map((n) => h('li', {}, n, ' ',
    h('button', { type: 'button', class: 'link', 'aria-label': `Remove ${n}`, onclick: async () => { try { await call('remove_person', { id, name: n }); rerender(); } catch (e) { showError(e); } } }, 'remove'))));
  const personInput = h('input', { id: 'person-name', type: 'text', maxlength: 120, placeholder: 'A name, e.g. Dana (CTO)' });
  const peopleBox = h('section', { class: 'panel people', 'aria-labelledby': 'people-h' },
    h('h2', { id: 'people-h' }, 'People'),
    people.length > PEOPLE_SHOWN ? h('details', { class: 'people-all', open: state.peopleOpen, ontoggle: (e) => { state.peopleOpen = e.target.open; } }, h('summary', {}, `All ${people.length} people`), names) : names,
    h('form', { class: 'row', id: 'person-form', onsubmit: async (e) => { e.preventDefault(); try { await call('add_person', { id, name: personInput.value }); rerender(); } catch (err) { showError(err); } } },
      h('label', { for: 'person-name', class: 'sr' }, 'Add a person'), personInput, h('button', { type: 'submit', id: 'add-person' }, 'Add person')));

  // New task by hand. Its owner list and the edit dialog's are copies of one
  // built list (a company's people register can be long).
  const ownerTemplate = h('select', {}, h('option', { value: '' }, '(no owner)'), people.map((n) => h('option', { value: n }, n)));
  const ownerSelect = (value, attrs = {}) => {
    const el = ownerTemplate.cloneNode(true);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'onchange') el.addEventListener('change', v);
      else if (k === 'class') el.className = v;
      else el.setAttribute(k, v);
    }
    el.value = value;
    return el;
  };
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

  // Search, filters and sorting: a change asks Rust for the first page again.
  const refilter = (key, value) => { state[key] = value; state.page = 0; state.board = {}; refresh(); };
  const sel = (key, opts, l) => h('label', {}, l, h('select', { id: `f-${key}`, onchange: (e) => refilter(key, e.target.value) },
    h('option', { value: '' }, 'All'), opts.map(([v, t]) => h('option', { value: v, selected: state[key] === v }, t))));
  const toggles = ['list', 'board'].map((m) => h('button', { type: 'button', id: `view-${m}`, onclick: () => { state.mode = m; refresh(); } }, m === 'list' ? 'List' : 'Board'));
  const filters = h('div', { class: 'filters row', id: 'task-filters' },
    h('label', { class: 'search' }, 'Search', h('input', { type: 'search', id: 'f-search', value: state.search, placeholder: 'Title, notes, owner, question', oninput: (e) => refilter('search', e.target.value) })),
    sel('owner', people.map((n) => [n, n]), 'Owner'), sel('status', STATUS, 'Status'), sel('priority', PRIORITY, 'Priority'),
    sel('criterion', first.criteria.map((x) => [x, x]), 'Criterion'),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', id: 'f-overdue', checked: state.overdue, onchange: (e) => refilter('overdue', e.target.checked) }), 'Overdue only'),
    h('label', {}, 'Sort by', h('select', { id: 'f-sort', onchange: (e) => refilter('sort', e.target.value) },
      SORTS.map(([v, t]) => h('option', { value: v, selected: state.sort === v }, t)))),
    h('div', { class: 'view-toggle', role: 'group', 'aria-label': 'View' }, toggles));

  const pages = pager('task-pager', 'tasks', (to) => { state.page = to; refresh(); },
    { size: state.pageSize, onSize: (n) => { state.page = Math.floor((state.page * state.pageSize) / n); state.pageSize = n; refresh(); } });
  const list = h('div', { id: 'task-list', 'aria-busy': 'false' });

  // Asks for what the list shows now and draws it; an answer overtaken by a later request
  // (fast typing in the search) is dropped.
  let asked = 0;
  async function refresh(ready = null) {
    const n = ++asked;
    list.setAttribute('aria-busy', 'true');
    try {
      const got = ready || (state.mode === 'board' ? await boardPages() : await call('task_page', { id, query: queryOf(state) }));
      if (n !== asked) return;
      keepingFocus(() => draw(got));
    } catch (e) { showError(e); } finally { if (n === asked) list.setAttribute('aria-busy', 'false'); }
  }

  function draw(got) {
    for (const b of toggles) {
      const on = b.id === `view-${state.mode}`;
      b.className = on ? '' : 'secondary';
      b.setAttribute('aria-pressed', String(on));
    }
    pages.hidden = state.mode === 'board';
    if (state.mode === 'board') { clear(list, board(got)); return; }
    state.page = got.page;
    pages.update({ ...got, from: got.total ? got.page * got.page_size + 1 : 0, to: got.page * got.page_size + got.items.length });
    clear(list, got.total === 0 ? h('p', { id: 'no-tasks' }, got.all ? 'No task matches the search and filters.' : 'No tasks yet. Create one from a gap on the Gaps tab, or by hand above.')
      : h('table', { class: 'task-table', id: 'task-table' },
        h('thead', {}, h('tr', {}, ['Task', 'Criteria', 'Priority', 'Owner', 'Due', 'Status', ''].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, got.items.map((t) => taskRow(t, c, view, ownerSelect, rerender)))));
  }

  // The board: a column per status, each with its first cards and a button for the next ones.
  async function boardPages() {
    return Promise.all(STATUS.map(([s]) => (state.status && state.status !== s ? { items: [], total: 0 }
      : call('task_page', { id, query: queryOf(state, { status: s, page: 0, page_size: state.board[s] || PAGE_SIZE }) }))));
  }
  function board(columns) {
    return h('div', { class: 'board', id: 'task-board' }, STATUS.map(([s, l], i) => {
      const col = columns[i];
      return h('section', { class: 'board-col', 'aria-label': l },
        h('h3', {}, `${l} (${col.total.toLocaleString('en-US')})`),
        col.items.map((t) => h('article', { class: `board-card${t.overdue ? ' overdue' : ''}`, dataset: { task: t.id } },
          h('p', {}, t.title), h('p', { class: 'muted small' }, t.owner || 'no owner', ' · ', t.due ? `due ${t.due}` : 'no due date', t.overdue ? ' · OVERDUE' : ''),
          statusSelect(t, c, view, rerender))),
        col.total > col.items.length ? h('button', { type: 'button', class: 'secondary', id: `board-more-${s}`, onclick: () => { state.board[s] = col.items.length + PAGE_SIZE; refresh(); } },
          `Show ${Math.min(PAGE_SIZE, col.total - col.items.length)} more of ${(col.total - col.items.length).toLocaleString('en-US')}`) : null);
    }));
  }

  const focused = document.activeElement && panel.contains(document.activeElement) ? document.activeElement.id : '';
  clear(panel, h('div', { class: 'tasks-top' }, peopleBox, newForm), filters, pages, list);
  if (state.mode === 'board') await refresh(); else draw(first);
  if (focused) document.getElementById(focused)?.focus();
}

// A row is text with one control, the status, changed most often; Edit opens the task's
// other fields in a dialog. Form controls are what laying out a page of rows waits for, so a
// row with five of them made the tab twice as slow to appear.
function taskRow(t, c, view, ownerSelect, rerender) {
  const q = t.question_id ? c.questionById.get(t.question_id) : null;
  const none = (text) => h('span', { class: 'muted' }, text);
  return h('tr', { class: t.overdue ? 'overdue' : '', dataset: { task: t.id } },
    h('td', {}, h('strong', {}, t.title), q ? h('div', { class: 'muted small' }, 'Closes the gap: ', t.question_id) : null, t.overdue ? h('span', { class: 'overdue-badge' }, 'Overdue') : null,
      t.notes ? h('p', { class: 'task-notes' }, preview(t.notes)) : null),
    h('td', {}, t.criteria.join(', ')),
    h('td', { class: `task-priority prio-${t.priority}`, dataset: { priority: t.priority } }, label(PRIORITY, t.priority)),
    h('td', { class: 'task-owner' }, t.owner || none('no owner')),
    h('td', { class: 'task-due' }, t.due || none('none')),
    h('td', {}, statusSelect(t, c, view, rerender),
      t.risk ? h('div', { class: 'muted small' }, `Accepted by ${t.risk.accepted_by}: ${t.risk.justification}`) : null,
      h('div', { class: 'muted small' }, `since ${t.history[t.history.length - 1].on}`)),
    h('td', { class: 'row-actions' },
      h('button', { type: 'button', class: 'link edit-task', 'aria-label': `Edit ${t.title}`, onclick: () => editTask(t, ownerSelect, rerender) }, 'Edit'),
      h('button', { type: 'button', class: 'link', 'aria-label': `Delete ${t.title}`, onclick: () => openModal({
        title: 'Delete this task?', body: [h('p', {}, t.title)], ok: 'Delete', danger: true,
        onOk: async () => { await call('delete_task', { taskId: t.id, version: t.version }); rerender(); },
      }) }, 'Delete')));
}

// The start of a long note; the whole of it is in the edit dialog.
const preview = (text) => (text.length > 240 ? `${text.slice(0, 240).trimEnd()}…` : text);

const label = (pairs, value) => (pairs.find(([v]) => v === value) || [value, value])[1];

// A task's title, priority, owner, due date and notes in one dialog. The edit carries the
// version it was made on: a task changed meanwhile is refused and the list drawn again.
function editTask(t, ownerSelect, rerender) {
  const f = {
    title: h('input', { id: 'edit-title', type: 'text', maxlength: 300, value: t.title }),
    priority: h('select', { id: 'edit-priority' }, PRIORITY.map(([v, l]) => h('option', { value: v, selected: v === t.priority }, l))),
    owner: ownerSelect(t.owner || '', { id: 'edit-owner' }),
    due: h('input', { id: 'edit-due', type: 'text', placeholder: 'YYYY-MM-DD', inputmode: 'numeric', value: t.due || '' }),
    notes: h('textarea', { id: 'edit-notes', rows: 5, maxlength: 4000, value: t.notes }),
  };
  // An owner taken off the people list since stays the owner until changed here.
  if (t.owner && f.owner.value !== t.owner) {
    f.owner.append(h('option', { value: t.owner }, t.owner));
    f.owner.value = t.owner;
  }
  const field = (key, text) => [h('label', { for: `edit-${key}` }, text), f[key]];
  openModal({
    title: 'Edit task',
    body: [field('title', 'Title'), field('priority', 'Priority'), field('owner', 'Owner'), field('due', 'Due (YYYY-MM-DD)'), field('notes', 'Notes')].flat(),
    ok: 'Save task',
    onOk: async () => {
      try {
        await call('update_task', { taskId: t.id, edit: { version: t.version, title: f.title.value, priority: f.priority.value, owner: f.owner.value || null, due: f.due.value || null, notes: f.notes.value } });
      } catch (e) {
        if (e.code === 'stale_version') rerender();
        throw e;
      }
      notice('Task saved.');
      rerender();
    },
  });
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
