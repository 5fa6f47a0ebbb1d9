// The Type 2 calendar: the duties that must recur inside the observation window, how many
// times each is expected, what is done so far, and the sample an auditor typically pulls. The
// duties, their timing and how they are counted come from Rust (the catalog's duty table).

import { call } from '../api.js';
import { clear, h, notice, showError } from '../dom.js';

export async function renderCalendar(panel, c, view) {
  const id = view.assessment.id;
  const [cal, ev] = await Promise.all([call('duty_calendar', { id }), call('evidence', { id })]);
  const rerender = () => renderCalendar(panel, c, view).catch(showError);
  const expected = (d) => (d.expected.kind === 'count' ? `${d.expected.occurrences}` : d.expected.label);
  const rows = cal.duties.map((d) => {
    const date = h('input', { type: 'text', class: 'due-input', placeholder: 'YYYY-MM-DD', 'aria-label': `Date ${d.label} was done` });
    const evidence = h('select', { class: 'duty-evidence', 'aria-label': `Evidence for ${d.label}` }, h('option', { value: '' }, '(no evidence)'),
      ev.in_use.map((e) => h('option', { value: e.id }, e.original_name)));
    const tick = async (e) => {
      e.preventDefault();
      try {
        await call('record_duty', { id, occurrence: { duty: d.duty, done_on: date.value, evidence_id: evidence.value || null, note: '' } });
        notice(`${d.label}: recorded.`);
        rerender();
      } catch (err) { showError(err); }
    };
    return h('tr', { dataset: { duty: d.duty } },
      h('th', { scope: 'row' }, d.label, h('div', { class: 'muted small' }, `${d.every} · ${d.criteria.join(', ')}`)),
      h('td', { class: 'num' }, expected(d)),
      h('td', { class: 'num' }, String(d.occurrences.length)),
      h('td', {}, d.slots.length
        ? [h('ul', { class: 'slots' }, d.slots.map((s) => h('li', { class: s.done.length ? 'slot done' : 'slot', title: `${s.from} to ${s.to}` }, `${s.label}: ${s.done.length ? 'done' : 'open'}`))),
          h('p', { class: 'muted small duty-rule' }, `Counted ${d.rule}.`)]
        : 'every event'),
      h('td', {}, d.sample.label),
      h('td', {}, h('form', { class: 'row', onsubmit: tick }, date, evidence, h('button', { type: 'submit', class: 'secondary' }, 'Mark done'))));
  });
  clear(panel,
    h('section', { class: 'panel' },
      h('h2', {}, `Observation window ${cal.period.start} to ${cal.period.end} (${cal.months} months)`),
      h('p', { class: 'muted' }, cal.sample_note),
      h('table', { class: 'task-table', id: 'calendar-table' },
        h('thead', {}, h('tr', {}, ['Duty', 'Expected', 'Done', 'Periods', 'Typical sample', 'Record one'].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, rows))));
}
