// The glossary in the window: a term is marked where it first appears in a text and explained
// on hover and on keyboard focus (Escape hides the explanation). Texts are split into text
// nodes and marked spans; nothing is ever inserted as HTML.

import { glossary } from './api.js';
import { h } from './dom.js';

let pattern = null; // one regular expression over every spelling, longest first
const bySpelling = new Map(); // lower-case spelling -> term
const byId = new Map();
let tip = null; // the one visible tooltip, shown beside the term in use
let current = null; // the term it explains

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Fetches the glossary once and wires the tooltip. Without a glossary, texts show unmarked.
export async function loadGlossary() {
  if (pattern) return;
  let g;
  try { g = await glossary(); } catch { return; }
  const defs = h('div', { id: 'glossary-definitions', hidden: true });
  for (const t of g.terms) {
    byId.set(t.id, t);
    defs.append(h('span', { id: `glossary-def-${t.id}` }, `${t.term}: ${t.definition}`));
    for (const s of [t.term, ...(t.also || [])]) bySpelling.set(s.toLowerCase(), t);
  }
  const spellings = [...bySpelling.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  if (!spellings.length) return;
  pattern = new RegExp(`\\b(${spellings.join('|')})(?:s|es)?\\b`, 'gi');
  tip = h('div', { id: 'glossary-tip', class: 'glossary-tip', role: 'tooltip', hidden: true });
  document.body.append(defs, tip);
  document.addEventListener('focusin', (e) => { const el = termOf(e.target); if (el) show(el); });
  document.addEventListener('focusout', (e) => { if (termOf(e.target)) hide(); });
  document.addEventListener('mouseover', (e) => { const el = termOf(e.target); if (el) show(el); });
  document.addEventListener('mouseout', (e) => {
    const el = termOf(e.target);
    if (el && !el.contains(e.relatedTarget) && document.activeElement !== el) hide();
  });
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && tip && !tip.hidden) hide(); });
  // Focusing a term may scroll it into view: keep the explanation beside it rather than hide it.
  window.addEventListener('scroll', () => { if (current) place(current); }, { passive: true, capture: true });
}

function termOf(node) {
  return node instanceof Element ? node.closest('.term') : null;
}

function show(el) {
  const t = byId.get(el.dataset.term);
  if (!t) return;
  tip.replaceChildren(h('strong', {}, t.term), ': ', t.definition);
  tip.dataset.term = t.id;
  tip.hidden = false;
  current = el;
  place(el);
}

function place(el) {
  if (!el.isConnected) { hide(); return; }
  const r = el.getBoundingClientRect();
  const width = Math.min(352, window.innerWidth - 16);
  const left = Math.max(8, Math.min(r.left, window.innerWidth - width - 8));
  tip.style.setProperty('max-width', `${width}px`);
  tip.style.setProperty('left', `${left}px`);
  const below = r.bottom + 6;
  const height = tip.offsetHeight;
  const top = below + height > window.innerHeight && r.top - height - 6 > 0 ? r.top - height - 6 : below;
  tip.style.setProperty('top', `${top}px`);
}

function hide() {
  current = null;
  if (tip) tip.hidden = true;
}

// The text as nodes, each glossary term marked at its first appearance. `seen` (a Set of term
// ids) may be shared by several texts so a term is marked once per card.
export function marked(text, seen = new Set()) {
  const s = String(text ?? '');
  if (!pattern) return [s];
  const out = [];
  let at = 0;
  for (const m of s.matchAll(pattern)) {
    const t = bySpelling.get(m[1].toLowerCase());
    if (!t || seen.has(t.id)) continue;
    seen.add(t.id);
    if (m.index > at) out.push(s.slice(at, m.index));
    out.push(h('span', { class: 'term', tabindex: 0, dataset: { term: t.id }, 'aria-describedby': `glossary-def-${t.id}` }, m[0]));
    at = m.index + m[0].length;
  }
  if (at < s.length) out.push(s.slice(at));
  return out;
}
