// Vendors (CC9.2): the register with the flags an auditor would raise, the review of a
// vendor's SOC report (opinion, exceptions and responses, the vendor's CUECs and whether we
// run them, bridge letter, the stored report file), a vendor CUEC we do not run made into a
// task in one action, the CSV import (a preview that saves nothing, then what the user
// accepts), and our own CUECs for our customers.

import { askOpenPath, call } from '../api.js';
import { clear, h, notice, showError } from '../dom.js';
import { openModal } from '../modal.js';
import { marked } from '../glossary.js';

const DATA = [['none', 'None'], ['internal', 'Internal'], ['confidential', 'Confidential'], ['personal', 'Personal']];
const CRIT = [['critical', 'Critical'], ['important', 'Important'], ['low', 'Low']];
const OPINION = [['unqualified', 'Unqualified (clean)'], ['qualified', 'Qualified'], ['adverse', 'Adverse'], ['disclaimer', 'Disclaimer']];
const CUEC_STATUS = [['runs', 'We run it'], ['not_run', 'We do not run it'], ['not_applicable', 'Not applicable to us']];
const label = (list, v) => (list.find(([k]) => k === v) || [v, v])[1];
const opts = (list, value) => list.map(([v, l]) => h('option', { value: v, selected: v === value }, l));

