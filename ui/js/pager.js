// Long lists a page at a time. Rust searches, filters and sorts the whole list and sends one
// page (preflight_remediation::listing); only that page is built. The pager's controls stay in
// place while the list under them is redrawn, so keyboard focus stays on the button pressed.

import { h } from './dom.js';

export const PAGE_SIZE = 100;

const count = (n) => n.toLocaleString('en-US');

// "Showing 1–100 of 5,000 tasks" and First, Previous, Next, Last. `onPage(to)` gets the page to
// show (from 0); call `el.update({ page, pages, from, to, total })` after each draw. At either end the buttons are
// marked unavailable (aria-disabled) rather than disabled, so focus is never thrown out.
export function pager(id, noun, onPage) {
  let at = { page: 0, pages: 1 };
  const status = h('p', { class: 'pager-status', id: `${id}-status`, role: 'status' });
  const go = (to) => { if (to >= 0 && to < at.pages && to !== at.page) onPage(to); };
  const button = (key, text, label, to) => h('button', {
    type: 'button', class: 'secondary', id: `${id}-${key}`, 'aria-label': label, onclick: () => go(to()),
  }, text);
  const buttons = {
    first: button('first', '« First', `First page of ${noun}`, () => 0),
    prev: button('prev', '‹ Previous', `Previous page of ${noun}`, () => at.page - 1),
    next: button('next', 'Next ›', `Next page of ${noun}`, () => at.page + 1),
    last: button('last', 'Last »', `Last page of ${noun}`, () => at.pages - 1),
  };
  const controls = h('div', { class: 'pager-buttons' }, Object.values(buttons));
  const el = h('nav', { class: 'pager', id, 'aria-label': `Pages of ${noun}` }, status, controls);
  el.update = (info) => {
    at = info;
    status.textContent = info.total === 0 ? `No ${noun} to show`
      : `Showing ${count(info.from)}–${count(info.to)} of ${count(info.total)} ${noun}`
        + (info.pages > 1 ? ` · page ${count(info.page + 1)} of ${count(info.pages)}` : '');
    controls.hidden = info.pages <= 1;
    const atStart = info.page === 0;
    const atEnd = info.page >= info.pages - 1;
    for (const [k, off] of [['first', atStart], ['prev', atStart], ['next', atEnd], ['last', atEnd]]) {
      buttons[k].setAttribute('aria-disabled', String(off));
    }
  };
  return el;
}

// Redraws part of a view and puts focus back on the control that had it (found again by id),
// when the redraw replaced it.
export function keepingFocus(draw) {
  const was = document.activeElement && document.activeElement.id;
  draw();
  if (was && document.activeElement?.id !== was) document.getElementById(was)?.focus();
}
