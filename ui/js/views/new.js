// Create an assessment. Step 1, the scoping wizard: about ten questions about the company.
// Step 2, the scope: the recommended report kind, type and criteria with their reasons (all
// editable), a justification for every category left out, and the audit timeline from today.

import { call, catalog } from '../api.js';
import { clear, h, showError } from '../dom.js';

const KINDS = [
  ['soc2', 'SOC 2', 'Your controls against the Trust Services Criteria, for customers and prospects under NDA. The usual choice for a SaaS company.'],
  ['soc1', 'SOC 1', 'Controls that affect your customers’ financial reporting (payroll, billing, payments). Scoped by control objectives you define.'],
  ['soc3', 'SOC 3', 'A short public version of a SOC 2 opinion that anyone can read; it is usually issued together with a SOC 2, from the same audit.'],
];
const TYPES = [
  ['type1', 'Type 1', 'Are the controls designed well, at one point in time. Faster: a first report in months.'],
  ['type2', 'Type 2', 'Did the controls work over an observation period (3, 6 or 12 months). What most customers ask for.'],
];

const PROFILE = [
  { id: 'service', text: 'What does your service do, in a sentence?', kind: 'text' },
  { id: 'transactions', text: 'Do transactions you process end up in your customers’ financial statements?', options: [['none', 'No'], ['payroll', 'Yes: payroll'], ['billing', 'Yes: billing or invoicing'], ['other', 'Yes: payments or accounting data']] },
  { id: 'customer_data', text: 'Do you store or process your customers’ data?', yesno: true },
  { id: 'uptime_commitment', text: 'Do your contracts promise an uptime level (an SLA such as 99.9%)?', yesno: true },
  { id: 'confidential_data', text: 'Do customers give you confidential information, such as contracts, financials or source code?', yesno: true },
  { id: 'personal_info', text: 'Whose personal information do you handle?', options: [['none', 'None beyond our own staff'], ['business_contacts', 'Business contacts of our customers only'], ['end_users', 'Our customers’ end users or consumers'], ['sensitive', 'Sensitive data: health, financial, children’s, IDs']] },
  { id: 'processing_accuracy', text: 'Do customers rely on your system to calculate or transform their data correctly?', yesno: true },
  { id: 'public_seal', text: 'Do you want a report you can publish on your website?', yesno: true },
  { id: 'customer_ask', text: 'What are customers or prospects asking for?', options: [['not_sure', 'Not sure'], ['soc2_type2', 'SOC 2 Type 2'], ['soc2_type1', 'SOC 2 Type 1'], ['soc1', 'SOC 1'], ['nothing_yet', 'Nothing yet']] },
  { id: 'first_report', text: 'Is this your first SOC report?', yesno: true, default: 'true' },
  { id: 'target_date', text: 'When do you want the report in hand? (YYYY-MM-DD, optional)', kind: 'date' },
];

export async function renderNew(main) {
  const c = await catalog();
  const fields = PROFILE.map((q) => {
    if (q.kind === 'text' || q.kind === 'date') {
      return h('label', { for: `p-${q.id}` }, q.text, h('input', { id: `p-${q.id}`, type: 'text', placeholder: q.kind === 'date' ? 'YYYY-MM-DD' : '', inputmode: q.kind === 'date' ? 'numeric' : null }));
    }
    const options = q.yesno ? [['false', 'No'], ['true', 'Yes']] : q.options;
    const dflt = q.default ?? options[0][0];
    return h('fieldset', { class: 'inline' }, h('legend', {}, q.text),
      options.map(([value, label]) => h('label', { class: 'pill' }, h('input', { type: 'radio', name: `p-${q.id}`, value, checked: value === dflt }), label)));
  });
  const error = h('p', { class: 'form-error', id: 'profile-error', role: 'alert' });
  const form = h('form', { class: 'panel form', id: 'profile-form', novalidate: true },
    h('p', { class: 'muted' }, 'Eleven questions about your company. Preflight recommends which report to prepare and which criteria to include, with the reason for each; you can change any of it on the next step.'),
    fields, error,
    h('div', { class: 'actions' },
      h('button', { type: 'submit', id: 'recommend' }, 'Recommend a scope'),
      h('button', { type: 'button', class: 'secondary', id: 'skip-wizard', onclick: () => skip() }, 'Skip: I know my scope'),
      h('a', { class: 'button secondary', href: '#/' }, 'Cancel')));

  const readProfile = () => {
    const p = {};
    for (const q of PROFILE) {
      if (q.kind) p[q.id] = form.querySelector(`#p-${q.id}`).value.trim();
      else {
        const v = form.querySelector(`input[name=p-${q.id}]:checked`).value;
        p[q.id] = q.yesno ? v === 'true' : v;
      }
    }
    if (!p.target_date) p.target_date = null;
    return p;
  };
  const skip = async () => {
    try {
      const rec = await call('recommend_scope', { profile: {} });
      await renderScope(main, c, rec, null, false);
    } catch (e) { showError(e); }
  };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    try {
      const profile = readProfile();
      const rec = await call('recommend_scope', { profile });
      await renderScope(main, c, rec, profile, true);
    } catch (err) { error.textContent = err.message; }
  });
  clear(main, h('section', { class: 'page-head' }, h('h1', {}, 'New assessment: about your company')), form);
  form.querySelector('#p-service').focus();
}