export async function renderVendors(panel, c, view) {
  const id = view.assessment.id;
  const [reg, people, evidence] = await Promise.all([call('vendor_register', { id }), call('people', { id }), call('evidence', { id })]);
  const rerender = () => renderVendors(panel, c, view).catch(showError);

  const form = vendorForm('new', people, null);
  const add = h('form', { class: 'panel', id: 'vendor-form', onsubmit: async (e) => {
    e.preventDefault();
    try {
      await call('create_vendor', { id, vendor: form.value() });
      notice('Vendor added.');
      rerender();
    } catch (err) { showError(err); }
  } }, h('h2', {}, 'Add a vendor'), form.el, h('button', { type: 'submit', id: 'add-vendor' }, 'Add vendor'));

  const csvPath = h('input', { id: 'vendor-csv-path', type: 'text', placeholder: 'A file path, or use Choose file…' });
  const allFlags = reg.vendors.flatMap((v) => v.flags.map((f) => ({ v, f })));
  const summary = h('section', { class: 'panel', id: 'vendor-summary', 'aria-labelledby': 'vendor-summary-h' },
    h('h2', { id: 'vendor-summary-h' }, 'Vendor register'),
    h('p', { id: 'vendor-summary-line' }, marked(reg.summary, new Set())),
    h('form', { class: 'row import-row', id: 'vendor-import-form', onsubmit: (e) => { e.preventDefault(); importCsv(id, csvPath.value, rerender); } },
      h('label', { for: 'vendor-csv-path' }, 'Import your vendor list (CSV, columns matched by header)', csvPath),
      h('button', { type: 'button', class: 'secondary', onclick: async () => { const p = await askOpenPath('CSV file', ['csv', 'txt']); if (p) csvPath.value = p; } }, 'Choose file…'),
      h('button', { type: 'submit', id: 'import-vendors' }, 'Preview import')),
    allFlags.length ? h('ul', { class: 'flag-list', id: 'vendor-flags' }, allFlags.map(({ v, f }) => h('li', { dataset: { flag: f.kind } },
      h('span', { class: 'flag' }, f.label), ' ', h('strong', {}, v.name), ': ', f.message))) : h('p', { class: 'muted small' }, 'No flags.'));

  const table = reg.vendors.length === 0
    ? h('p', { id: 'no-vendors' }, 'No vendors yet. Add them below or import the list you keep in a spreadsheet.')
    : h('table', { class: 'task-table vendor-table', id: 'vendor-table' },
      h('caption', { class: 'sr' }, 'Vendors'),
      h('thead', {}, h('tr', {}, ['Vendor', 'Data', 'Criticality', 'Contract / DPA', 'Review', 'SOC report', 'Flags', ''].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, reg.vendors.map((v) => vendorRow(v, people, evidence, reg, rerender))));

  clear(panel, summary, table, add, customerControls(id, reg, rerender));
}

function vendorRow(v, people, evidence, reg, rerender) {
  const r = v.report;
  const cuecs = r ? r.cuecs : [];
  return h('tr', { dataset: { vendor: v.id }, class: v.flags.length ? 'flagged' : '' },
    h('td', {}, h('strong', {}, v.name), v.subservice ? h('span', { class: 'chip', title: `Subservice organization (${label([['carve_out', 'carve-out'], ['inclusive', 'inclusive']], v.subservice.method)})` }, 'Subservice') : null,
      v.service ? h('div', { class: 'muted small' }, v.service) : null,
      v.subservice && v.subservice.csocs.length ? h('div', { class: 'muted small' }, 'Relied on: ', v.subservice.csocs.join('; ')) : null),
    h('td', {}, label(DATA, v.data)),
    h('td', {}, label(CRIT, v.criticality)),
    h('td', {}, v.contract ? 'Contract' : 'No contract', ' / ', v.dpa ? 'DPA' : 'no DPA'),
    h('td', { class: 'small' }, v.last_review ? `Last ${v.last_review}` : 'Never', h('br'), v.next_review ? `Next ${v.next_review}` : ''),
    h('td', { class: 'small' }, r ? [`${r.kind.toUpperCase().replace('SOC', 'SOC ')} ${r.report_type === 'type2' ? 'Type 2' : 'Type 1'}`, h('br'),
      r.period_start ? `${r.period_start} to ${r.period_end}` : `as of ${r.period_end}`, h('br'), label(OPINION, r.opinion),
      r.exceptions.length ? h('div', {}, `${r.exceptions.length} exception(s)`) : null] : 'None reviewed',
    cuecs.length ? h('ul', { class: 'cuec-list' }, cuecs.map((cu) => h('li', { dataset: { cuec: cu.id } }, cu.description, ' — ', label(CUEC_STATUS, cu.status),
      cu.task_id ? h('span', { class: 'chip' }, 'Task made')
        : cu.status === 'not_run' ? h('button', { type: 'button', class: 'link', dataset: { cuecTask: cu.id }, 'aria-label': `Make a task for: ${cu.description}`, onclick: async () => {
          try {
            const t = await call('task_from_vendor_cuec', { vendorId: v.id, cuecId: cu.id });
            notice(`Task created: ${t.title}`);
            rerender();
          } catch (e) { showError(e); }
        } }, 'Make a task') : null))) : null),
    h('td', {}, v.flags.map((f) => h('div', { class: 'flag', title: f.message, dataset: { flag: f.kind } }, f.label))),
    h('td', {},
      h('button', { type: 'button', class: 'link', dataset: { review: v.id }, 'aria-label': `SOC report review of ${v.name}`, onclick: () => reviewReport(v, evidence, rerender) }, 'SOC report…'),
      h('button', { type: 'button', class: 'link', 'aria-label': `Edit ${v.name}`, onclick: () => editVendor(v, people, rerender) }, 'Edit'),
      h('button', { type: 'button', class: 'link', 'aria-label': `Delete ${v.name}`, onclick: () => openModal({
        title: 'Delete this vendor?', body: [h('p', {}, v.name), h('p', { class: 'muted small' }, 'Its report review goes with it; tasks made from its CUECs stay.')], ok: 'Delete', danger: true,
        onOk: async () => { await call('delete_vendor', { vendorId: v.id }); rerender(); },
      }) }, 'Delete')));
}

function vendorForm(prefix, people, v) {
  const p = (n) => `${prefix}-vendor-${n}`;
  const f = {
    name: h('input', { id: p('name'), type: 'text', maxlength: 300, value: v?.name || '' }),
    service: h('input', { id: p('service'), type: 'text', value: v?.service || '', placeholder: 'What it does for you' }),
    data: h('select', { id: p('data') }, opts(DATA, v?.data || 'internal')),
    criticality: h('select', { id: p('criticality') }, opts(CRIT, v?.criticality || 'important')),
    contract: h('input', { id: p('contract'), type: 'checkbox', checked: !!v?.contract }),
    dpa: h('input', { id: p('dpa'), type: 'checkbox', checked: !!v?.dpa }),
    owner: h('select', { id: p('owner') }, h('option', { value: '' }, '(no owner)'), people.map((n) => h('option', { value: n, selected: v?.owner === n }, n))),
    last: h('input', { id: p('last-review'), type: 'text', value: v?.last_review || '', placeholder: 'YYYY-MM-DD' }),
    next: h('input', { id: p('next-review'), type: 'text', value: v?.next_review || '', placeholder: 'YYYY-MM-DD (default: a year after the last)' }),
    sub: h('input', { id: p('subservice'), type: 'checkbox', checked: !!v?.subservice }),
    method: h('select', { id: p('method') }, opts([['carve_out', 'Carve-out (their controls excluded; you monitor them)'], ['inclusive', 'Inclusive (rare)']], v?.subservice?.method || 'carve_out')),
    csocs: h('textarea', { id: p('csocs'), rows: 2, value: v?.subservice ? v.subservice.csocs.join('\n') : '', placeholder: 'One per line, e.g. Physical security of the data centres' }),
  };
  const subBox = h('div', { class: 'subservice' },
    h('label', { for: p('method') }, 'Method', f.method),
    h('label', { for: p('csocs') }, 'Controls you rely on them for (CSOCs), one per line', f.csocs));
  const sync = () => { subBox.hidden = !f.sub.checked; };
  f.sub.addEventListener('change', sync);
  sync();
  const el = h('div', { class: 'vendor-fields' },
    h('div', { class: 'row' }, h('label', { for: p('name') }, 'Name', f.name), h('label', { for: p('service') }, 'What it does', f.service)),
    h('div', { class: 'row' }, h('label', { for: p('data') }, 'Data it holds', f.data), h('label', { for: p('criticality') }, 'Criticality', f.criticality), h('label', { for: p('owner') }, 'Owner', f.owner)),
    h('div', { class: 'row' }, h('label', { for: p('last-review') }, 'Last security review', f.last), h('label', { for: p('next-review') }, 'Next review due', f.next)),
    h('div', { class: 'row checks' }, h('label', { class: 'check' }, f.contract, 'Contract in place'), h('label', { class: 'check' }, f.dpa, 'Data processing agreement in place'),
      h('label', { class: 'check' }, f.sub, 'Subservice organization (e.g. your cloud host)')),
    subBox);
  const value = () => ({
    name: f.name.value, service: f.service.value, data: f.data.value, criticality: f.criticality.value,
    contract: f.contract.checked, dpa: f.dpa.checked, owner: f.owner.value || null,
    last_review: f.last.value || null, next_review: f.next.value || null,
    subservice: f.sub.checked, subservice_method: f.method.value, csocs: f.csocs.value.split('\n'),
  });
  return { el, value };
}

function editVendor(v, people, rerender) {
  const form = vendorForm('edit', people, v);
  openModal({
    title: `Edit vendor: ${v.name}`, body: [form.el], ok: 'Save vendor', wide: true,
    onOk: async () => {
      try { await call('update_vendor', { vendorId: v.id, version: v.version, vendor: form.value() }); } catch (e) { if (e.code === 'stale_version') rerender(); throw e; }
      rerender();
    },
  });
}

// A list of rows the user can add to and remove from (exceptions, CUECs).
function rowList(kind, rows, make) {
  const list = h('ol', { class: 'row-list', id: `report-${kind}` });
  const addRow = (r) => {
    const row = make(r);
    const li = h('li', { class: 'row-item' }, row.el, h('button', { type: 'button', class: 'link', 'aria-label': `Remove this ${kind === 'exceptions' ? 'exception' : 'CUEC'}`, onclick: () => { li.remove(); } }, 'Remove'));
    li.value_ = row.value;
    list.append(li);
  };
  rows.forEach(addRow);
  return { list, addRow, values: () => [...list.children].map((li) => li.value_()) };
}

function reviewReport(v, evidence, rerender) {
  const r = v.report;
  const f = {
    kind: h('select', { id: 'report-kind' }, opts([['soc2', 'SOC 2'], ['soc1', 'SOC 1'], ['soc3', 'SOC 3']], r?.kind || 'soc2')),
    type: h('select', { id: 'report-type' }, opts([['type2', 'Type 2'], ['type1', 'Type 1']], r?.report_type || 'type2')),
    start: h('input', { id: 'report-start', type: 'text', value: r?.period_start || '', placeholder: 'YYYY-MM-DD' }),
    end: h('input', { id: 'report-end', type: 'text', value: r?.period_end || '', placeholder: 'YYYY-MM-DD' }),
    firm: h('input', { id: 'report-firm', type: 'text', value: r?.audit_firm || '' }),
    opinion: h('select', { id: 'report-opinion' }, opts(OPINION, r?.opinion || 'unqualified')),
    reviewed: h('input', { id: 'report-reviewed', type: 'text', value: r?.reviewed_on || new Date().toISOString().slice(0, 10), placeholder: 'YYYY-MM-DD' }),
    bridge: h('input', { id: 'report-bridge', type: 'text', value: r?.bridge_letter_on || '', placeholder: 'YYYY-MM-DD, if received' }),
    file: h('select', { id: 'report-file' }, h('option', { value: '' }, '(no file linked)'),
      evidence.in_use.map((e) => h('option', { value: e.id, selected: r?.evidence_id === e.id }, `${e.original_name} (SHA-256 ${e.sha256.slice(0, 12)}…)`))),
    notes: h('textarea', { id: 'report-notes', rows: 2, value: r?.notes || '' }),
  };
  let n = 0;
  const exceptions = rowList('exceptions', r ? r.exceptions : [], (x) => {
    const i = n++;
    const d = h('input', { type: 'text', id: `exception-${i}`, value: x?.description || '', placeholder: 'What the vendor’s auditor found' });
    const resp = h('input', { type: 'text', id: `exception-response-${i}`, value: x?.response || '', placeholder: 'Does it affect you? What do you do?' });
    return { el: h('div', { class: 'row' }, h('label', { for: `exception-${i}` }, 'Exception', d), h('label', { for: `exception-response-${i}` }, 'Your response', resp)),
      value: () => ({ id: x?.id || null, description: d.value, response: resp.value }) };
  });
  const cuecs = rowList('cuecs', r ? r.cuecs : [], (x) => {
    const i = n++;
    const d = h('input', { type: 'text', id: `cuec-${i}`, value: x?.description || '', placeholder: 'A control the vendor expects you to run' });
    const s = h('select', { id: `cuec-status-${i}` }, opts(CUEC_STATUS, x?.status || 'runs'));
    const how = h('input', { type: 'text', id: `cuec-how-${i}`, value: x?.how || '', placeholder: 'How you run it' });
    return { el: h('div', { class: 'row' }, h('label', { for: `cuec-${i}` }, 'Vendor’s CUEC', d), h('label', { for: `cuec-status-${i}` }, 'Do you run it?', s), h('label', { for: `cuec-how-${i}` }, 'How', how)),
      value: () => ({ id: x?.id || null, description: d.value, status: s.value, how: how.value }) };
  });
  const period = h('label', { for: 'report-start' }, 'Period start', f.start);
  const syncType = () => { period.hidden = f.type.value === 'type1'; };
  f.type.addEventListener('change', syncType);
  syncType();
  openModal({
    title: `SOC report review: ${v.name}`, wide: true,
    body: [
      h('p', { class: 'muted small' }, marked('Read the vendor’s SOC report: which report and period, the auditor’s opinion, the exceptions in the tests, the CUECs it expects you (its customer) to run, and the subservice organizations it carves out. A gap between its period and yours needs a bridge letter. Attach the report in the Evidence tab first to link it here with its SHA-256.', new Set())),
      h('div', { class: 'row' }, h('label', { for: 'report-kind' }, 'Report', f.kind), h('label', { for: 'report-type' }, 'Type', f.type), h('label', { for: 'report-opinion' }, 'Opinion', f.opinion)),
      h('div', { class: 'row' }, period, h('label', { for: 'report-end' }, 'Period end (Type 1: as-of date)', f.end), h('label', { for: 'report-firm' }, 'Audit firm', f.firm)),
      h('div', { class: 'row' }, h('label', { for: 'report-reviewed' }, 'Reviewed on', f.reviewed), h('label', { for: 'report-bridge' }, 'Bridge letter received on', f.bridge)),
      h('label', { for: 'report-file' }, 'Stored report file', f.file),
      h('h3', {}, 'Exceptions noted'), exceptions.list, h('button', { type: 'button', class: 'secondary', id: 'add-exception', onclick: () => exceptions.addRow(null) }, 'Add exception'),
      h('h3', {}, 'The vendor’s CUECs'), cuecs.list, h('button', { type: 'button', class: 'secondary', id: 'add-cuec', onclick: () => cuecs.addRow(null) }, 'Add CUEC'),
      h('label', { for: 'report-notes' }, 'Notes', f.notes)],
    ok: 'Save review',
    onOk: async () => {
      await call('save_vendor_report', { vendorId: v.id, report: {
        kind: f.kind.value, report_type: f.type.value, period_start: f.type.value === 'type2' ? f.start.value : null, period_end: f.end.value,
        audit_firm: f.firm.value, opinion: f.opinion.value, reviewed_on: f.reviewed.value || null, bridge_letter_on: f.bridge.value || null,
        evidence_id: f.file.value || null, notes: f.notes.value, exceptions: exceptions.values(), cuecs: cuecs.values(),
      } });
      notice('Report review saved.');
      rerender();
    },
  });
}

// Import: pick a CSV, see row by row what would be taken and rejected (nothing is saved yet),
// then choose: import all, import the good rows only, or cancel.
async function importCsv(id, path, rerender) {
  try {
    if (!path.trim()) { notice('Choose the CSV file to import first.', 'error'); return; }
    const p = await call('preview_vendor_import', { id, path });
    const rows = h('table', { class: 'task-table', id: 'import-report' },
      h('thead', {}, h('tr', {}, ['Line', 'Vendor', 'Result'].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, p.rows.map((r) => h('tr', { class: r.outcome === 'rejected' ? 'overdue' : '', dataset: { line: r.line } },
        h('td', {}, String(r.line)), h('td', {}, r.name),
        h('td', {}, r.outcome === 'taken' ? ['Taken', r.new_people.length ? ` (adds ${r.new_people.join(', ')} to the people list)` : ''] : ['Rejected: ', r.reasons.join('; ')])))));
    const good = p.rejected > 0;
    openModal({
      title: `Import vendors: ${p.taken} taken, ${p.rejected} rejected`, wide: true,
      body: [h('p', { class: 'small' }, 'Columns: ', p.columns.map(([col, field]) => `“${col}” → ${field.replace('_', ' ')}`).join(', ')),
        p.ignored_columns.length ? h('p', { class: 'small muted' }, 'Ignored columns: ', p.ignored_columns.join(', ')) : null,
        good ? h('p', { class: 'small' }, 'Some rows have errors. Nothing is imported unless you choose to import the good rows only; or cancel, fix the file and import it again.') : null,
        rows],
      ok: p.taken === 0 ? 'Close' : good ? `Import the ${p.taken} good rows only` : `Import ${p.taken} vendor(s)`,
      onOk: async () => {
        if (p.taken === 0) return;
        const done = await call('import_vendors', { id, path, goodRowsOnly: good });
        notice(`${done.saved} vendor(s) imported${done.people_added.length ? `; added to the people list: ${done.people_added.join(', ')}` : ''}.`);
        rerender();
      },
    });
  } catch (e) { showError(e); }
}

// Our own CUECs: what our customers must do for our controls to work.
function customerControls(id, reg, rerender) {
  const title = h('input', { id: 'cc-title', type: 'text', maxlength: 300 });
  const desc = h('input', { id: 'cc-description', type: 'text' });
  const open = reg.starter_cuecs.filter((s) => !s.adopted);
  const adopt = async (ids) => {
    try { await call('adopt_starter_cuecs', { id, starterIds: ids }); rerender(); } catch (e) { showError(e); }
  };
  return h('section', { class: 'panel', id: 'customer-controls', 'aria-labelledby': 'cc-h' },
    h('h2', { id: 'cc-h' }, `Our CUECs: what our customers must do (${reg.customer_controls.length})`),
    h('p', { class: 'muted small' }, marked('A CUEC (complementary user entity control) is a control your customers must run for yours to work. They are listed in your system description.', new Set())),
    reg.customer_controls.length ? h('ul', { id: 'cc-list' }, reg.customer_controls.map((x) => h('li', { dataset: { control: x.id } }, h('strong', {}, x.title), x.description ? ` — ${x.description}` : '',
      x.criteria.length ? h('span', { class: 'muted small' }, ` (${x.criteria.join(', ')})`) : null, ' ',
      h('button', { type: 'button', class: 'link', 'aria-label': `Remove ${x.title}`, onclick: async () => { try { await call('delete_customer_control', { controlId: x.id }); rerender(); } catch (e) { showError(e); } } }, 'Remove')))) : null,
    h('form', { class: 'row', id: 'cc-form', onsubmit: async (e) => {
      e.preventDefault();
      try { await call('add_customer_control', { id, control: { title: title.value, description: desc.value, criteria: [] } }); rerender(); } catch (err) { showError(err); }
    } }, h('label', { for: 'cc-title' }, 'Control', title), h('label', { for: 'cc-description' }, 'Description', desc), h('button', { type: 'submit', id: 'add-cc' }, 'Add')),
    open.length ? h('details', { id: 'cc-starters' }, h('summary', {}, `Starter list (${open.length} to adopt)`),
      h('button', { type: 'button', id: 'adopt-all-cuecs', onclick: () => adopt(open.map((s) => s.id)) }, 'Adopt all'),
      h('ul', {}, open.map((s) => h('li', {}, h('strong', {}, s.title), ` — ${s.description} `,
        h('button', { type: 'button', class: 'link', 'aria-label': `Adopt ${s.title}`, onclick: () => adopt([s.id]) }, 'Adopt'))))) : null);
}
