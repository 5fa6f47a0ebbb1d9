// Create an assessment. Step 1, the scoping wizard: questions about the company (some shown only
// when an earlier answer makes them relevant). Step 2, the scope: the recommended report kind,
// type and criteria with their reasons (all editable), the path with its dates, a justification
// for every category left out, questions suggested as Not applicable, and the audit timeline.
// Every rule lives in the domain (crates/assessment/src/recommendation.rs); this screen shows it.

import { marked } from '../glossary.js';
import { call, catalog } from '../api.js';
import { clear, h, showError } from '../dom.js';

const KINDS = [
  ['soc2', 'SOC 2', 'Your controls against the Trust Services Criteria, for customers and prospects under NDA. The usual choice for a SaaS company.'],
  ['soc1', 'SOC 1', 'Controls that affect your customers’ financial reporting (payroll, billing, payments). Scoped by control objectives you define.'],
  ['soc3', 'SOC 3', 'A short public report that anyone can read. It is issued from the same examination as a SOC 2, for companies that also want a report they can publish.'],
];
const TYPES = [
  ['type1', 'Type 1', 'Are the controls designed well, at one point in time. Faster: a first report in months.'],
  ['type2', 'Type 2', 'Did the controls work over an observation period: often 3 to 6 months for a first report, 12 months after that. Takes longer, shows more.'],
];

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const handlesEndUsers = (v) => ['end_users', 'sensitive'].includes(v.personal_info);
const financial = (v) => v.transactions !== 'none' || v.customer_ask === 'soc1';

// `when` shows a question only when the answers so far make it relevant; a hidden question is
// not sent, so the domain's default applies.
const PROFILE = [
  { id: 'service', text: 'What does your service do, in a sentence?', kind: 'text' },
  { id: 'transactions', text: 'Do you process transactions for your customers that end up in their own financial statements? (Sending your own invoices to your customers does not count.)', options: [['none', 'No'], ['payroll', 'Yes: we run their payroll'], ['billing', 'Yes: we bill or invoice on their behalf'], ['other', 'Yes: their payments or accounting data']] },
  { id: 'customers_year_end_month', text: 'In which month does most of your customers’ financial year end?', kind: 'select', options: MONTHS.map((m, i) => [String(i + 1), m]), default: '12', when: financial },
  { id: 'customer_data', text: 'Do you store or process your customers’ data?', yesno: true },
  { id: 'uptime_commitment', text: 'Do your contracts promise an uptime level (an SLA such as 99.9%)?', yesno: true },
  { id: 'confidential_data', text: 'Do you hold information you have promised to keep confidential: what customers give you (contracts, financials, source code) or your own (plans, trade secrets you share with partners under NDA)?', yesno: true },
  { id: 'personal_info', text: 'Whose personal information do you handle?', options: [['none', 'None beyond our own staff'], ['business_contacts', 'Business contacts of our customers only'], ['end_users', 'Our customers’ end users or consumers'], ['sensitive', 'Sensitive data: health, financial, children’s, IDs']] },
  { id: 'privacy_role', text: 'Who decides what personal information is collected and why?', options: [['not_sure', 'Not sure'], ['controller', 'We do: we collect it for our own purposes'], ['processor', 'Our customers do: we only process it for them, on their instructions']], when: handlesEndUsers },
  { id: 'processing_accuracy', text: 'Do customers use your system’s results as final, without checking them? For example pay, prices, balances or records they pass on as they are. (Reports and analytics that only inform their decisions do not count.)', yesno: true },
  { id: 'public_seal', text: 'Do you want a report you can publish on your website?', yesno: true },
  { id: 'customer_ask', text: 'What are customers or prospects asking for?', options: [['not_sure', 'Not sure'], ['soc2_type2', 'SOC 2 Type 2'], ['soc2_type1', 'SOC 2 Type 1'], ['soc1', 'SOC 1'], ['nothing_yet', 'Nobody is asking yet']] },
  { id: 'first_report', text: 'Is this your first SOC report?', yesno: true, default: 'true' },
  { id: 'previous_type', text: 'What was your last report?', options: [['type2', 'Type 2'], ['type1', 'Type 1']], when: (v) => v.first_report === 'false' },
  { id: 'previous_period_end', text: 'When did its period end? For a Type 1, its “as of” date. (YYYY-MM-DD)', kind: 'date', when: (v) => v.first_report === 'false' },
  { id: 'head_count', text: 'How many people work for the company, including contractors? (optional)', kind: 'number' },
  { id: 'has_office', text: 'Do you have an office or premises of your own?', options: [['true', 'Yes'], ['false', 'No: we all work remotely']], bool: true },
  { id: 'target_date', text: 'When do you want the report in hand? (YYYY-MM-DD, optional)', kind: 'date' },
];

