// The risk register (CC3): the last and next risk assessment, the 5 x 5 heat maps (before and
// after treatment), the starter set to adopt, a form to add a risk with the scales' meanings
// beside it, and the register itself. Edits carry the version they were made on.

import { call } from '../api.js';
import { clear, h, notice, showError } from '../dom.js';
import { openModal } from '../modal.js';
import { marked } from '../glossary.js';

const today = () => new Date().toISOString().slice(0, 10);
const BAND_LABEL = { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' };

export async function renderRisks(panel, c, view) {
  const id = view.assessment.id;
  const [reg, people, tasks] = await Promise.all([call('risk_register', { id }), call('people', { id }), call('tasks', { id })]);
  const rerender = () => renderRisks(panel, c, view).catch(showError);

  const st = reg.status;
  const last = reg.reviews.length ? reg.reviews[reg.reviews.length - 1] : null;
  const head = h('section', { class: 'panel risk-status', id: 'risk-status', 'aria-labelledby': 'risk-status-h' },
    h('h2', { id: 'risk-status-h' }, 'Yearly risk assessment'),
    last
      ? h('p', { id: 'risk-last' }, `Last held on ${last.held_on} with ${last.participants.join(', ')}. `,
        h('span', { class: st.overdue ? 'overdue-badge' : 'muted' }, st.overdue ? `Next was due ${st.next_due}` : `Next due by ${st.next_due}`))
      : h('p', { id: 'risk-last' }, h('span', { class: 'overdue-badge' }, 'None recorded'), ' ', marked('Auditors expect a risk assessment at least once a year and whenever the business changes.', new Set())),
    h('button', { type: 'button', id: 'record-review', onclick: () => recordReview(id, reg, people, rerender) }, 'Record this year’s risk assessment…'),
    reg.reviews.length > 1 ? h('details', {}, h('summary', {}, `Earlier assessments (${reg.reviews.length - 1})`),
      h('ul', {}, reg.reviews.slice(0, -1).reverse().map((r) => h('li', {}, `${r.held_on}: ${r.participants.join(', ')} (${r.register.length} risks). ${r.summary}`)))) : null);

  const maps = h('section', { class: 'panel heatmaps', 'aria-labelledby': 'heat-h' },
    h('h2', { id: 'heat-h' }, 'Heat map'),
    h('p', { class: 'muted small' }, 'Each cell counts the risks at that likelihood (across) and impact (up). ', reg.band_rule),
    h('div', { class: 'heatmap-row' },
      heatMap('inherent', 'Before treatment (inherent)', reg.heat_map.inherent.cells, reg.heat_map.bands),
      heatMap('residual', 'After treatment (residual)', reg.heat_map.residual.cells, reg.heat_map.bands)));

  const form = riskForm('new', reg, people, tasks, null);
  const add = h('form', { class: 'panel', id: 'risk-form', onsubmit: async (e) => {
    e.preventDefault();
    try {
      await call('create_risk', { id, risk: form.value() });
      notice('Risk added.');
      rerender();
    } catch (err) { showError(err); }
  } },
  h('h2', {}, 'Add a risk'), form.el, h('button', { type: 'submit', id: 'add-risk' }, 'Add risk'));

  const table = reg.risks.length === 0
    ? h('p', { id: 'no-risks' }, 'No risks yet. Adopt the starter risks below, or add your own.')
    : h('table', { class: 'task-table risk-table', id: 'risk-table' },
      h('caption', { class: 'sr' }, 'Risk register'),
      h('thead', {}, h('tr', {}, ['Risk', 'Category', 'Inherent', 'Treatment', 'Residual', 'Owner', 'Linked', ''].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, reg.risks.map((r) => h('tr', { dataset: { risk: r.id } },
        h('td', {}, h('strong', {}, r.title), r.fraud ? h('span', { class: 'chip fraud', title: 'A fraud risk (CC3.3)' }, 'Fraud') : null,
          r.description ? h('div', { class: 'muted small' }, r.description) : null),
        h('td', {}, label(reg.categories, r.category)),
        h('td', {}, score(r.score, r.band), h('div', { class: 'muted small' }, `L${r.likelihood} × I${r.impact}`)),
        h('td', {}, label(reg.treatments, r.treatment), r.treatment_reason ? h('div', { class: 'muted small' }, r.treatment_reason) : null,
          r.acceptance ? h('div', { class: 'muted small' }, `Accepted by ${r.acceptance.accepted_by} on ${r.acceptance.accepted_on}`) : null),
        h('td', {}, score(r.residual_score, r.residual_band), h('div', { class: 'muted small' }, `L${r.residual_likelihood} × I${r.residual_impact}`)),
        h('td', {}, r.owner || ''),
        h('td', { class: 'small' }, [...r.criteria, ...r.questions].join(', '),
          r.tasks.length ? h('div', { class: 'linked-tasks' }, r.tasks.map((t) => h('div', {}, '↳ ', (tasks.find((x) => x.id === t) || { title: t }).title))) : null),
        h('td', {},
          h('button', { type: 'button', class: 'link', 'aria-label': `Edit ${r.title}`, dataset: { edit: r.id }, onclick: () => editRisk(r, reg, people, tasks, rerender) }, 'Edit'),
          h('button', { type: 'button', class: 'link', 'aria-label': `Delete ${r.title}`, onclick: () => openModal({
            title: 'Delete this risk?', body: [h('p', {}, r.title), h('p', { class: 'muted small' }, 'Recorded risk assessments keep their copy of it.')], ok: 'Delete', danger: true,
            onOk: async () => { await call('delete_risk', { riskId: r.id }); rerender(); },
          }) }, 'Delete'))))));

  clear(panel, h('div', { class: 'risk-top' }, head, maps), h('section', { 'aria-labelledby': 'register-h' }, h('h2', { id: 'register-h' }, `Register (${reg.risks.length})`), table),
    add, starters(id, reg, people, rerender));
}

function label(list, v) {
  return (list.find((x) => x.value === v) || { label: v }).label;
}

function score(n, band) {
  return h('span', { class: `band band-${band}` }, `${n} ${BAND_LABEL[band] || band}`);
}

// A 5 x 5 grid: impact up the side (5 at the top), likelihood along the bottom, each cell the
// number of risks there, coloured by the band of its score.
function heatMap(kind, title, cells, bands) {
  const rows = [];
  for (let i = 4; i >= 0; i--) {
    rows.push(h('tr', {}, h('th', { scope: 'row' }, String(i + 1)),
      [0, 1, 2, 3, 4].map((l) => {
        const n = cells[i][l];
        return h('td', { class: `heat band-${bands[i][l]}`, dataset: { impact: i + 1, likelihood: l + 1 }, title: `Likelihood ${l + 1}, impact ${i + 1}: ${n} risk(s)` }, n ? String(n) : '');
      })));
  }
  return h('figure', { class: 'heatmap', id: `heatmap-${kind}` },
    h('table', { 'aria-label': `${title}: number of risks by likelihood and impact` },
      h('tbody', {}, rows, h('tr', {}, h('th', { scope: 'col', class: 'axis' }, 'I / L'), [1, 2, 3, 4, 5].map((l) => h('th', { scope: 'col' }, String(l)))))),
    h('figcaption', {}, title));
}

// The fields of a risk, with the meaning of each scale step beside the choice.
function riskForm(prefix, reg, people, tasks, r) {
  const p = (n) => `${prefix}-risk-${n}`;
  const levelSelect = (name, scale, value) => h('select', { id: p(name) },
    scale.map((s) => h('option', { value: s.level, selected: s.level === value, title: s.meaning }, `${s.level} ${s.name}`)));
  const f = {
    title: h('input', { id: p('title'), type: 'text', maxlength: 300, value: r?.title || '' }),
    description: h('textarea', { id: p('description'), rows: 2, value: r?.description || '' }),
    category: h('select', { id: p('category') }, reg.categories.map((x) => h('option', { value: x.value, selected: r ? x.value === r.category : x.value === 'security' }, x.label))),
    likelihood: levelSelect('likelihood', reg.likelihood_scale, r?.likelihood ?? 3),
    impact: levelSelect('impact', reg.impact_scale, r?.impact ?? 3),
    treatment: h('select', { id: p('treatment') }, reg.treatments.map((x) => h('option', { value: x.value, selected: r ? x.value === r.treatment : x.value === 'mitigate' }, x.label))),
    reason: h('textarea', { id: p('reason'), rows: 2, value: r?.treatment_reason || '' }),
    acceptedBy: h('input', { id: p('accepted-by'), type: 'text', maxlength: 200, value: r?.acceptance?.accepted_by || '' }),
    owner: h('select', { id: p('owner') }, h('option', { value: '' }, '(no owner)'), people.map((n) => h('option', { value: n, selected: r?.owner === n }, n))),
    links: h('input', { id: p('links'), type: 'text', value: r ? [...r.criteria, ...r.questions].join(', ') : '', placeholder: 'e.g. CC6.1, cc6-mfa' }),
    residualL: levelSelect('residual-likelihood', reg.likelihood_scale, r?.residual_likelihood ?? 3),
    residualI: levelSelect('residual-impact', reg.impact_scale, r?.residual_impact ?? 3),
  };
  const taskBoxes = tasks.map((t) => h('label', { class: 'check' },
    h('input', { type: 'checkbox', value: t.id, dataset: { linkTask: t.id }, checked: !!r?.tasks.includes(t.id) }), t.title));
  const accepted = h('label', { for: p('accepted-by'), class: 'accepted-by' }, 'Accepted by (needed to accept a risk)', f.acceptedBy);
  const syncAccept = () => { accepted.hidden = f.treatment.value !== 'accept'; };
  f.treatment.addEventListener('change', syncAccept);
  syncAccept();
  const scaleList = (title, scale) => h('div', { class: 'scale' }, h('h3', {}, title),
    h('ol', {}, scale.map((s) => h('li', {}, h('strong', {}, s.name), ': ', s.meaning))));
  const el = h('div', { class: 'risk-form' },
    h('div', { class: 'risk-fields' },
      h('label', { for: p('title') }, 'What could go wrong', f.title),
      h('label', { for: p('description') }, 'Description', f.description),
      h('div', { class: 'row' }, h('label', { for: p('category') }, 'Category', f.category), h('label', { for: p('owner') }, 'Owner', f.owner)),
      h('div', { class: 'row' }, h('label', { for: p('likelihood') }, 'Likelihood (1-5)', f.likelihood), h('label', { for: p('impact') }, 'Impact (1-5)', f.impact)),
      h('div', { class: 'row' }, h('label', { for: p('treatment') }, 'Treatment', f.treatment), accepted),
      h('label', { for: p('reason') }, 'Why this treatment (what you do about it)', f.reason),
      h('div', { class: 'row' }, h('label', { for: p('residual-likelihood') }, 'Residual likelihood', f.residualL), h('label', { for: p('residual-impact') }, 'Residual impact', f.residualI)),
      h('label', { for: p('links') }, 'Linked criteria and question ids (comma separated)', f.links),
      tasks.length ? h('fieldset', { class: 'task-links', id: p('tasks') }, h('legend', {}, 'Remediation tasks that reduce it'), taskBoxes) : null),
    h('aside', { class: 'scales', 'aria-label': 'What the scales mean' }, scaleList('Likelihood', reg.likelihood_scale), scaleList('Impact', reg.impact_scale)));
  const value = () => {
    const links = f.links.value.split(/[,\s]+/).map((x) => x.trim()).filter(Boolean);
    const isCriterion = (x) => /^[A-Z]/.test(x);
    return {
      title: f.title.value, description: f.description.value, category: f.category.value,
      likelihood: Number(f.likelihood.value), impact: Number(f.impact.value),
      treatment: f.treatment.value, treatment_reason: f.reason.value,
      accepted_by: f.treatment.value === 'accept' ? f.acceptedBy.value : null,
      accepted_on: r?.acceptance?.accepted_on || null,
      owner: f.owner.value || null,
      criteria: links.filter(isCriterion), questions: links.filter((x) => !isCriterion(x)),
      tasks: taskBoxes.map((b) => b.querySelector('input')).filter((i) => i.checked).map((i) => i.value),
      residual_likelihood: Number(f.residualL.value), residual_impact: Number(f.residualI.value),
    };
  };
  return { el, value };
}

function editRisk(r, reg, people, tasks, rerender) {
  const form = riskForm('edit', reg, people, tasks, r);
  openModal({
    title: `Edit risk: ${r.title}`, wide: true,
    body: [form.el],
    ok: 'Save risk',
    onOk: async () => {
      try {
        await call('update_risk', { riskId: r.id, version: r.version, risk: form.value() });
      } catch (e) {
        if (e.code === 'stale_version') rerender();
        throw e;
      }
      notice('Risk saved.');
      rerender();
    },
  });
}

function recordReview(id, reg, people, rerender) {
  const date = h('input', { id: 'review-date', type: 'text', value: today(), placeholder: 'YYYY-MM-DD', inputmode: 'numeric' });
  const who = h('input', { id: 'review-participants', type: 'text', value: people.join(', '), placeholder: 'Names, separated by commas' });
  const summary = h('textarea', { id: 'review-summary', rows: 4, placeholder: 'What was reviewed, what changed, what was decided.' });
  openModal({
    title: 'Record this year’s risk assessment',
    body: [h('p', { class: 'muted small' }, `The register as it is now (${reg.risks.length} risks) is kept with this record. For a Type 2 report it also ticks the calendar’s yearly risk-assessment duty.`),
      h('label', { for: 'review-date' }, 'Held on (YYYY-MM-DD)'), date,
      h('label', { for: 'review-participants' }, 'Who took part'), who,
      h('label', { for: 'review-summary' }, 'Summary'), summary],
    ok: 'Record assessment',
    onOk: async () => {
      await call('record_risk_review', { id, review: { held_on: date.value, participants: [who.value], summary: summary.value } });
      notice('Risk assessment recorded.');
      rerender();
    },
  });
}

function starters(id, reg, people, rerender) {
  const proposesAccept = reg.starters.some((s) => s.treatment === 'accept' && !s.adopted);
  const acceptor = h('select', { id: 'starter-acceptor' }, h('option', { value: '' }, '(choose a person)'), people.map((n) => h('option', { value: n }, n)));
  const adopt = async (ids) => {
    try {
      const done = await call('adopt_starter_risks', { id, starterIds: ids, acceptedBy: acceptor.value || null });
      notice(`${done.length} starter risk(s) adopted. Adjust their ratings and owners to your company.`);
      rerender();
    } catch (e) { showError(e); }
  };
  const open = reg.starters.filter((s) => !s.adopted);
  return h('section', { class: 'panel starters', id: 'starter-risks', 'aria-labelledby': 'starters-h' },
    h('h2', { id: 'starters-h' }, `Starter risks (${open.length} not adopted)`),
    h('p', { class: 'muted small' }, 'Risks typical of a 10 to 50 person cloud company, written as a starting point. Adopt them one by one or all at once, then adjust the ratings to your company.'),
    proposesAccept ? h('label', { for: 'starter-acceptor' }, 'Who accepts the risks the starter set proposes to accept', acceptor) : null,
    h('button', { type: 'button', id: 'adopt-all', disabled: open.length === 0, onclick: () => adopt(open.map((s) => s.id)) }, 'Adopt all'),
    h('ul', { class: 'starter-list' }, reg.starters.map((s) => h('li', { dataset: { starter: s.id } },
      h('strong', {}, s.title), s.category === 'fraud' ? h('span', { class: 'chip fraud' }, 'Fraud') : null,
      h('span', { class: 'muted small' }, ` ${label(reg.categories, s.category)} · L${s.likelihood} × I${s.impact} · ${label(reg.treatments, s.treatment)}`),
      h('div', { class: 'muted small' }, s.description), ' ',
      s.adopted ? h('span', { class: 'chip' }, 'Adopted')
        : h('button', { type: 'button', class: 'secondary', 'aria-label': `Adopt ${s.title}`, dataset: { adopt: s.id }, onclick: () => adopt([s.id]) }, 'Adopt')))));
}