async function renderScope(main, c, rec, profile, useAdvice) {
  const advice = new Map(rec.categories.map((a) => [a.category, a]));
  const reason = (text, id) => (useAdvice && text ? h('p', { class: 'reason', id }, '→ ', text) : null);

  const radio = (name, [value, label, help], checked) => h('label', { class: 'choice' },
    h('input', { type: 'radio', name, value, checked, 'aria-describedby': `${name}-${value}-help` }),
    h('span', {}, h('strong', {}, label), h('span', { class: 'muted small', id: `${name}-${value}-help` }, help)));

  const kind0 = useAdvice ? rec.kind.value : 'soc2';
  const type0 = useAdvice ? rec.report_type.value : 'type1';

  const categories = h('fieldset', { id: 'categories-field' },
    h('legend', {}, 'Trust Services Criteria in scope'),
    c.categories.map((cat) => {
      const a = advice.get(cat.id);
      const on = cat.required || (useAdvice && a.include);
      const just = h('textarea', { id: `just-${cat.id}`, class: 'justification', rows: 2, maxlength: 2000, value: a.exclusion_justification, 'aria-label': `Why ${cat.name} is left out` });
      const justLabel = h('div', { class: 'just-wrap', hidden: on }, h('span', { class: 'small' }, `Why ${cat.name} is left out (the workbook shows this to the auditor):`), just);
      const box = h('input', { type: 'checkbox', name: 'category', value: cat.id, checked: on, disabled: cat.required, 'aria-describedby': `cat-${cat.id}-help`, onchange: (e) => { justLabel.hidden = e.target.checked; } });
      return h('div', { class: 'category' },
        h('label', { class: 'choice' }, box,
          h('span', {}, h('strong', {}, cat.name), cat.required ? h('span', { class: 'badge' }, 'always in scope') : null,
            h('span', { class: 'muted small', id: `cat-${cat.id}-help` }, cat.summary))),
        reason(useAdvice ? a.reason : null, `reason-${cat.id}`), cat.required ? null : justLabel);
    }));

  const areas = [...new Set(c.objectives.map((o) => o.area))];
  const objectives = h('fieldset', { id: 'objectives-field', hidden: true },
    h('legend', {}, 'SOC 1 control objectives in scope'),
    h('p', { class: 'muted small' }, 'SOC 1 objectives belong to your company. Pick the ones that fit your service; the auditor will agree the final wording with you.'),
    areas.map((area) => h('div', { class: 'objective-area' }, h('h3', {}, area),
      c.objectives.filter((o) => o.area === area).map((o) => h('label', { class: 'choice' },
        h('input', { type: 'checkbox', name: 'objective', value: o.id, checked: rec.objectives.length ? rec.objectives.includes(o.id) : area.startsWith('IT general'), 'aria-describedby': `obj-${o.id}-help` }),
        h('span', {}, h('strong', {}, o.title), h('span', { class: 'muted small', id: `obj-${o.id}-help` }, o.statement)))))));

  const months = h('select', { id: 'obs-months' }, [3, 6, 12].map((m) => h('option', { value: m, selected: m === rec.observation_months }, `${m} months`)));
  const period = h('fieldset', { id: 'period-field', hidden: true },
    h('legend', {}, 'Planned observation period'),
    h('p', { class: 'muted small' }, 'The months your controls must run and leave evidence before the auditor tests them. 6 to 12 months is most common; 3 months is the practical minimum for a first Type 2.'),
    h('div', { class: 'row' },
      h('label', { for: 'obs-months' }, 'Length', months),
      h('label', { for: 'obs-start' }, 'Start (YYYY-MM-DD)', h('input', { id: 'obs-start', type: 'text', inputmode: 'numeric', placeholder: 'YYYY-MM-DD' })),
      h('label', { for: 'obs-end' }, 'End (YYYY-MM-DD)', h('input', { id: 'obs-end', type: 'text', inputmode: 'numeric', placeholder: 'YYYY-MM-DD' }))));

  const timelineBox = h('section', { class: 'panel timeline', id: 'timeline', 'aria-live': 'polite' });
  const error = h('p', { class: 'form-error', id: 'form-error', role: 'alert' });
  const form = h('form', { class: 'panel form', id: 'new-form', novalidate: true },
    h('label', { for: 'company' }, 'Company name', h('input', { id: 'company', type: 'text', maxlength: 200, required: true, autocomplete: 'organization' })),
    h('label', { for: 'assessment-name' }, 'Assessment name (optional)', h('input', { id: 'assessment-name', type: 'text', maxlength: 200, placeholder: 'For example: SOC 2 readiness 2026' })),
    h('fieldset', {}, h('legend', {}, 'Report'), reason(useAdvice ? rec.kind.reason : null, 'reason-kind'), KINDS.map((k) => radio('kind', k, k[0] === kind0)),
      h('p', { class: 'muted small', id: 'soc3-note', hidden: true }, 'A SOC 3 uses the same criteria as a SOC 2 and comes from the same audit; most companies get both, sharing the SOC 2 under NDA and publishing the SOC 3.')),
    h('fieldset', {}, h('legend', {}, 'Type'), reason(useAdvice ? rec.report_type.reason : null, 'reason-type'), TYPES.map((t) => radio('type', t, t[0] === type0))),
    categories, objectives, period,
    useAdvice && rec.also.length ? h('ul', { class: 'also' }, rec.also.map((x) => h('li', {}, x))) : null,
    error,
    h('div', { class: 'actions' },
      h('button', { type: 'submit', id: 'create' }, 'Create assessment'),
      h('a', { class: 'button secondary', href: '#/' }, 'Cancel')));

  const kindNow = () => form.querySelector('input[name=kind]:checked').value;
  const typeNow = () => form.querySelector('input[name=type]:checked').value;

  let firstTimeline = true;
  // The window's start is suggested once; after that the user's start stands, and changing the
  // start or the length recomputes only the end.
  const refreshTimeline = async (trigger) => {
    const startInput = form.querySelector('#obs-start');
    const endInput = form.querySelector('#obs-end');
    try {
      const t = await call('audit_timeline', {
        reportType: typeNow(), months: Number(months.value),
        windowStart: firstTimeline ? null : startInput.value || null,
        target: profile?.target_date || null,
      });
      if (t.observation) {
        if (firstTimeline) {
          startInput.value = t.observation.start;
          endInput.value = t.observation.end;
          firstTimeline = false;
        } else if ((trigger === 'obs-months' || trigger === 'obs-start') && startInput.value) {
          endInput.value = t.observation.end;
        }
      }
      clear(timelineBox, h('h2', {}, 'Timeline from today'),
        t.warning ? h('p', { class: 'form-error' }, t.warning) : null,
        h('ol', { class: 'milestones' }, t.milestones.map((m) => h('li', {}, h('strong', {}, m.date), ' ', m.title, h('span', { class: 'muted small' }, ` ${m.detail}`)))),
        h('p', {}, 'Earliest report: ', h('strong', { id: 'earliest-report' }, t.earliest_report)),
        t.must_run.length ? [h('h3', {}, 'What must run inside the window'),
          h('ul', { class: 'must-run' }, t.must_run.map((r) => h('li', {}, r.control, ': ', r.times ? `${r.times}× (${r.cadence})` : r.cadence)))] : null);
    } catch (e) { clear(timelineBox, h('p', { class: 'form-error' }, e.message)); }
  };

  const sync = () => {
    const kind = kindNow();
    categories.hidden = kind === 'soc1';
    objectives.hidden = kind !== 'soc1';
    period.hidden = typeNow() !== 'type2';
    form.querySelector('#soc3-note').hidden = kind !== 'soc3';
  };
  form.addEventListener('change', (e) => {
    sync();
    const trigger = e.target.name || e.target.id;
    if (['type', 'obs-months', 'obs-start'].includes(trigger)) refreshTimeline(trigger);
  });
  sync();
  await refreshTimeline();

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const kind = kindNow();
    const reportType = typeNow();
    const soc1 = kind === 'soc1';
    const checked = (name) => [...form.querySelectorAll(`input[name=${name}]:checked`)].map((i) => i.value);
    const exclusions = soc1 ? [] : [...form.querySelectorAll('input[name=category]:not(:checked)')]
      .map((i) => ({ category: i.value, justification: form.querySelector(`#just-${i.value}`).value }));
    const input = {
      company: form.querySelector('#company').value,
      name: form.querySelector('#assessment-name').value || null,
      kind,
      reportType,
      categories: soc1 ? [] : checked('category'),
      objectives: soc1 ? checked('objective') : [],
      observationStart: reportType === 'type2' ? form.querySelector('#obs-start').value : null,
      observationEnd: reportType === 'type2' ? form.querySelector('#obs-end').value : null,
      exclusions,
      profile,
    };
    try {
      const a = await call('create_assessment', { input });
      location.hash = `#/a/${a.id}`;
    } catch (err) {
      error.textContent = err.message;
      showError(err);
    }
  });

  clear(main, h('section', { class: 'page-head' }, h('h1', {}, useAdvice ? 'Recommended scope' : 'New assessment: scope')),
    h('div', { class: 'scope-layout' }, form, timelineBox));
  form.querySelector('#company').focus();
}