export async function renderNew(main) {
  const c = await catalog();
  const fields = PROFILE.map((q) => {
    if (q.kind === 'text' || q.kind === 'date' || q.kind === 'number') {
      const placeholder = q.kind === 'date' ? 'YYYY-MM-DD' : '';
      return h('label', { for: `p-${q.id}`, 'data-profile': q.id }, q.text, h('input', { id: `p-${q.id}`, type: 'text', placeholder, inputmode: q.kind === 'text' ? null : 'numeric' }));
    }
    if (q.kind === 'select') {
      return h('label', { for: `p-${q.id}`, 'data-profile': q.id }, q.text,
        h('select', { id: `p-${q.id}` }, q.options.map(([value, label]) => h('option', { value, selected: value === q.default }, label))));
    }
    const options = q.yesno ? [['false', 'No'], ['true', 'Yes']] : q.options;
    const dflt = q.default ?? options[0][0];
    return h('fieldset', { class: 'inline', 'data-profile': q.id }, h('legend', {}, q.text),
      options.map(([value, label]) => h('label', { class: 'pill' }, h('input', { type: 'radio', name: `p-${q.id}`, value, checked: value === dflt }), label)));
  });
  const error = h('p', { class: 'form-error', id: 'profile-error', role: 'alert' });
  const form = h('form', { class: 'panel form', id: 'profile-form', novalidate: true },
    h('p', { class: 'muted' }, 'A few questions about your company. Preflight recommends which report to prepare, when, and which criteria to include, with the reason for each; you can change any of it on the next step.'),
    fields, error,
    h('div', { class: 'actions' },
      h('button', { type: 'submit', id: 'recommend' }, 'Recommend a scope'),
      h('button', { type: 'button', class: 'secondary', id: 'skip-wizard', onclick: () => skip() }, 'Skip: I know my scope'),
      h('a', { class: 'button secondary', href: '#/' }, 'Cancel')));

  // Every answer as the form holds it (text), for the `when` rules.
  const rawValues = () => {
    const v = {};
    for (const q of PROFILE) {
      if (q.kind) v[q.id] = form.querySelector(`#p-${q.id}`).value.trim();
      else v[q.id] = form.querySelector(`input[name=p-${q.id}]:checked`)?.value ?? '';
    }
    return v;
  };
  const shown = (q, v) => !q.when || q.when(v);
  const syncShown = () => {
    const v = rawValues();
    for (const q of PROFILE) form.querySelector(`[data-profile=${q.id}]`).hidden = !shown(q, v);
  };
  form.addEventListener('change', syncShown);
  syncShown();

  const readProfile = () => {
    const v = rawValues();
    const p = {};
    for (const q of PROFILE) {
      if (!shown(q, v)) continue;
      const value = v[q.id];
      if (q.yesno || q.bool) p[q.id] = value === 'true';
      else if (q.kind === 'date' || q.kind === 'number') p[q.id] = value || null;
      else p[q.id] = value;
    }
    if (p.customers_year_end_month) p.customers_year_end_month = Number(p.customers_year_end_month);
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
  const reason = (text, id) => (useAdvice && text ? h('p', { class: 'reason', id }, '→ ', marked(text, new Set())) : null);

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

  const lengths = [...new Set([3, 6, 9, 12, rec.observation_months])].sort((a, b) => a - b);
  const months = h('select', { id: 'obs-months' }, lengths.map((m) => h('option', { value: m, selected: m === rec.observation_months }, `${m} months`)));
  const period = h('fieldset', { id: 'period-field', hidden: true },
    h('legend', {}, 'Planned observation period'),
    h('p', { class: 'muted small' }, 'The months your controls must run and leave evidence before the auditor tests them. A first SOC 2 Type 2 often covers 3 to 6 months (3 is the practical minimum); a first SOC 1 Type 2 at least 6, ending at your customers’ year end. Later reports cover 12 months, starting the day after the previous period ended. These are common practice, not rules: confirm with your auditor.'),
    h('div', { class: 'row' },
      h('label', { for: 'obs-months' }, 'Length', months),
      h('label', { for: 'obs-start' }, 'Start (YYYY-MM-DD)', h('input', { id: 'obs-start', type: 'text', inputmode: 'numeric', placeholder: 'YYYY-MM-DD' })),
      h('label', { for: 'obs-end' }, 'End (YYYY-MM-DD)', h('input', { id: 'obs-end', type: 'text', inputmode: 'numeric', placeholder: 'YYYY-MM-DD' }))));

  // The recommended path (one report, or a Type 1 then a Type 2) with its dates, and the notes.
  const step = (r) => (r.report_type === 'type1'
    ? h('li', {}, h('strong', {}, 'Type 1'), ` as of ${r.as_of}; report expected around ${r.expected}`)
    : h('li', {}, h('strong', {}, 'Type 2'), ` over ${r.window.start} to ${r.window.end}; report expected around ${r.expected}`));
  const pathBox = useAdvice && rec.path.length ? h('div', { class: 'path', id: 'report-path' },
    h('p', { class: 'small' }, h('strong', {}, rec.path.length > 1 ? 'Your path: Type 1 first, then Type 2' : 'Your report')),
    h('ol', {}, rec.path.map(step)),
    rec.notes.length ? h('ul', { class: 'notes small', id: 'timing-notes' }, rec.notes.map((n) => h('li', {}, marked(n, new Set())))) : null) : null;

  // Questions that cannot apply (no office, say): suggested, never hidden. They stay in the
  // questionnaire; ticked, they are answered Not applicable with the reason as the note.
  const naList = useAdvice ? rec.not_applicable.filter((n) => c.questions.some((q) => q.id === n.question)) : [];
  const markNa = h('input', { type: 'checkbox', id: 'mark-na', checked: true });
  const naField = naList.length ? h('fieldset', { id: 'na-field' },
    h('legend', {}, 'Questions that cannot apply to you'),
    h('p', { class: 'muted small' }, 'From your answers, these questions cannot apply. They stay in the questionnaire; you can change the answer or the note at any time.'),
    h('ul', { class: 'na-list' }, naList.map((n) => h('li', { 'data-question': n.question },
      h('strong', {}, c.questions.find((q) => q.id === n.question).text),
      h('span', { class: 'muted small' }, ` Reason: ${n.reason}`)))),
    h('label', { class: 'choice' }, markNa, h('span', {}, `Answer these ${naList.length} questions “Not applicable” with the reason as the note`))) : null;

  const timelineBox = h('section', { class: 'panel timeline', id: 'timeline', 'aria-live': 'polite' });
  const error = h('p', { class: 'form-error', id: 'form-error', role: 'alert' });
  const form = h('form', { class: 'panel form', id: 'new-form', novalidate: true },
    h('label', { for: 'company' }, 'Company name', h('input', { id: 'company', type: 'text', maxlength: 200, required: true, autocomplete: 'organization' })),
    h('label', { for: 'assessment-name' }, 'Assessment name (optional)', h('input', { id: 'assessment-name', type: 'text', maxlength: 200, placeholder: 'For example: SOC 2 readiness 2026' })),
    h('fieldset', {}, h('legend', {}, 'Report'), reason(useAdvice ? rec.kind.reason : null, 'reason-kind'), KINDS.map((k) => radio('kind', k, k[0] === kind0)),
      h('p', { class: 'muted small', id: 'soc3-note', hidden: true }, 'Companies that want a public report add a SOC 3. It uses the same criteria and is issued from the same SOC 2 examination: the SOC 2 goes to customers under NDA, the SOC 3 can go on your website.')),
    h('fieldset', {}, h('legend', {}, 'Type'), reason(useAdvice ? rec.report_type.reason : null, 'reason-type'), pathBox, TYPES.map((t) => radio('type', t, t[0] === type0))),
    categories, objectives, period, naField,
    useAdvice && rec.also.length ? h('ul', { class: 'also' }, rec.also.map((x) => h('li', {}, marked(x, new Set())))) : null,
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
        windowStart: firstTimeline ? (useAdvice ? rec.window_start : null) : startInput.value || null,
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
    if (naField) naField.hidden = kind === 'soc1';
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
      if (naField && !naField.hidden && markNa.checked) await answerNotApplicable(a.id, naList);
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

// Answers the suggested questions that are in the new assessment's scope "Not applicable", with
// the reason as the note. A failure is shown but does not stop the assessment from opening.
async function answerNotApplicable(id, list) {
  try {
    const view = await call('get_assessment', { id });
    const inScope = new Set(view.question_ids);
    for (const n of list.filter((x) => inScope.has(x.question))) {
      await call('save_answer', { assessmentId: id, questionId: n.question, value: 'na', note: n.reason });
    }
  } catch (e) { showError(e); }
}
