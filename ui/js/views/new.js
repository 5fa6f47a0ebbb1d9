// Create an assessment: company, report kind and type, criteria or objectives in scope, and the
// observation period for Type 2.

import { call, catalog } from '../api.js';
import { clear, h, showError } from '../dom.js';

const KINDS = [
  ['soc2', 'SOC 2', 'Your controls against the Trust Services Criteria, for customers and prospects under NDA. The usual choice for a SaaS company.'],
  ['soc1', 'SOC 1', 'Controls that affect your customers’ financial reporting (payroll, billing, payments). Scoped by control objectives you define.'],
  ['soc3', 'SOC 3', 'A short public version of a SOC 2 opinion that anyone can read; it is usually issued together with a SOC 2.'],
];
const TYPES = [
  ['type1', 'Type 1', 'Are the controls designed well, at one point in time. Faster: a first report in months.'],
  ['type2', 'Type 2', 'Did the controls work over an observation period (3, 6 or 12 months). What most customers ask for.'],
];

function iso(d) {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export async function renderNew(main) {
  const c = await catalog();
  const today = new Date();
  const start = new Date(today.getFullYear(), today.getMonth() + 1, 1);
  const end = new Date(start.getFullYear(), start.getMonth() + 6, 0);

  const radio = (name, [value, label, help], checked) => h('label', { class: 'choice' },
    h('input', { type: 'radio', name, value, checked, 'aria-describedby': `${name}-${value}-help` }),
    h('span', {}, h('strong', {}, label), h('span', { class: 'muted small', id: `${name}-${value}-help` }, help)));

  const categories = h('fieldset', { id: 'categories-field' },
    h('legend', {}, 'Trust Services Criteria in scope'),
    c.categories.map((cat) => h('label', { class: 'choice' },
      h('input', { type: 'checkbox', name: 'category', value: cat.id, checked: cat.required, disabled: cat.required, 'aria-describedby': `cat-${cat.id}-help` }),
      h('span', {}, h('strong', {}, cat.name), cat.required ? h('span', { class: 'badge' }, 'always in scope') : null,
        h('span', { class: 'muted small', id: `cat-${cat.id}-help` }, cat.summary)))));

  const areas = [...new Set(c.objectives.map((o) => o.area))];
  const objectives = h('fieldset', { id: 'objectives-field', hidden: true },
    h('legend', {}, 'SOC 1 control objectives in scope'),
    h('p', { class: 'muted small' }, 'SOC 1 objectives belong to your company. Pick the ones that fit your service; the auditor will agree the final wording with you.'),
    areas.map((area) => h('div', { class: 'objective-area' }, h('h3', {}, area),
      c.objectives.filter((o) => o.area === area).map((o) => h('label', { class: 'choice' },
        h('input', { type: 'checkbox', name: 'objective', value: o.id, checked: area.startsWith('IT general'), 'aria-describedby': `obj-${o.id}-help` }),
        h('span', {}, h('strong', {}, o.title), h('span', { class: 'muted small', id: `obj-${o.id}-help` }, o.statement)))))));

  const period = h('fieldset', { id: 'period-field', hidden: true },
    h('legend', {}, 'Planned observation period'),
    h('p', { class: 'muted small' }, 'The months your controls must run and leave evidence before the auditor tests them. 6 to 12 months is most common; 3 months is the practical minimum for a first Type 2.'),
    h('div', { class: 'row' },
      h('label', { for: 'obs-start' }, 'Start (YYYY-MM-DD)', h('input', { id: 'obs-start', type: 'text', inputmode: 'numeric', value: iso(start), placeholder: 'YYYY-MM-DD' })),
      h('label', { for: 'obs-end' }, 'End (YYYY-MM-DD)', h('input', { id: 'obs-end', type: 'text', inputmode: 'numeric', value: iso(end), placeholder: 'YYYY-MM-DD' }))));

  const error = h('p', { class: 'form-error', id: 'form-error', role: 'alert' });

  const form = h('form', { class: 'panel form', id: 'new-form', novalidate: true },
    h('label', { for: 'company' }, 'Company name', h('input', { id: 'company', type: 'text', maxlength: 200, required: true, autocomplete: 'organization' })),
    h('label', { for: 'assessment-name' }, 'Assessment name (optional)', h('input', { id: 'assessment-name', type: 'text', maxlength: 200, placeholder: 'For example: SOC 2 readiness 2026' })),
    h('fieldset', {}, h('legend', {}, 'Report'), KINDS.map((k) => radio('kind', k, k[0] === 'soc2'))),
    h('fieldset', {}, h('legend', {}, 'Type'), TYPES.map((t) => radio('type', t, t[0] === 'type1'))),
    categories, objectives, period, error,
    h('div', { class: 'actions' },
      h('button', { type: 'submit', id: 'create' }, 'Create assessment'),
      h('a', { class: 'button secondary', href: '#/' }, 'Cancel')));

  const sync = () => {
    const kind = form.querySelector('input[name=kind]:checked').value;
    const type = form.querySelector('input[name=type]:checked').value;
    categories.hidden = kind === 'soc1';
    objectives.hidden = kind !== 'soc1';
    period.hidden = type !== 'type2';
  };
  form.addEventListener('change', sync);
  sync();

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const kind = form.querySelector('input[name=kind]:checked').value;
    const reportType = form.querySelector('input[name=type]:checked').value;
    const checked = (name) => [...form.querySelectorAll(`input[name=${name}]:checked`)].map((i) => i.value);
    const input = {
      company: form.querySelector('#company').value,
      name: form.querySelector('#assessment-name').value || null,
      kind,
      reportType,
      categories: kind === 'soc1' ? [] : checked('category'),
      objectives: kind === 'soc1' ? checked('objective') : [],
      observationStart: reportType === 'type2' ? form.querySelector('#obs-start').value : null,
      observationEnd: reportType === 'type2' ? form.querySelector('#obs-end').value : null,
    };
    try {
      const a = await call('create_assessment', { input });
      location.hash = `#/a/${a.id}`;
    } catch (err) {
      error.textContent = err.message;
      showError(err);
    }
  });

  clear(main, h('section', { class: 'page-head' }, h('h1', {}, 'New assessment')), form);
  form.querySelector('#company').focus();
}
