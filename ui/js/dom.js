// Tiny DOM helpers. Text always goes in as text nodes, never as HTML.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'value') el.value = v;
    else if (k === 'checked') el.checked = !!v;
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export function pct(value) {
  return value === null || value === undefined ? 'n/a' : `${Math.round(value)}%`;
}

// A horizontal bar for a 0-100 figure, with the figure as its accessible label. Coloured by
// how good the figure is, unless `tone` says otherwise ('neutral' for a plain share).
export function bar(value, label, tone = null) {
  const fill = h('span', { class: 'bar-fill' });
  const v = value === null || value === undefined ? 0 : Math.max(0, Math.min(100, value));
  fill.style.setProperty('width', `${v}%`);
  fill.classList.add(tone || (v >= 80 ? 'good' : v >= 50 ? 'fair' : 'poor'));
  return h('span', { class: 'bar', role: 'img', 'aria-label': `${label}: ${pct(value)}` }, fill);
}

let noticeTimer;
export function notice(message, kind = 'info') {
  const el = document.getElementById('notice');
  el.className = `notice ${kind}`;
  el.textContent = message;
  clearTimeout(noticeTimer);
  if (kind !== 'error') noticeTimer = setTimeout(() => { el.textContent = ''; el.className = 'notice'; }, 6000);
}

export function showError(err) {
  const message = err && err.message ? err.message : String(err);
  notice(message, 'error');
}

export function formatDate(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

// A notice with one action button, e.g. "Workbook saved. [Open it]".
export function noticeAction(message, label, action) {
  const el = document.getElementById('notice');
  clearTimeout(noticeTimer);
  el.className = 'notice info';
  el.replaceChildren(document.createTextNode(message + ' '),
    h('button', { type: 'button', class: 'link', onclick: action }, label));
  noticeTimer = setTimeout(() => { el.replaceChildren(); el.className = 'notice'; }, 15000);
}

// A byte count as people read it.
export function fileSize(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}
