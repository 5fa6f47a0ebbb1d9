// The people register: the one people list (task, risk, vendor and policy owners come from it)
// with what an auditor samples: role, employee or contractor, start and end dates, background
// check, training, policy acknowledgements and access removal. For a Type 2 window, the hires
// and leavers inside it; flags for what an auditor would catch; the HR CSV import with a
// row-by-row report that saves nothing until the user chooses.

import { askOpenPath, call } from '../api.js';
import { bar, clear, h, notice, showError } from '../dom.js';
import { openModal } from '../modal.js';
import { marked } from '../glossary.js';

const KIND = [['employee', 'Employee'], ['contractor', 'Contractor']];
const CHECK = [['', 'Not recorded'], ['done', 'Done'], ['not_required', 'Not required']];
const label = (list, v) => (list.find(([k]) => k === v) || [v, v])[1];
const today = () => new Date().toISOString().slice(0, 10);

export async function renderPeople(panel, c, view) {
  const id = view.assessment.id;
  const reg = await call('people_register', { id });
  const rerender = () => renderPeople(panel, c, view).catch(showError);

  const flags = reg.people.flatMap((p) => p.flags);
  const summary = h('section', { class: 'panel', id: 'people-summary', 'aria-labelledby': 'people-summary-h' },
    h('h2', { id: 'people-summary-h' }, 'People register'),
    h('p', { id: 'people-summary-line' }, reg.summary),
    reg.populations ? h('div', { class: 'populations', id: 'populations' },
      h('p', {}, marked(`The populations an auditor samples from, for the window ${reg.populations.start} to ${reg.populations.end}:`, new Set())),
      h('p', {}, h('strong', {}, `Joined (${reg.populations.hires.length}): `), reg.populations.hires.join(', ') || 'nobody'),
      h('p', {}, h('strong', {}, `Left (${reg.populations.leavers.length}): `), reg.populations.leavers.join(', ') || 'nobody')) : null,
    reg.policies.length ? h('table', { class: 'bars', id: 'ack-rates', 'aria-label': 'Acknowledgement of the policies in force' },
      h('caption', {}, 'Acknowledged by the people working today'),
      h('tbody', {}, reg.policies.map((p) => {
        const pct = p.working ? (100 * p.acknowledged) / p.working : 0;
        return h('tr', {}, h('th', { scope: 'row' }, `${p.title} v${p.version}`), h('td', { class: 'bar-cell' }, bar(pct, `${p.title} acknowledged`)), h('td', { class: 'num' }, `${p.acknowledged} of ${p.working}`));
      }))) : null,
    flags.length ? h('ul', { class: 'flag-list', id: 'people-flags' }, flags.map((f) => h('li', { dataset: { flag: f.kind } }, h('span', { class: 'flag' }, f.label), ' ', f.message))) : h('p', { class: 'muted small' }, 'No flags.'));

  const csvPath = h('input', { id: 'people-csv-path', type: 'text', placeholder: 'A file path, or use Choose file…' });
  const importForm = h('form', { class: 'row import-row', id: 'people-import-form', onsubmit: (e) => { e.preventDefault(); importCsv(id, csvPath.value, rerender); } },
    h('label', { for: 'people-csv-path' }, 'Import from your HR export (CSV, columns matched by header)', csvPath),
    h('button', { type: 'button', class: 'secondary', onclick: async () => { const p = await askOpenPath('CSV file', ['csv', 'txt']); if (p) csvPath.value = p; } }, 'Choose file…'),
    h('button', { type: 'submit', id: 'import-people' }, 'Preview import'));

  const form = personForm('new', null);
  const add = h('form', { class: 'panel', id: 'person-add-form', onsubmit: async (e) => {
    e.preventDefault();
    try { await call('create_person', { id, person: form.value() }); notice('Person added.'); rerender(); } catch (err) { showError(err); }
  } }, h('h2', {}, 'Add a person'), form.el, h('button', { type: 'submit', id: 'add-register-person' }, 'Add person'));

  const table = reg.people.length === 0
    ? h('p', { id: 'no-people' }, 'Nobody yet. Add people below or import your HR export.')
    : h('table', { class: 'task-table', id: 'people-table' },
      h('caption', { class: 'sr' }, 'People'),
      h('thead', {}, h('tr', {}, ['Person', 'Dates', 'Background check', 'Training', 'Policies acknowledged', 'Access removed', 'Flags', ''].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, reg.people.map((p) => {
        const acked = reg.policies.filter((cp) => p.acknowledgements.some((a) => a.policy_id === cp.id && a.version === cp.version)).length;
        const bc = p.background_check;
        return h('tr', { dataset: { person: p.name }, class: p.flags.length ? 'flagged' : '' },
          h('td', {}, h('strong', {}, p.name), h('div', { class: 'muted small' }, [p.role, label(KIND, p.kind)].filter(Boolean).join(' · '))),
          h('td', { class: 'small' }, p.start_date ? `From ${p.start_date}` : '', p.end_date ? [h('br'), `Left ${p.end_date}`] : ''),
          h('td', { class: 'small' }, bc.status === 'done' ? `Done ${bc.on}` : bc.status === 'not_required' ? `Not required: ${bc.reason}` : 'Not recorded'),
          h('td', { class: 'small' }, p.training.length ? `Last ${p.training[p.training.length - 1]}` : 'None'),
          h('td', { class: 'small' }, reg.policies.length ? `${acked} of ${reg.policies.length}` : '—'),
          h('td', { class: 'small' }, p.access_removed_on || (p.end_date ? 'Not recorded' : ''), p.offboarding_deadline ? h('div', { class: 'muted' }, `deadline ${p.offboarding_deadline}`) : null),
          h('td', {}, p.flags.map((f) => h('div', { class: 'flag', title: f.message, dataset: { flag: f.kind } }, f.label))),
          h('td', {},
            h('button', { type: 'button', class: 'link', 'aria-label': `Edit ${p.name}`, dataset: { editPerson: p.name }, onclick: () => editPerson(id, p, rerender) }, 'Edit'),
            reg.policies.length ? h('button', { type: 'button', class: 'link', 'aria-label': `Record that ${p.name} acknowledged the policies in force`, dataset: { ack: p.name }, onclick: () => acknowledge(id, p, reg, rerender) }, 'Acknowledged…') : null));
      })));

  clear(panel, summary, h('section', { class: 'panel' }, importForm), table, add);
}

function personForm(prefix, p) {
  const q = (n) => `${prefix}-person-${n}`;
  const bc = p?.background_check || { status: 'not_recorded' };
  const f = {
    name: h('input', { id: q('name'), type: 'text', maxlength: 200, value: p?.name || '' }),
    role: h('input', { id: q('role'), type: 'text', value: p?.role || '', placeholder: 'e.g. CTO, Head of People' }),
    kind: h('select', { id: q('kind') }, KIND.map(([v, l]) => h('option', { value: v, selected: (p?.kind || 'employee') === v }, l))),
    start: h('input', { id: q('start'), type: 'text', value: p?.start_date || '', placeholder: 'YYYY-MM-DD' }),
    end: h('input', { id: q('end'), type: 'text', value: p?.end_date || '', placeholder: 'YYYY-MM-DD, when they left' }),
    check: h('select', { id: q('check') }, CHECK.map(([v, l]) => h('option', { value: v, selected: (bc.status === 'not_recorded' ? '' : bc.status) === v }, l))),
    checkDate: h('input', { id: q('check-date'), type: 'text', value: bc.on || '', placeholder: 'YYYY-MM-DD' }),
    checkReason: h('input', { id: q('check-reason'), type: 'text', value: bc.reason || '', placeholder: 'Why no check is needed' }),
    training: h('input', { id: q('training'), type: 'text', value: (p?.training || []).join(', '), placeholder: 'YYYY-MM-DD, YYYY-MM-DD' }),
    removed: h('input', { id: q('removed'), type: 'text', value: p?.access_removed_on || '', placeholder: 'YYYY-MM-DD' }),
  };
  const el = h('div', { class: 'vendor-fields' },
    h('div', { class: 'row' }, h('label', { for: q('name') }, 'Name', f.name), h('label', { for: q('role') }, 'Role', f.role), h('label', { for: q('kind') }, 'Employee or contractor', f.kind)),
    h('div', { class: 'row' }, h('label', { for: q('start') }, 'Start date', f.start), h('label', { for: q('end') }, 'End date', f.end), h('label', { for: q('removed') }, 'Access removed on (leavers)', f.removed)),
    h('div', { class: 'row' }, h('label', { for: q('check') }, 'Background check', f.check), h('label', { for: q('check-date') }, 'Check date', f.checkDate), h('label', { for: q('check-reason') }, 'Or why not required', f.checkReason)),
    h('label', { for: q('training') }, 'Security training dates (comma separated)', f.training));
  const value = () => ({
    name: f.name.value, role: f.role.value, kind: f.kind.value,
    start_date: f.start.value || null, end_date: f.end.value || null,
    background_check: f.check.value, background_check_date: f.checkDate.value || null, background_check_reason: f.checkReason.value || null,
    training: f.training.value.split(/[,;\s]+/).filter(Boolean),
    acknowledgements: (p?.acknowledgements || []).map((a) => ({ policy_id: a.policy_id, version: a.version, on: a.on })),
    access_removed_on: f.removed.value || null,
  });
  return { el, value };
}

function editPerson(id, p, rerender) {
  const form = personForm('edit', p);
  openModal({
    title: `Edit ${p.name}`, body: [form.el], ok: 'Save', wide: true,
    onOk: async () => {
      try { await call('update_person', { id, name: p.name, version: p.version, person: form.value() }); } catch (e) { if (e.code === 'stale_version') rerender(); throw e; }
      rerender();
    },
  });
}

function acknowledge(id, p, reg, rerender) {
  const on = h('input', { id: 'ack-date', type: 'text', value: today(), placeholder: 'YYYY-MM-DD' });
  openModal({
    title: `${p.name} acknowledged the policies in force`,
    body: [h('ul', {}, reg.policies.map((cp) => h('li', {}, `${cp.title}, version ${cp.version}`))), h('label', { for: 'ack-date' }, 'On (YYYY-MM-DD)'), on],
    ok: 'Record',
    onOk: async () => { await call('acknowledge_policies', { id, name: p.name, on: on.value }); notice('Acknowledgement recorded.'); rerender(); },
  });
}

async function importCsv(id, path, rerender) {
  try {
    if (!path.trim()) { notice('Choose the CSV file to import first.', 'error'); return; }
    const p = await call('preview_people_import', { id, path });
    const rows = h('table', { class: 'task-table', id: 'people-import-report' },
      h('thead', {}, h('tr', {}, ['Line', 'Person', 'Result'].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, p.rows.map((r) => h('tr', { class: r.outcome === 'rejected' ? 'overdue' : '', dataset: { line: r.line } },
        h('td', {}, String(r.line)), h('td', {}, r.name), h('td', {}, r.outcome === 'taken' ? 'Taken' : ['Rejected: ', r.reasons.join('; ')])))));
    const good = p.rejected > 0;
    openModal({
      title: `Import people: ${p.taken} taken, ${p.rejected} rejected`, wide: true,
      body: [h('p', { class: 'small' }, 'Columns: ', p.columns.map(([col, field]) => `“${col}” → ${field.replaceAll('_', ' ')}`).join(', ')),
        p.ignored_columns.length ? h('p', { class: 'small muted' }, 'Ignored columns: ', p.ignored_columns.join(', ')) : null,
        good ? h('p', { class: 'small' }, 'Some rows have errors. Nothing is imported unless you choose to import the good rows only; or cancel, fix the file and import it again.') : null,
        rows],
      ok: p.taken === 0 ? 'Close' : good ? `Import the ${p.taken} good rows only` : `Import ${p.taken} people`,
      onOk: async () => {
        if (p.taken === 0) return;
        const done = await call('import_people', { id, path, goodRowsOnly: good });
        notice(`${done.saved} people imported.`);
        rerender();
      },
    });
  } catch (e) { showError(e); }
}
