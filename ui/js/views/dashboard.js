// The dashboard: readiness overall and per series (bars), gaps by severity, tasks by status,
// overdue tasks, readiness over time (a trend line from daily snapshots) and the projected
// "ready for audit" date with its rule.

import { call } from '../api.js';
import { bar, clear, h, pct } from '../dom.js';

const SVG = 'http://www.w3.org/2000/svg';
function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

export async function renderDashboard(panel, c, view, info) {
  const [d, vendors, risks] = await Promise.all([call('dashboard', { id: view.assessment.id }), call('vendor_register', { id: view.assessment.id }), call('risk_register', { id: view.assessment.id })]);
  const flags = vendors.vendors.flatMap((v) => v.flags.map((f) => ({ v, f })));
  const r = d.readiness;
  const stat = (label, value, id, cls = '') => h('div', { class: `stat ${cls}`, id }, h('span', { class: 'stat-value' }, String(value)), h('span', { class: 'stat-label' }, label));
  const t = d.tasks;
  const groupName = (g) => (c.seriesById.get(g) ? `${g} ${c.seriesById.get(g).name}` : g);

  clear(panel,
    h('div', { class: 'stat-row' },
      stat('Overall readiness', pct(r.overall), 'dash-overall'),
      stat('High gaps', r.gaps.high, 'dash-high'),
      stat('Medium gaps', r.gaps.medium, 'dash-medium'),
      stat('Low gaps', r.gaps.low, 'dash-low'),
      stat('Open tasks', t.todo + t.in_progress, 'dash-open'),
      stat('Overdue tasks', d.overdue, 'dash-overdue', d.overdue ? 'alert' : '')),
    h('section', { class: 'panel projected', id: 'projected' },
      h('h2', {}, 'Ready for audit'),
      h('p', { class: 'projected-message' }, d.projected.message),
      h('details', {}, h('summary', {}, 'How is this date worked out?'), h('p', {}, d.projected.rule))),
    h('div', { class: 'dash-grid' },
      h('section', { class: 'panel', 'aria-labelledby': 'series-h' },
        h('h2', { id: 'series-h', title: info.scoring_rule }, 'Readiness by series'),
        h('table', { class: 'bars', id: 'series-bars' }, h('tbody', {}, d.groups.map((g) => h('tr', {},
          h('th', { scope: 'row' }, groupName(g.group)), h('td', { class: 'bar-cell' }, bar(g.readiness, groupName(g.group))), h('td', { class: 'num' }, pct(g.readiness))))))),
      h('section', { class: 'panel', 'aria-labelledby': 'tasks-h' },
        h('h2', { id: 'tasks-h' }, 'Tasks by status'),
        h('table', { class: 'bars', id: 'task-bars' }, h('tbody', {}, [['To do', t.todo], ['In progress', t.in_progress], ['Done', t.done], ['Risk accepted', t.risk_accepted]].map(([l, n]) => h('tr', {},
          h('th', { scope: 'row' }, l), h('td', { class: 'bar-cell' }, bar(t.todo + t.in_progress + t.done + t.risk_accepted ? (100 * n) / (t.todo + t.in_progress + t.done + t.risk_accepted) : 0, l)), h('td', { class: 'num' }, n))))))),
    h('div', { class: 'dash-grid' },
      h('section', { class: 'panel', id: 'dash-risks', 'aria-labelledby': 'dash-risks-h' },
        h('h2', { id: 'dash-risks-h' }, h('a', { href: `#/a/${view.assessment.id}/risks` }, 'Risks')),
        h('p', {}, `${risks.risks.length} risk(s). `, risks.status.last ? `Last assessed ${risks.status.last}; next due by ${risks.status.next_due}.` : 'No risk assessment recorded yet.'),
        risks.status.overdue ? h('p', { class: 'flag' }, 'Risk assessment due') : null),
      h('section', { class: 'panel', id: 'dash-vendors', 'aria-labelledby': 'dash-vendors-h' },
        h('h2', { id: 'dash-vendors-h' }, h('a', { href: `#/a/${view.assessment.id}/vendors` }, `Vendor flags (${flags.length})`)),
        h('p', { class: 'muted small' }, vendors.summary),
        flags.length ? h('ul', { class: 'flag-list' }, flags.map(({ v, f }) => h('li', { dataset: { flag: f.kind } }, h('span', { class: 'flag' }, f.label), ' ', v.name))) : h('p', {}, 'No vendor flags.'))),
    h('section', { class: 'panel', 'aria-labelledby': 'trend-h' },
      h('h2', { id: 'trend-h' }, 'Readiness over time'),
      trend(d.history),
      h('p', { class: 'muted small' }, 'One point per day the assessment was opened on this dashboard; the latest point is today.')));
}

function trend(history) {
  const points = history.filter((x) => x.overall !== null && x.overall !== undefined);
  if (points.length === 0) return h('p', {}, 'No figures yet.');
  const W = 640; const H = 180; const P = 30;
  const x = (i) => P + (points.length === 1 ? (W - 2 * P) / 2 : (i * (W - 2 * P)) / (points.length - 1));
  const y = (v) => H - P - (v * (H - 2 * P)) / 100;
  const line = points.map((p, i) => `${x(i)},${y(p.overall)}`).join(' ');
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'trend', id: 'trend', role: 'img', 'aria-label': `Readiness over time: from ${Math.round(points[0].overall)}% on ${points[0].taken_on} to ${Math.round(points[points.length - 1].overall)}% on ${points[points.length - 1].taken_on}` },
    ...[0, 50, 100].map((v) => s('g', {}, s('line', { x1: P, x2: W - P, y1: y(v), y2: y(v), class: 'grid' }), s('text', { x: 2, y: y(v) + 4, class: 'axis' }, `${v}%`))),
    s('polyline', { points: line, class: 'trend-line' }),
    ...points.map((p, i) => s('circle', { cx: x(i), cy: y(p.overall), r: 4, class: 'trend-dot' }, s('title', {}, `${p.taken_on}: ${Math.round(p.overall)}%`))),
    s('text', { x: P, y: H - 6, class: 'axis' }, points[0].taken_on),
    s('text', { x: W - P, y: H - 6, class: 'axis', 'text-anchor': 'end' }, points[points.length - 1].taken_on));
  return svg;
}
